/// Vose's alias method: O(1) draws from a fixed discrete distribution, so that 30 M
/// popularity-weighted choices take a second, not a minute.
struct AliasTable {
    private let probability: [Double]
    private let alias: [Int32]

    /// - Precondition: weights are non-negative with a positive sum.
    init(weights: [Double]) {
        let count = weights.count
        let total = weights.reduce(0, +)
        precondition(count > 0 && total > 0, "alias table needs a positive total weight")
        var scaled = weights.map { $0 * Double(count) / total }
        var probability = [Double](repeating: 1, count: count)
        var alias = [Int32](repeating: 0, count: count)
        var small = scaled.indices.filter { scaled[$0] < 1 }
        var large = scaled.indices.filter { scaled[$0] >= 1 }
        while let less = small.popLast(), let more = large.popLast() {
            probability[less] = scaled[less]
            alias[less] = Int32(more)
            scaled[more] -= 1 - scaled[less]
            if scaled[more] < 1 { small.append(more) } else { large.append(more) }
        }
        self.probability = probability
        self.alias = alias
    }

    func draw(using generator: inout Xoshiro256StarStar) -> Int {
        let column = Int(generator.uniform(below: UInt64(probability.count)))
        let coin = Double(generator.next() >> 11) * 0x1p-53
        return coin < probability[column] ? column : Int(alias[column])
    }
}
