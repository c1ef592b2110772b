import MatchCore

/// The explanation stored with each offer, as compact JSON: the score breakdown, the rules
/// that admitted the candidate, and for every vacancy they ranked higher, why not (with that
/// vacancy's cutoff). The gateway shows it as is; it is exactly what the engine decided.
enum OfferExplanation {
    static func json(_ explanation: CandidateExplanation, instance: MatchInstance, snapshot: NightlySnapshot) -> String {
        var writer = JSONWriter(reserving: 512)
        writer.beginObject()
        writer.key("vacancy"); writer.string(instance.vacancyIDs[explanation.vacancy])
        writer.key("policy"); writer.string(snapshot.policy.policy.version)
        if let standing = explanation.standing { writer.key("standing"); writer.string(standing.description) }
        if let breakdown = explanation.breakdown {
            writer.key("score"); writer.double(breakdown.score)
            writer.key("breakdown")
            writer.beginArray()
            for part in breakdown.contributions {
                writer.beginObject()
                writer.key("feature"); writer.string(part.feature.rawValue)
                writer.key("raw"); writer.double(part.raw)
                writer.key("weight"); writer.double(part.weight)
                writer.key("contribution"); writer.double(part.contribution)
                writer.endObject()
            }
            writer.endArray()
        }
        writer.key("admittedBy")
        writer.beginArray()
        for rule in explanation.admittedBy { writer.string(rule) }
        writer.endArray()
        writer.key("rankedAbove")
        writer.beginArray()
        for passed in explanation.rankedAbove {
            writer.beginObject()
            writer.key("vacancy"); writer.string(instance.vacancyIDs[passed.vacancy])
            writer.key("title"); writer.string(snapshot.vacancies[passed.vacancy].title)
            writer.key("code"); writer.string(passed.reason.code)
            writer.key("why"); writer.string(passed.reason.description)
            writer.key("cutoff"); writer.string(passed.cutoff.description)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
