import MatchCore

/// The explanation stored with each offer: exactly what the engine decided, as codes and
/// numbers. Readers render the words in their own language (the gateway in zh-CN or en,
/// `demo` in English), so nothing here is prose.
///
/// Version 2 (ADR 0023), one JSON object:
/// - `"v": 2`;
/// - `choice`: the post's rank in the candidate's whole list (ADR 0030: posts of every office
///   and posts not open tonight count), when the writer knows it;
/// - `policy`: the version of the office policy that scored the post they got (`BZ-HR v3`);
/// - `score`: the candidate's score at the post they got (or `{"rank": n}` without scores);
/// - `cutoff`: that post's cutoff (the lowest admitted score, or `"open"`);
/// - `breakdown`: feature → `[raw, weight, contribution]`, raw rounded to 4 decimals;
/// - `admittedBy`: the hard rules met there, each `[code, values…]` (see `admissionRule`);
/// - `rankedAbove`: for each post ranked higher, `[vacancy id, reason, values…]`:
///   `[id, "full", cutoff, yours]` (in a market `[id, "full", cutoff, yours, policy]`, naming
///   the office policy that scored that post), `[id, "region-cap", "5101"]`,
///   `[id, "not-eligible", [[code, values…], …]]` or `[id, "not-admitted"]`.
///
/// Household rules are `[region, basis]` for the usual `within` kind and
/// `[region, basis, "outside"]`-style with `"outside"` appended for the other, so that
/// explanations written before rules had kinds read the same.
///
/// Positional arrays rather than keyed objects on purpose: a national night writes about
/// 300,000 of these with nine posts ranked above on average, and parsing 440 MB of keyed
/// prose was most of the offers insert (ADR 0023). The `talentmatch.result/1` export keeps
/// the keyed, worded form for auditors.
public enum OfferExplanation {
    static let version = 2

    /// - Parameters:
    ///   - cutoff: the cutoff of the post the candidate got (`Explainer.cutoff`).
    ///   - vacancyIDs: the database id of a vacancy position in the instance.
    ///   - choice: the post's rank in the candidate's whole ranking, when known.
    public static func json(
        _ explanation: CandidateExplanation, cutoff postCutoff: Cutoff?, choice: Int? = nil, vacancyIDs: (Int) -> Int64
    ) -> String {
        var writer = JSONWriter(reserving: 640)
        writer.beginObject()
        writer.key("v"); writer.int(version)
        if let choice { writer.key("choice"); writer.int(choice) }
        if let policy = explanation.breakdown?.policyVersion { writer.key("policy"); writer.string(policy) }
        if let standing = explanation.standing { writer.key("score"); cutoff(standing, &writer) }
        if let postCutoff { writer.key("cutoff"); cutoff(postCutoff, &writer) }
        if let breakdown = explanation.breakdown {
            writer.key("breakdown")
            writer.beginObject()
            for part in breakdown.contributions {
                writer.key(part.feature.rawValue)
                writer.beginArray()
                writer.double(part.roundedRaw); writer.double(part.weight); writer.double(part.contribution)
                writer.endArray()
            }
            writer.endObject()
        }
        writer.key("admittedBy")
        writer.beginArray()
        for rule in explanation.admittedBy { admissionRule(rule, &writer) }
        writer.endArray()
        writer.key("rankedAbove")
        writer.beginArray()
        for passed in explanation.rankedAbove {
            writer.beginArray()
            writer.int(Int(vacancyIDs(passed.vacancy)))
            writer.string(passed.reason.code)
            rejection(passed.reason, &writer)
            if case .full = passed.reason, let policy = passed.policy { writer.string(policy) }
            writer.endArray()
        }
        writer.endArray()
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// A score as a number, a rank as `{"rank": n}`, a post with free seats as `"open"`.
    private static func cutoff(_ value: Cutoff, _ writer: inout JSONWriter) {
        switch value {
        case .open: writer.string("open")
        case .score(let score): writer.double(score)
        case .rank(let position):
            writer.beginObject(); writer.key("rank"); writer.int(position); writer.endObject()
        }
    }

    private static func rejection(_ reason: RejectionReason, _ writer: inout JSONWriter) {
        switch reason {
        case .full(let bar, let yours):
            cutoff(bar, &writer); cutoff(yours, &writer)
        case .regionCapReached(let region):
            writer.string(region.digits)
        case .notEligible(let reasons):
            writer.beginArray()
            for reason in reasons { ineligibility(reason, &writer) }
            writer.endArray()
        case .notAdmitted:
            break
        }
    }

    /// `[code, values…]` with the values in the order of the engine's enum.
    private static func ineligibility(_ reason: IneligibilityReason, _ writer: inout JSONWriter) {
        writer.beginArray()
        writer.string(reason.code)
        switch reason {
        case .specialtyMismatch(let required):
            for requirement in required {
                writer.beginArray()
                writer.string(requirement.code.description)
                for fit in requirement.accepted.sorted(by: >) { writer.string(fit.code) }
                writer.endArray()
            }
        case .educationBelowMinimum(let required, let actual):
            writer.string(required.rawValue); writer.string(actual.rawValue)
        case .titleBelowMinimum(let required, let actual):
            writer.string(required.rawValue); writer.string(actual.rawValue)
        case .experienceBelowMinimum(let required, let actual):
            writer.int(required); writer.int(actual)
        case .noCommonIntroductionMode(let vacancy, let candidate):
            modes(vacancy, &writer); modes(candidate, &writer)
        case .householdRegistration(let rule, let actual):
            writer.string(rule.region.digits); writer.string(rule.legalBasis)
            if let actual { writer.string(actual.digits) } else { writer.null() }
            if rule.kind == .outside { writer.string(rule.kind.rawValue) }
        }
        writer.endArray()
    }

    /// `[code, values…]`: `["specialty", fit]`, `["specialty"]` (no requirement),
    /// `["education", actual, minimum]`, `["title", actual, minimum]`,
    /// `["experience", actual, required]`, `["modes", [mode…]]`,
    /// `["household-registration", region, basis]` (`"outside"` appended for that kind).
    private static func admissionRule(_ rule: AdmissionRule, _ writer: inout JSONWriter) {
        writer.beginArray()
        switch rule {
        case .specialtyFit(let fit): writer.string("specialty"); writer.string(fit.code)
        case .noSpecialtyRequirement: writer.string("specialty")
        case .education(let actual, let minimum): writer.string("education"); writer.string(actual.rawValue); writer.string(minimum.rawValue)
        case .title(let actual, let minimum): writer.string("title"); writer.string(actual.rawValue); writer.string(minimum.rawValue)
        case .experience(let actual, let required): writer.string("experience"); writer.int(actual); writer.int(required)
        case .commonModes(let common):
            writer.string("modes"); writer.beginArray(); for mode in common { writer.string(mode.rawValue) }; writer.endArray()
        case .householdRegistration(let rule):
            writer.string("household-registration"); writer.string(rule.region.digits); writer.string(rule.legalBasis)
            if rule.kind == .outside { writer.string(rule.kind.rawValue) }
        }
        writer.endArray()
    }

    private static func modes(_ modes: Set<IntroductionMode>, _ writer: inout JSONWriter) {
        writer.beginArray()
        for mode in modes.map(\.rawValue).sorted() { writer.string(mode) }
        writer.endArray()
    }
}
