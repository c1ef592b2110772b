/// Writes a `MatchInstance` back out as a `talentmatch.instance/1` document, or as `/2` with
/// the night's published lottery.
///
/// This is how a run stays verifiable from outside: the nightly job stores the exact
/// instance it solved, and an auditor re-solves the file with any tool. Vacancies that carry
/// scores are written with `scores` (ties are then broken again by the same seeded lottery,
/// because candidates keep their order), others with `ranking`. Reading the output with
/// `InstanceDocument.decode` gives back an instance that solves to the same assignment.
public enum InstanceEncoder {
    /// - Parameter lottery: the night's revealed lottery, whose seed is the instance's; with
    ///   one, the document is `talentmatch.instance/2`.
    public static func encode(_ instance: MatchInstance, lottery: LotteryReveal? = nil) -> [UInt8] {
        precondition(lottery.map { $0.seed == instance.seed } ?? true, "the instance is drawn with the lottery's seed")
        let ids = Identifiers(candidates: QuotedStrings(instance.candidateIDs), vacancies: QuotedStrings(instance.vacancyIDs))
        var writer = JSONWriter(reserving: estimatedSize(instance, ids))
        writer.beginObject()
        writer.key("format"); writer.string(lottery == nil ? InstanceDocument.format : InstanceDocument.marketFormat)
        writer.key("seed"); writer.uint(instance.seed)
        if let lottery { InstanceSections.writeLottery(lottery, &writer) }
        writer.key("candidates"); writeCandidates(instance, ids, &writer)
        writer.key("vacancies"); writeVacancies(instance, ids, &writer)
        if !instance.regions.isEmpty {
            InstanceSections.writeRegions(instance.regions, &writer)
        }
        if !instance.couples.isEmpty {
            InstanceSections.writeCouples(
                instance.couples, &writer,
                candidate: { index, writer in ids.candidates.write(Int(index), into: &writer) },
                vacancy: { index, writer in ids.vacancies.write(Int(index), into: &writer) }
            )
        }
        writer.endObject()
        writer.newline()
        return writer.bytes
    }

    /// A little above the document's size: a national snapshot is 640 MB, and growing the
    /// buffer by doubling copied most of it again and faulted in twice the memory.
    private static func estimatedSize(_ instance: MatchInstance, _ ids: Identifiers) -> Int {
        let priorityEntry = ids.candidates.averageLength + 10   // "c123":71.2345,
        let rankingEntry = ids.vacancies.averageLength + 1       // "v12",
        return instance.priorities.items.count * priorityEntry + instance.choices.items.count * rankingEntry
            + instance.candidateCount * (ids.candidates.averageLength + 20) + instance.vacancyCount * 80
            + instance.regions.count * 80 + instance.couples.count * 200 + 4096
    }

    /// Every id quoted once: the writers below repeat them tens of millions of times.
    private struct Identifiers {
        let candidates: QuotedStrings
        let vacancies: QuotedStrings
    }

    private static func writeCandidates(_ instance: MatchInstance, _ ids: Identifiers, _ writer: inout JSONWriter) {
        writer.beginArray()
        for candidate in 0..<instance.candidateCount {
            writer.newline()
            writer.beginObject()
            writer.key("id"); ids.candidates.write(candidate, into: &writer)
            writer.key("ranking")
            writer.beginArray()
            for vacancy in instance.choices[candidate] { ids.vacancies.write(Int(vacancy), into: &writer) }
            writer.endArray()
            writer.endObject()
        }
        writer.endArray()
    }

    private static func writeVacancies(_ instance: MatchInstance, _ ids: Identifiers, _ writer: inout JSONWriter) {
        writer.beginArray()
        for vacancy in 0..<instance.vacancyCount {
            writer.newline()
            writer.beginObject()
            writer.key("id"); ids.vacancies.write(vacancy, into: &writer)
            writer.key("capacity"); writer.int(Int(instance.capacities[vacancy]))
            if let region = instance.vacancyRegions[vacancy] {
                writer.key("region"); writer.string(region.digits)
            }
            if instance.targets[vacancy] > 0 {
                writer.key("target"); writer.int(Int(instance.targets[vacancy]))
            }
            writePriorities(instance, vacancy: vacancy, ids, &writer)
            writer.endObject()
        }
        writer.endArray()
    }

    private static func writePriorities(_ instance: MatchInstance, vacancy: Int, _ ids: Identifiers, _ writer: inout JSONWriter) {
        let range = instance.priorities.range(of: vacancy)
        let scored = range.allSatisfy { instance.score(atPriorityIndex: $0) != nil }
        if scored, !range.isEmpty {
            writer.key("scores")
            writer.beginObject()
            for index in range {
                ids.candidates.write(Int(instance.priorities.items[index]), into: &writer, asKey: true)
                writer.double(instance.score(atPriorityIndex: index) ?? 0)
            }
            writer.endObject()
        } else {
            writer.key("ranking")
            writer.beginArray()
            for index in range { ids.candidates.write(Int(instance.priorities.items[index]), into: &writer) }
            writer.endArray()
        }
    }
}
