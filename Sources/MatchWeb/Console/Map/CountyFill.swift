import MatchStore

/// One county's row of the map's table: its seats and placements in a night, joined from the
/// office's fill by region as the night stored it when it committed (ADR 0052) and the area's
/// counties. Posts registered at a prefecture or province
/// code lie in no one county; they are listed apart (`elsewhere`), not spread over counties.
struct CountyFill: Sendable, Equatable {
    let county: CountyOutlineReader.County
    let seats: Int
    let filled: Int

    var fillClass: FillRateClass { FillRateClass(seats: seats, filled: filled) }

    /// Whole percent, rounded down like the classes, so a row and its colour never disagree.
    var percent: Int? { seats > 0 ? filled * 100 / seats : nil }

    /// Every county of `area` with its numbers, and the fill rows of regions that are no county of it.
    static func join(area: [CountyOutlineReader.County], fill: [NightlySummary.RegionFill]) -> (counties: [CountyFill], elsewhere: [NightlySummary.RegionFill]) {
        let byRegion = Dictionary(fill.map { ($0.region, $0) }, uniquingKeysWith: { first, _ in first })
        let counties = area.map { county in
            CountyFill(county: county, seats: byRegion[county.code]?.seats ?? 0, filled: byRegion[county.code]?.filled ?? 0)
        }
        let codes = Set(area.map(\.code))
        return (counties, fill.filter { !codes.contains($0.region) })
    }
}
