@testable import MatchStore
import Testing

@Suite("Vacancy positions")
struct VacancyPositionsTests {
    @Test("dense and sparse ids give every position, and nil for ids out of scope")
    func denseAndSparse() {
        for ids: [Int64] in [[7, 3, 12, 1], [5_000_000_000, 3, 9_000_000_000_000], []] {
            let positions = VacancyPositions(ids)
            for (position, id) in ids.enumerated() { #expect(positions[id] == Int32(position)) }
            for outside: Int64 in [-1, 0, 2, 13, 4_999_999_999, Int64.max] where !ids.contains(outside) {
                #expect(positions[outside] == nil, "id \(outside) is not tonight's")
            }
        }
    }
}
