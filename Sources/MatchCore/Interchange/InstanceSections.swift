/// The `regions` and `couples` sections of a `talentmatch.instance/1` document, written one
/// way for every writer: the synthetic generator and the nightly snapshot encoder name their
/// candidates and vacancies differently, so ids are written by the caller's closures.
enum InstanceSections {
    static func writeRegions(_ regions: [RegionConstraint], _ writer: inout JSONWriter) {
        writer.key("regions")
        writer.beginArray()
        for region in regions {
            writer.newline()
            writer.beginObject()
            writer.key("code"); writer.string(region.code.digits)
            if let cap = region.cap { writer.key("cap"); writer.int(cap) }
            if let floor = region.floor { writer.key("floor"); writer.int(floor) }
            writer.endObject()
        }
        writer.endArray()
    }

    static func writeCouples(
        _ couples: [Couple], _ writer: inout JSONWriter,
        candidate: (Int32, inout JSONWriter) -> Void, vacancy: (Int32, inout JSONWriter) -> Void
    ) {
        writer.key("couples")
        writer.beginArray()
        for couple in couples {
            writer.newline()
            writer.beginObject()
            writer.key("members")
            writer.beginArray()
            candidate(couple.first, &writer)
            candidate(couple.second, &writer)
            writer.endArray()
            writer.key("ranking")
            writer.beginArray()
            for pair in couple.choices {
                writer.beginArray()
                for slot in [pair.first, pair.second] {
                    if slot == CouplePair.none { writer.null() } else { vacancy(slot, &writer) }
                }
                writer.endArray()
            }
            writer.endArray()
            writer.endObject()
        }
        writer.endArray()
    }
}
