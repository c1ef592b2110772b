import MatchStore
import Testing

@Suite("CSV tables")
struct CSVTableTests {
    @Test("a byte-order mark, CRLF line ends and quoted fields are read as Excel writes them")
    func excelStyle() throws {
        let text = "\u{FEFF}code,note\r\n510000,\"a, \"\"quoted\"\"\nnote\"\r\n520000,plain\r\n"
        let table = try CSVTable(fileName: "x.csv", text: text)
        #expect(table.header == ["code", "note"])
        #expect(table.rows.map(\.fields) == [["510000", "a, \"quoted\"\nnote"], ["520000", "plain"]])
        #expect(table.rows.map(\.line) == [2, 4], "line numbers count the newline inside the quoted field")
    }

    @Test("a row with the wrong number of fields names its line")
    func wrongFieldCount() {
        #expect(throws: ReferenceError.wrongFieldCount(file: "x.csv", line: 3, expected: 2, found: 3)) {
            try CSVTable(fileName: "x.csv", text: "a,b\n1,2\n1,2,3\n")
        }
    }

    @Test("an unterminated quote names the line where its row starts")
    func unterminatedQuote() {
        #expect(throws: ReferenceError.unterminatedQuote(file: "x.csv", line: 2)) {
            try CSVTable(fileName: "x.csv", text: "a,b\n\"1,2\n")
        }
    }

    @Test("a missing column is named")
    func missingColumn() throws {
        let table = try CSVTable(fileName: "r.csv", text: "code,name\n510000,四川省\n")
        #expect(throws: ReferenceError.missingColumn(file: "r.csv", column: "level")) { try RegionRecord.parse(table) }
    }

    @Test("a malformed region code names file, line and column")
    func badRegionCode() throws {
        let table = try CSVTable(fileName: "r.csv", text: "code,name,level,parent_code\n510000,四川省,province,\n5101X1,成都,county,510000\n")
        #expect(throws: ReferenceError.invalidValue(file: "r.csv", line: 3, column: "code", value: "5101X1", expected: "a six-digit GB/T 2260 code")) {
            try RegionRecord.parse(table)
        }
    }
}
