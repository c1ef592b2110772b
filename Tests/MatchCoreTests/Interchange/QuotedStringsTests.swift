import Testing
@testable import MatchCore

@Suite("Quoted strings written from a prepared table")
struct QuotedStringsTests {
    @Test("short ids (slots) and long ones (offsets) are written exactly as JSONWriter.string writes them", arguments: [
        ["c1", "v22", "", "通江", "c\"q\\\n"],
        ["c1", "an-identifier-longer-than-sixteen-bytes", "x"],
    ])
    func sameBytes(strings: [String]) {
        let table = QuotedStrings(strings)
        var prepared = JSONWriter()
        var plain = JSONWriter()
        prepared.beginObject(); plain.beginObject()
        for index in strings.indices.reversed() {
            table.write(index, into: &prepared, asKey: true); table.write(index, into: &prepared)
            plain.key(strings[index]); plain.string(strings[index])
        }
        prepared.endObject(); plain.endObject()
        #expect(prepared.bytes == plain.bytes)
    }
}
