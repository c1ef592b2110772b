import MatchCore

/// One row of a GB/T 2260 region table: `code,name,level,parent_code`.
public struct RegionRecord: Sendable, Equatable {
    public let code: RegionCode
    public let name: String
    public let level: RegionLevel
    public let parent: RegionCode?

    /// Reads and checks every row; the first bad one is reported with its line.
    public static func parse(_ table: CSVTable) throws(ReferenceError) -> [RegionRecord] {
        let code = try table.column("code", "代码"), name = try table.column("name", "名称")
        let level = try table.column("level", "级别"), parent = try table.column("parent_code", "上级代码")
        var seen = Set<RegionCode>()
        return try table.rows.map { row throws(ReferenceError) in
            let field = { (index: Int) in row.fields[index].trimmingSpaces }
            guard field(code).count == 6, let regionCode = RegionCode(field(code)) else {
                throw .invalidValue(file: table.fileName, line: row.line, column: "code", value: field(code), expected: "a six-digit GB/T 2260 code")
            }
            guard let regionLevel = RegionLevel(rawValue: field(level)), regionLevel != .township else {
                throw .invalidValue(file: table.fileName, line: row.line, column: "level", value: field(level), expected: "province, prefecture or county")
            }
            let parentText = field(parent)
            let parentCode = parentText.isEmpty ? nil : RegionCode(parentText)
            guard parentText.isEmpty || parentCode != nil else {
                throw .invalidValue(file: table.fileName, line: row.line, column: "parent_code", value: parentText, expected: "empty or a six-digit code")
            }
            guard (regionLevel == .province) == (parentCode == nil) else {
                throw .invalidValue(file: table.fileName, line: row.line, column: "parent_code", value: parentText, expected: "empty exactly for provinces")
            }
            guard seen.insert(regionCode).inserted else { throw .duplicate(file: table.fileName, line: row.line, value: field(code)) }
            return RegionRecord(code: regionCode, name: field(name), level: regionLevel, parent: parentCode)
        }
    }
}

/// One row of the specialty catalogue.
public struct SpecialtyRecord: Sendable, Equatable {
    public let code: SpecialtyCode
    public let name: String
    public let className: String
    public let disciplineName: String
    public let degreeNote: String
    public let flag: String

    public static func parse(_ table: CSVTable) throws(ReferenceError) -> [SpecialtyRecord] {
        let code = try table.column("code", "专业代码"), name = try table.column("name", "专业名称")
        let className = try table.column("class_name", "专业类"), discipline = try table.column("category_name", "门类")
        let note = try table.column("degree_note", "学位授予门类"), flag = try table.column("flag", "备注")
        var seen = Set<String>()
        return try table.rows.map { row throws(ReferenceError) in
            let text = row.fields[code].trimmingSpaces
            guard let specialty = SpecialtyCode(text) else {
                throw .invalidValue(file: table.fileName, line: row.line, column: "code", value: text, expected: "six digits with an optional T or K suffix")
            }
            guard seen.insert(specialty.code6).inserted else { throw .duplicate(file: table.fileName, line: row.line, value: text) }
            return SpecialtyRecord(
                code: specialty, name: row.fields[name].trimmingSpaces, className: row.fields[className].trimmingSpaces,
                disciplineName: row.fields[discipline].trimmingSpaces, degreeNote: row.fields[note].trimmingSpaces,
                flag: row.fields[flag].trimmingSpaces
            )
        }
    }
}

/// One region named by a designation list, with its category where the list has one.
public struct DesignationRecord: Sendable, Equatable {
    public let line: Int
    public let region: RegionCode
    public let category: Int?
    public let note: String

    /// The rows of a designation file: those that name a current region, and the lines of
    /// those that do not (a county abolished since the list was published has no code today).
    public struct File: Sendable, Equatable {
        public let records: [DesignationRecord]
        public let unmappedLines: [Int]
    }

    /// Reads `code`, `category` (1–6, when `withCategory`) and an optional note column.
    /// An empty code marks a row that maps to no current region; it is set aside, not loaded.
    public static func parse(_ table: CSVTable, withCategory: Bool) throws(ReferenceError) -> File {
        let code = try table.column("code", "代码")
        let category = withCategory ? try table.column("category", "类别") : nil
        let note = table.header.firstIndex(of: "mapping_note") ?? table.header.firstIndex(of: "note")
        var seen = Set<RegionCode>()
        let mapped = table.rows.filter { !$0.fields[code].trimmingSpaces.isEmpty }
        let unmapped = table.rows.filter { $0.fields[code].trimmingSpaces.isEmpty }.map(\.line)
        let records = try mapped.map { row throws(ReferenceError) in
            let text = row.fields[code].trimmingSpaces
            guard text.count == 6, let region = RegionCode(text) else {
                throw .invalidValue(file: table.fileName, line: row.line, column: "code", value: text, expected: "a six-digit GB/T 2260 code")
            }
            var level: Int? = nil
            if let category {
                let value = row.fields[category].trimmingSpaces
                guard let number = Int(value), (1...6).contains(number) else {
                    throw .invalidValue(file: table.fileName, line: row.line, column: "category", value: value, expected: "a hardship category from 1 to 6")
                }
                level = number
            }
            guard seen.insert(region).inserted else { throw .duplicate(file: table.fileName, line: row.line, value: text) }
            return DesignationRecord(line: row.line, region: region, category: level, note: note.map { row.fields[$0].trimmingSpaces } ?? "")
        }
        return File(records: records, unmappedLines: unmapped)
    }
}
