/// Real region and specialty codes for synthetic instances, read from the reference CSV
/// tables (`Schema/reference`). Parsing is pure: callers pass the files' text.
public struct ReferenceCatalogue: Sendable {
    public var counties: [RegionCode]
    public var specialties: [SpecialtyCode]
    /// National key assistance counties (国家乡村振兴重点帮扶县), underserved.
    public var keyAssistanceCounties: Set<RegionCode>

    public init(counties: [RegionCode], specialties: [SpecialtyCode], keyAssistanceCounties: Set<RegionCode> = []) {
        precondition(!counties.isEmpty && !specialties.isEmpty, "a catalogue needs counties and specialties")
        self.counties = counties
        self.specialties = specialties
        self.keyAssistanceCounties = keyAssistanceCounties
    }

    /// Parses `regions.csv` (code,name,level,parent_code), `specialties.csv` (code,…) and
    /// optionally `key_assistance_counties.csv` (…,code last).
    /// - Throws: `InputError` naming the file and line, e.g. `regions.csv:17`.
    public static func parse(regionsCSV: String, specialtiesCSV: String, keyCountiesCSV: String? = nil) throws(InputError) -> ReferenceCatalogue {
        var counties: [RegionCode] = []
        for (number, line) in lines(regionsCSV) {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count >= 3 else { throw InputError("regions.csv:\(number)", "expected code,name,level,parent_code") }
            guard fields[2] == "county" else { continue }
            guard let code = RegionCode(fields[0]) else { throw InputError("regions.csv:\(number)", "malformed region code '\(fields[0])'") }
            counties.append(code)
        }
        var specialties: [SpecialtyCode] = []
        for (number, line) in lines(specialtiesCSV) {
            let field = line.split(separator: ",", omittingEmptySubsequences: false).first ?? ""
            guard let code = SpecialtyCode(field) else { throw InputError("specialties.csv:\(number)", "malformed specialty code '\(field)'") }
            specialties.append(code)
        }
        var key: Set<RegionCode> = []
        for (number, line) in lines(keyCountiesCSV ?? "") {
            let field = line.split(separator: ",", omittingEmptySubsequences: false).last ?? ""
            guard let code = RegionCode(field) else { throw InputError("key_assistance_counties.csv:\(number)", "malformed region code '\(field)'") }
            key.insert(code)
        }
        guard !counties.isEmpty else { throw InputError("regions.csv", "no county-level regions found") }
        guard !specialties.isEmpty else { throw InputError("specialties.csv", "no specialties found") }
        return ReferenceCatalogue(counties: counties, specialties: specialties, keyAssistanceCounties: key)
    }

    /// Data lines with 1-based line numbers, skipping the header and blank lines.
    private static func lines(_ text: String) -> [(Int, Substring)] {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated().compactMap { index, line in
            let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
            return index == 0 || trimmed.isEmpty ? nil : (index + 1, trimmed)
        }
    }
}
