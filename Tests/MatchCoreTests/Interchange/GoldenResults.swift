/// Golden results, checked byte for byte. Regenerate only for an intended format change:
/// `talentmatch solve --input example.json --explain --no-timings`.
enum GoldenResults {
    static let issueExample = #"""
{"format":"talentmatch.result/1","seed":42,"mechanism":"flexible-deferred-acceptance","couplesConverged":false,"couplesSettlement":"no-stable-matching","assignments":[
{"candidate":"c1","vacancy":"v2"}
,{"candidate":"c3","vacancy":"v1"}],"unassigned":["c4","c5"],"floorShortfall":[{"region":"5119","floor":2,"placed":1,"shortfall":1}],"verification":{"stable":false,"feasible":true,"notion":"kamada-kojima","violations":[
{"kind":"couple-blocking-pair","candidate":"c4","couple":0,"detail":"couple 0 prefers ('v1', 'v2'), where both members would be admitted"}]},"explanations":[
{"candidate":"c1","vacancy":"v2","cutoff":71.2,"yours":71.2,"rankedAbove":[]}
,{"candidate":"c3","vacancy":"v1","cutoff":"open","yours":{"rank":2},"rankedAbove":[]}
,{"candidate":"c4","vacancy":null,"rankedAbove":[{"vacancy":"v1","reason":"not-admitted","cutoff":"open","text":"not admitted although it would have you: the outcome is unstable here (see verification)"},{"vacancy":"v3","reason":"not-eligible","cutoff":"open","text":"not eligible: the vacancy does not list you"}]}
,{"candidate":"c5","vacancy":null,"rankedAbove":[{"vacancy":"v2","reason":"not-admitted","cutoff":71.2,"text":"not admitted although it would have you: the outcome is unstable here (see verification)"}]}],"stats":{"proposals":26,"rounds":1,"coupleProposals":12}}
"""#
}
