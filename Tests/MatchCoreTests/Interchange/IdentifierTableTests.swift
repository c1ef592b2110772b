import Testing
@testable import MatchCore

@Suite("Identifier interning")
struct IdentifierTableTests {
    /// Slots keep 8 key bytes inline and confirm longer ids against the arena: ids that
    /// share their first 8 bytes, differ only in length, are empty, exceed 255 bytes or
    /// contain NUL must all stay distinct, across several table growths.
    @Test("Ids of every length intern to distinct, stable symbols in first-seen order")
    func distinctAcrossLengths() {
        var keys: [[UInt8]] = [[], [0], [0, 0], Array("a".utf8), Array("a\u{0}".utf8)]
        for length in [7, 8, 9, 15, 16, 17, 255, 256, 300] {
            keys.append(Array(repeating: UInt8(ascii: "x"), count: length))
            keys.append(Array(repeating: UInt8(ascii: "x"), count: length - 1) + [UInt8(ascii: "y")])
        }
        for index in 0..<5_000 { keys.append(Array("candidate-\(index)".utf8)) }
        var table = IdentifierTable(expected: 4)
        for (index, key) in keys.enumerated() {
            let (symbol, inserted) = key.withUnsafeBufferPointer { table.intern($0) }
            #expect(inserted && symbol == Int32(index))
        }
        for (index, key) in keys.enumerated() {
            let (symbol, inserted) = key.withUnsafeBufferPointer { table.intern($0, hash: IdentifierTable.hash($0)) }
            #expect(!inserted && symbol == Int32(index))
            #expect(Array(table.string(index).utf8) == key)
        }
        #expect(table.count == keys.count)
    }
}
