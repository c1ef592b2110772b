/// Writes the `explanations` section of a result: per candidate, the vacancy they got,
/// their standing there, the score breakdown (with profiles) and why not each vacancy they
/// ranked higher, each with its cutoff.
enum ExplanationWriter {
    static func write(_ writer: inout JSONWriter, explainer: Explainer) {
        let instance = explainer.instance
        writer.beginArray()
        for candidate in 0..<instance.candidateCount {
            let explanation = explainer.explain(candidate)
            writer.newline()
            writer.beginObject()
            writer.key("candidate"); writer.string(instance.candidateIDs[candidate])
            writer.key("vacancy")
            if explanation.vacancy >= 0 { writer.string(instance.vacancyIDs[explanation.vacancy]) } else { writer.null() }
            if explanation.vacancy >= 0 {
                writer.key("cutoff"); cutoff(&writer, explainer.cutoff(explanation.vacancy))
            }
            if let standing = explanation.standing { writer.key("yours"); cutoff(&writer, standing) }
            if let breakdown = explanation.breakdown { writeBreakdown(&writer, breakdown) }
            if !explanation.admittedBy.isEmpty {
                writer.key("admittedBy")
                writer.beginArray()
                for rule in explanation.admittedBy { writer.string(rule.description) }
                writer.endArray()
            }
            writer.key("rankedAbove")
            writer.beginArray()
            for passed in explanation.rankedAbove {
                writer.beginObject()
                writer.key("vacancy"); writer.string(instance.vacancyIDs[passed.vacancy])
                writer.key("reason"); writer.string(passed.reason.code)
                writer.key("cutoff"); cutoff(&writer, passed.cutoff)
                writer.key("text"); writer.string(passed.reason.description)
                if let policy = passed.policy { writer.key("policy"); writer.string(policy) }
                writer.endObject()
            }
            writer.endArray()
            writer.endObject()
        }
        writer.endArray()
    }

    /// A score as a number, a rank as `{"rank": n}`, open as the string "open".
    private static func cutoff(_ writer: inout JSONWriter, _ value: Cutoff) {
        switch value {
        case .open: writer.string("open")
        case .score(let score): writer.double(score)
        case .rank(let position):
            writer.beginObject()
            writer.key("rank"); writer.int(position)
            writer.endObject()
        }
    }

    private static func writeBreakdown(_ writer: inout JSONWriter, _ breakdown: ScoreBreakdown) {
        writer.key("score"); writer.double(breakdown.score)
        writer.key("policy"); writer.string(breakdown.policyVersion)
        writer.key("breakdown")
        writer.beginArray()
        for item in breakdown.contributions {
            writer.beginObject()
            writer.key("feature"); writer.string(item.feature.rawValue)
            writer.key("raw"); writer.double(Scorer.rounded(item.raw))
            writer.key("weight"); writer.double(item.weight)
            writer.key("contribution"); writer.double(item.contribution)
            writer.endObject()
        }
        writer.endArray()
    }
}
