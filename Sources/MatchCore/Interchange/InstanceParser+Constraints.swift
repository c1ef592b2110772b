extension InstanceParser {
    /// `{"code": "5119", "cap": 10, "floor": 2}`
    mutating func parseRegion() throws(InputError) {
        var code: RegionCode?
        var cap: Int?
        var floor: Int?
        try reader.beginObject()
        var first = true
        while let key = try reader.nextKey(first: first) {
            first = false
            reader.path.append(.key(reader.string(key)))
            if reader.token(key, is: "code") {
                let text = reader.string(try reader.readString())
                guard let parsed = RegionCode(text) else {
                    throw reader.error("malformed region code '\(text)' (expected GB/T 2260 digits such as \"5119\")")
                }
                code = parsed
            } else if reader.token(key, is: "cap") {
                if !reader.readNull() { cap = Int(try readCount("cap")) }
            } else if reader.token(key, is: "floor") {
                if !reader.readNull() { floor = Int(try readCount("floor")) }
            } else {
                try reader.skipValue()
            }
            reader.path.removeLast()
        }
        guard let code else { throw reader.error("missing 'code'") }
        regions.append(RegionConstraint(code: code, cap: cap, floor: floor))
    }

    /// `{"members": ["c4", "c5"], "ranking": [["v1", "v2"], ["v3", null]]}`
    mutating func parseCouple() throws(InputError) {
        let index = couples.count
        var members: [Int32] = []
        var pairs: [(Int32, Int32)] = []
        try reader.beginObject()
        var first = true
        while let key = try reader.nextKey(first: first) {
            first = false
            reader.path.append(.key(reader.string(key)))
            if reader.token(key, is: "members") {
                try readIdList(into: &members, space: .candidates) {
                    ReferenceSite(section: .coupleMembers, first: Int32(index), second: Int32($0))
                }
                guard members.count == 2 else { throw reader.error("a couple has exactly two members") }
                guard members[0] != members[1] else {
                    throw InputError(reader.path.pointer + "/1", "a couple has two different members")
                }
            } else if reader.token(key, is: "ranking") {
                pairs = try readPairs(couple: index)
            } else {
                try reader.skipValue()
            }
            reader.path.removeLast()
        }
        guard members.count == 2 else { throw reader.error("missing 'members'") }
        couples.append((members[0], members[1], pairs))
    }

    private mutating func readPairs(couple: Int) throws(InputError) -> [(Int32, Int32)] {
        var pairs: [(Int32, Int32)] = []
        try reader.beginArray()
        while try reader.nextElement(first: pairs.isEmpty) {
            let position = pairs.count
            reader.path.append(.index(position))
            try reader.beginArray()
            var slots: [Int32] = []
            while try reader.nextElement(first: slots.isEmpty) {
                reader.path.append(.index(slots.count))
                if reader.readNull() {
                    slots.append(CouplePair.none)
                } else {
                    let site = ReferenceSite(section: .coupleRanking, first: Int32(couple), second: Int32(position), third: Int32(slots.count))
                    slots.append(reference(try reader.readString(), space: .vacancies, site: site))
                }
                reader.path.removeLast()
            }
            guard slots.count == 2 else { throw reader.error("a pair lists exactly two vacancies (or null)") }
            guard slots[0] >= 0 || slots[1] >= 0 else { throw reader.error("a pair must place at least one member") }
            pairs.append((slots[0], slots[1]))
            reader.path.removeLast()
        }
        return pairs
    }
}
