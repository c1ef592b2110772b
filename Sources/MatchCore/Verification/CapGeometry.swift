/// The verifier's view of regions: which listed regions contain each vacancy, found by
/// looking up the prefixes of its code, and which vacancies share an outermost region.
struct CapGeometry {
    /// Per vacancy: indices of listed regions containing it, innermost first.
    let enclosing: [[Int]]
    /// Per vacancy: vacancies sharing its outermost listed region, in input order.
    let treeOf: [Int]
    let trees: [[Int]]

    init(_ instance: MatchInstance) {
        var byCode: [String: Int] = [:]
        for (index, region) in instance.regions.enumerated() { byCode[region.code.digits] = index }
        var enclosing: [[Int]] = []
        enclosing.reserveCapacity(instance.vacancyCount)
        for code in instance.vacancyRegions {
            guard let digits = code?.digits else { enclosing.append([]); continue }
            var found: [Int] = []
            for length in [12, 9, 6, 4, 2] where length <= digits.count {
                if let region = byCode[String(digits.prefix(length))] { found.append(region) }
            }
            enclosing.append(found)
        }
        var treeIndex: [Int: Int] = [:]
        var trees: [[Int]] = []
        var treeOf = [Int](repeating: -1, count: instance.vacancyCount)
        for vacancy in 0..<instance.vacancyCount {
            guard let root = enclosing[vacancy].last else { continue }
            let tree = treeIndex[root] ?? trees.count
            if tree == trees.count { treeIndex[root] = tree; trees.append([]) }
            trees[tree].append(vacancy)
            treeOf[vacancy] = tree
        }
        self.enclosing = enclosing
        self.treeOf = treeOf
        self.trees = trees
    }

    func isCapped(_ vacancy: Int, in instance: MatchInstance) -> Bool {
        enclosing[vacancy].contains { instance.regions[$0].cap != nil }
    }
}
