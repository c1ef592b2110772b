import MatchCore

/// The explanation stored with each offer, as compact JSON: the score breakdown (feature →
/// [raw, weight, contribution]), the rules that admitted the candidate, and for every vacancy
/// they ranked higher, why not: `full` with that vacancy's cutoff, `region-cap` with the
/// region, or `not-eligible` with the failed rules in words. It is exactly what the engine
/// decided; titles and sentences are rendered by whoever shows it, in the reader's language.
/// Kept small on purpose: a national night stores hundreds of thousands of them.
enum OfferExplanation {
    static func json(_ explanation: CandidateExplanation, instance: MatchInstance, snapshot: NightlySnapshot) -> String {
        var writer = JSONWriter(reserving: 256)
        writer.beginObject()
        writer.key("vacancy"); writer.string(instance.vacancyIDs[explanation.vacancy])
        writer.key("policy"); writer.string(snapshot.policy.policy.version)
        if let standing = explanation.standing { writer.key("cutoff"); writer.string(standing.description) }
        if let breakdown = explanation.breakdown {
            writer.key("score"); writer.double(breakdown.score)
            writer.key("breakdown")
            writer.beginObject()
            for part in breakdown.contributions {
                writer.key(part.feature.rawValue)
                writer.beginArray(); writer.double(part.raw); writer.double(part.weight); writer.double(part.contribution); writer.endArray()
            }
            writer.endObject()
        }
        writer.key("admittedBy")
        writer.beginArray()
        for rule in explanation.admittedBy { writer.string(rule) }
        writer.endArray()
        writer.key("rankedAbove")
        writer.beginArray()
        for passed in explanation.rankedAbove { write(passed, instance: instance, &writer) }
        writer.endArray()
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    private static func write(_ passed: CandidateExplanation.Passed, instance: MatchInstance, _ writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("vacancy"); writer.string(instance.vacancyIDs[passed.vacancy])
        writer.key("reason"); writer.string(passed.reason.code)
        switch passed.reason {
        case .full(let cutoff, let yours):
            writer.key("cutoff"); writer.string(cutoff.description)
            writer.key("yours"); writer.string(yours.description)
        case .regionCapReached(let region):
            writer.key("region"); writer.string(region.digits)
        case .notEligible(let reasons):
            writer.key("rules")
            writer.beginArray()
            for reason in reasons { writer.string(reason) }
            writer.endArray()
        case .notAdmitted:
            break
        }
        writer.endObject()
    }
}
