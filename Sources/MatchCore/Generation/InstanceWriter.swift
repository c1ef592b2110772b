/// Writes a synthetic market as a `talentmatch.instance/1` document.
enum InstanceWriter {
    static func write(_ market: SyntheticMarket, settings: GeneratorSettings, catalogue: ReferenceCatalogue) -> [UInt8] {
        let candidateIDs = IDArena(prefix: "c", count: settings.candidates)
        let vacancyIDs = IDArena(prefix: "v", count: settings.vacancies)
        var writer = JSONWriter(reserving: 10 * (market.choices.items.count + market.priorities.items.count) + 1 << 20)
        writer.beginObject()
        writer.key("format"); writer.string(InstanceDocument.format)
        writer.key("seed"); writer.uint(settings.seed)
        writer.key("candidates")
        writer.beginArray()
        for candidate in 0..<settings.candidates {
            writer.newline()
            writer.beginObject()
            writer.key("id"); writer.plainString(candidateIDs[candidate])
            writer.key("ranking")
            writer.beginArray()
            for vacancy in market.choices[candidate] { writer.plainString(vacancyIDs[Int(vacancy)]) }
            writer.endArray()
            writer.endObject()
        }
        writer.endArray()
        writeVacancies(&writer, market, catalogue, candidateIDs, vacancyIDs)
        writeConstraints(&writer, market, candidateIDs, vacancyIDs)
        writer.endObject()
        writer.newline()
        return writer.bytes
    }

    private static func writeVacancies(
        _ writer: inout JSONWriter, _ market: SyntheticMarket, _ catalogue: ReferenceCatalogue, _ candidateIDs: IDArena, _ vacancyIDs: IDArena
    ) {
        writer.key("vacancies")
        writer.beginArray()
        for vacancy in 0..<market.capacities.count {
            writer.newline()
            writer.beginObject()
            writer.key("id"); writer.plainString(vacancyIDs[vacancy])
            writer.key("capacity"); writer.int(Int(market.capacities[vacancy]))
            writer.key("region"); writer.string(catalogue.counties[Int(market.vacancyCounty[vacancy])].digits)
            if market.targets[vacancy] > 0 { writer.key("target"); writer.int(Int(market.targets[vacancy])) }
            let range = market.priorities.range(of: vacancy)
            if market.priorityScores.isEmpty {
                writer.key("ranking")
                writer.beginArray()
                for index in range { writer.plainString(candidateIDs[Int(market.priorities.items[index])]) }
                writer.endArray()
            } else {
                writer.key("scores")
                writer.beginObject()
                for index in range {
                    writer.key(String(decoding: candidateIDs[Int(market.priorities.items[index])], as: UTF8.self))
                    writer.double(market.priorityScores[index])
                }
                writer.endObject()
            }
            writer.endObject()
        }
        writer.endArray()
    }

    private static func writeConstraints(_ writer: inout JSONWriter, _ market: SyntheticMarket, _ candidateIDs: IDArena, _ vacancyIDs: IDArena) {
        InstanceSections.writeRegions(market.regions, &writer)
        InstanceSections.writeCouples(
            market.couples, &writer,
            candidate: { index, writer in writer.plainString(candidateIDs[Int(index)]) },
            vacancy: { index, writer in writer.plainString(vacancyIDs[Int(index)]) }
        )
    }
}

/// Ids like `c123` for dense indices, rendered once into one byte arena.
struct IDArena {
    private var bytes: [UInt8] = []
    private var starts: [Int] = [0]

    init(prefix: String, count: Int) {
        bytes.reserveCapacity(count * 8)
        for index in 0..<count {
            bytes.append(contentsOf: prefix.utf8)
            bytes.append(contentsOf: String(index).utf8)
            starts.append(bytes.count)
        }
    }

    subscript(index: Int) -> ArraySlice<UInt8> { bytes[starts[index]..<starts[index + 1]] }
}
