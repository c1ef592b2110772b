extension InstanceParser {
    /// `{"id": "c1", "ranking": ["v2", "v1"], "profile": {…}}`
    mutating func parseCandidate() throws(InputError) {
        let position = candidateCount
        try reader.beginObject()
        var first = true
        var sawID = false
        while let key = try reader.nextKey(first: first) {
            first = false
            if reader.token(key, is: "id") {
                reader.path.append(.key("id"))
                try declare(try reader.readString(), space: .candidates, at: position)
                sawID = true
            } else if reader.token(key, is: "ranking") {
                reader.path.append(.key("ranking"))
                var items = choiceItems
                choiceItems = []
                defer { choiceItems = items }
                try readIdList(into: &items, space: .vacancies) {
                    ReferenceSite(section: .candidateRanking, first: Int32(position), second: Int32($0))
                }
            } else if reader.token(key, is: "profile") {
                reader.path.append(.key("profile"))
                try profiles.readCandidate(&reader, at: position)
            } else {
                reader.path.append(.key(reader.string(key)))
                try reader.skipValue()
            }
            reader.path.removeLast()
        }
        guard sawID else { throw reader.error("missing 'id'") }
        choiceStarts.append(Int32(choiceItems.count))
        candidateCount += 1
    }

    /// `{"id": "v1", "capacity": 2, "region": "511921", "target": 1, "ranking": […] | "scores": {…}}`
    mutating func parseVacancy() throws(InputError) {
        let position = vacancyCount
        var fields = VacancyFields()
        try reader.beginObject()
        var first = true
        while let key = try reader.nextKey(first: first) {
            first = false
            try parseVacancyField(key, position: position, fields: &fields)
            reader.path.removeLast()
        }
        guard fields.sawID else { throw reader.error("missing 'id'") }
        guard let capacity = fields.capacity else { throw reader.error("missing 'capacity'") }
        if !fields.sawOrder, !profiles.hasPolicy, !fields.sawProfile {
            throw reader.error("needs 'ranking' or 'scores' (or a 'profile' with a top-level 'policy')")
        }
        capacities.append(capacity)
        targets.append(fields.target)
        vacancyRegions.append(fields.region)
        scoredVacancy.append(fields.scored)
        priorityStarts.append(Int32(priorityItems.count))
        vacancyCount += 1
    }

    struct VacancyFields {
        var sawID = false
        var capacity: Int32?
        var target: Int32 = 0
        var region: RegionCode?
        var sawOrder = false
        var scored = false
        var sawProfile = false
    }

    private mutating func parseVacancyField(
        _ key: JSONReader.StringToken, position: Int, fields: inout VacancyFields
    ) throws(InputError) {
        reader.path.append(.key(reader.string(key)))
        if reader.token(key, is: "id") {
            try declare(try reader.readString(), space: .vacancies, at: position)
            fields.sawID = true
        } else if reader.token(key, is: "capacity") {
            fields.capacity = try readCount("capacity")
        } else if reader.token(key, is: "target") {
            if !reader.readNull() { fields.target = try readCount("target") }
        } else if reader.token(key, is: "region") {
            if !reader.readNull() {
                let text = reader.string(try reader.readString())
                guard let code = regionCode(text) else {
                    throw reader.error("malformed region code '\(text)' (expected GB/T 2260 digits such as \"511921\")")
                }
                regionCache[text] = code
                fields.region = code
            }
        } else if reader.token(key, is: "ranking") || reader.token(key, is: "scores") {
            guard !fields.sawOrder else { throw reader.error("give either 'ranking' or 'scores', not both") }
            fields.sawOrder = true
            if reader.token(key, is: "ranking") {
                var items = priorityItems
                priorityItems = []
                defer { priorityItems = items }
                try readIdList(into: &items, space: .candidates) {
                    ReferenceSite(section: .vacancyRanking, first: Int32(position), second: Int32($0))
                }
            } else {
                fields.scored = true
                try readScores(position: position)
            }
        } else if reader.token(key, is: "profile") {
            fields.sawProfile = true
            try profiles.readVacancy(&reader, at: position)
        } else {
            try reader.skipValue()
        }
    }

    /// A non-negative whole number that fits the solver's 32-bit counters.
    mutating func readCount(_ what: String) throws(InputError) -> Int32 {
        let value = try reader.readInteger()
        guard value >= 0 else { throw reader.error("\(what) must not be negative (got \(value))") }
        guard value <= Int64(Int32.max) else { throw reader.error("\(what) is too large (got \(value))") }
        return Int32(value)
    }

    /// `{"c1": 71.2, …}`: scores in any order; ordered later with the lottery.
    private mutating func readScores(position: Int) throws(InputError) {
        try reader.beginObject()
        var first = true
        while let key = try reader.nextKey(first: first) {
            first = false
            let symbol = reference(key, space: .candidates, site: ReferenceSite(section: .vacancyScores, first: Int32(position), second: 0))
            reader.path.append(.key(reader.string(key)))
            let score = try reader.readNumber()
            reader.path.removeLast()
            priorityItems.append(symbol)
            scoreValues.append(score)
        }
    }
}
