import Testing
@testable import MatchCore

@Suite("Priority keys sort as score descending, lottery ascending, in both layouts")
struct PriorityKeyTests {
    @Test("Packed (candidate in the key) and unpacked (via the lottery's inverse) layouts", arguments: [10, 1 << 23])
    func layouts(candidates: Int) {
        let layout = PriorityKey(candidates: candidates, largest: 1_000_000)
        #expect(layout.packsCandidate == (candidates == 10))
        // Lottery number n belongs to candidate 9 − n.
        let drawn: [Int32] = (0..<10).map { 9 - Int32($0) }
        var random = Xoshiro256StarStar(seed: 5)
        let entries = (0..<10).map { number in
            (candidate: 9 - Int32(number), lottery: UInt32(number), mark: UInt32(random.uniform(below: 4)) * 250_000)
        }
        let keys = entries.map { layout.key(candidate: $0.candidate, lottery: $0.lottery, mark: $0.mark) }.sorted()
        let expected = entries.sorted { $0.mark != $1.mark ? $0.mark > $1.mark : $0.lottery < $1.lottery }
        drawn.withUnsafeBufferPointer { drawn in
            #expect(keys.map { layout.candidate($0, drawn: drawn) } == expected.map(\.candidate))
        }
        #expect(keys.map { layout.score($0).bitPattern } == expected.map { (Double($0.mark) / 10_000).bitPattern })
    }
}
