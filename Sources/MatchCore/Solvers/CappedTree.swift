/// One tree of nested regions that contains at least one cap, seen by the solver: the
/// vacancies inside it share caps, so their seats are allotted together (Kamada–Kojima).
struct CappedTree: Sendable {
    /// Every vacancy in the tree, in input order: the order of turns.
    let vacancies: [Int32]
    /// Regions of the tree, deepest first, so reservations are made bottom-up.
    let regions: [Int32]
    /// Per entry of `regions`: the vacancies directly inside it (innermost region).
    let direct: [[Int32]]
    /// Per entry of `regions`: all vacancies inside it, in input order.
    let members: [[Int32]]

    /// The capped trees of an instance and, per vacancy, the index of its tree or -1.
    static func build(_ instance: MatchInstance) -> (trees: [CappedTree], treeOfVacancy: [Int32]) {
        let hierarchy = instance.hierarchy
        let regionCount = instance.regions.count
        func root(of region: Int) -> Int {
            var node = region
            while hierarchy.parent[node] >= 0 { node = Int(hierarchy.parent[node]) }
            return node
        }
        var rootHasCap = [Bool](repeating: false, count: regionCount)
        for (index, region) in instance.regions.enumerated() where region.cap != nil { rootHasCap[root(of: index)] = true }
        var treeOfRoot = [Int32](repeating: -1, count: regionCount)
        var treeRoots: [Int] = []
        for index in 0..<regionCount where hierarchy.parent[index] < 0 && rootHasCap[index] {
            treeOfRoot[index] = Int32(treeRoots.count)
            treeRoots.append(index)
        }
        var treeOfVacancy = [Int32](repeating: -1, count: instance.vacancyCount)
        var vacancies = [[Int32]](repeating: [], count: treeRoots.count)
        var members = [[Int32]](repeating: [], count: regionCount)
        var direct = [[Int32]](repeating: [], count: regionCount)
        for vacancy in 0..<instance.vacancyCount where hierarchy.innermost[vacancy] >= 0 {
            let inner = Int(hierarchy.innermost[vacancy])
            let tree = treeOfRoot[root(of: inner)]
            guard tree >= 0 else { continue }
            treeOfVacancy[vacancy] = tree
            vacancies[Int(tree)].append(Int32(vacancy))
            direct[inner].append(Int32(vacancy))
            for region in hierarchy.enclosingRegions(ofVacancy: vacancy) { members[region].append(Int32(vacancy)) }
        }
        var regionsOfTree = [[Int32]](repeating: [], count: treeRoots.count)
        // Deepest first; among regions of one depth, input order.
        let deepestFirst = (0..<regionCount).sorted {
            (instance.regions[$0].code.digits.count, -$0) > (instance.regions[$1].code.digits.count, -$1)
        }
        for region in deepestFirst {
            let tree = treeOfRoot[root(of: region)]
            if tree >= 0 { regionsOfTree[Int(tree)].append(Int32(region)) }
        }
        let trees = treeRoots.indices.map { tree in
            CappedTree(
                vacancies: vacancies[tree], regions: regionsOfTree[tree],
                direct: regionsOfTree[tree].map { direct[Int($0)] },
                members: regionsOfTree[tree].map { members[Int($0)] }
            )
        }
        return (trees, treeOfVacancy)
    }
}
