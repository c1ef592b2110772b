/// Vacancy id → position in tonight's snapshot, looked up 30M times at national scale.
///
/// Ids are dense in practice (an identity column), so a flat table indexed by id answers
/// without hashing; a hash lookup per ranking entry was 2 s of the snapshot read at 1M
/// candidates. Sparse ids (a table far larger than the vacancies) fall back to a dictionary.
struct VacancyPositions: Sendable {
    private let table: [Int32]
    private let sparse: [Int64: Int32]

    /// - Parameter ids: the snapshot's vacancy ids, in position order.
    init(_ ids: [Int64]) {
        let largest = ids.max() ?? -1
        if ids.allSatisfy({ $0 >= 0 }), largest < Int64(8 * ids.count + 1_000_000) {
            var table = [Int32](repeating: -1, count: Int(largest) + 1)
            for (position, id) in ids.enumerated() { table[Int(id)] = Int32(position) }
            self.table = table
            sparse = [:]
        } else {
            table = []
            sparse = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($0.element, Int32($0.offset)) })
        }
    }

    /// The position of vacancy `id`, or nil when it is not in tonight's scope.
    subscript(id: Int64) -> Int32? {
        if table.isEmpty { return sparse[id] }
        guard id >= 0, id < Int64(table.count) else { return nil }
        let position = table[Int(id)]
        return position >= 0 ? position : nil
    }
}
