/// The codes a generated market draws from: every county, every prefecture, every specialty,
/// and the key assistance counties, as shipped in `Schema/reference/`.
///
/// Read from the shipped files (the same ones `migrate` loads), not from the rows in force in
/// a database: a later `reference import` (a new key assistance list, a county merged away)
/// changes what is in force, and every draw after the first would change with it, so the same
/// seed would give another market depending on the database and the day.
public struct ReferenceCodes: Sendable, Equatable {
    /// In code order, so that a seeded draw picks the same county on every machine.
    public let counties: [String]
    /// In code order.
    public let specialties: [String]
    public let keyAssistanceCounties: Set<String>
    /// Prefecture codes (`511900`): municipalities have none, their counties sit under the province.
    public let prefectures: Set<String>
}

extension ShippedReference {
    /// The shipped codes a generated market draws from.
    public func marketCodes() throws(ReferenceError) -> ReferenceCodes {
        let regions = try RegionRecord.parse(table("regions.csv"))
        let counties = regions.filter { $0.level == .county }.map(\.code.padded).sorted()
        let prefectures = regions.filter { $0.level == .prefecture }.map(\.code.padded)
        let specialties = try SpecialtyRecord.parse(table("specialties.csv")).map(\.code.description).sorted()
        let keyFile = Self.designations.first { $0.list.kind == .keyAssistanceCounty }?.file ?? "key_assistance_counties.csv"
        let keyCounties = try DesignationRecord.parse(table(keyFile), withCategory: false).records.map(\.region.padded)
        return ReferenceCodes(
            counties: counties, specialties: specialties, keyAssistanceCounties: Set(keyCounties), prefectures: Set(prefectures)
        )
    }
}
