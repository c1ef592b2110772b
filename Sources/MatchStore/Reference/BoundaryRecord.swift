import MatchCore

/// One row of a county-boundary file (`Schema/reference/county_boundaries/<province>.csv`):
/// a county's code and its outline as SVG path data in the province's plane (migration 0104).
public struct BoundaryRecord: Sendable, Equatable {
    public let line: Int
    public let region: RegionCode
    public let path: String

    /// Reads `code,path`; a path is checked here so that a bad file is refused with its line,
    /// not by the table's CHECK halfway through a load.
    public static func parse(_ table: CSVTable) throws(ReferenceError) -> [BoundaryRecord] {
        let code = try table.column("code", "代码"), path = try table.column("path", "路径")
        var seen = Set<RegionCode>()
        return try table.rows.map { row throws(ReferenceError) in
            let text = row.fields[code].trimmingSpaces
            guard text.count == 6, let region = RegionCode(text) else {
                throw .invalidValue(file: table.fileName, line: row.line, column: "code", value: text, expected: "a six-digit GB/T 2260 code")
            }
            let outline = row.fields[path].trimmingSpaces
            guard isPathData(outline) else {
                throw .invalidValue(file: table.fileName, line: row.line, column: "path", value: String(outline.prefix(40)),
                                    expected: "closed outlines 'M x y' then relative 'l dx dy' steps and 'z', in whole units")
            }
            guard seen.insert(region).inserted else { throw .duplicate(file: table.fileName, line: row.line, value: text) }
            return BoundaryRecord(line: row.line, region: region, path: outline)
        }
    }

    /// The grammar of migration 0104's CHECK: `(M<n> <n>(l<±n>[ ]<±n>)+z)+`.
    static func isPathData(_ text: String) -> Bool {
        text.wholeMatch(of: /(M[0-9]+ [0-9]+(l-?[0-9]+ ?-?[0-9]+)+z)+/) != nil
    }
}
