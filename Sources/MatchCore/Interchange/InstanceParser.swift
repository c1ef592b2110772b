/// Reads a `talentmatch.instance/1` or `/2` document in one pass, straight into flat arrays.
///
/// Ids are interned as they appear; an id may be used before it is declared (keys and
/// arrays may come in any order), so symbols are resolved to input positions at the end.
struct InstanceParser {
    var reader: JSONReader
    var candidates: SymbolSpace
    var vacancies: SymbolSpace
    var candidateCount = 0
    var choiceStarts: [Int32] = [0]
    var choiceItems: [Int32] = []
    var vacancyCount = 0
    var priorityStarts: [Int32] = [0]
    var priorityItems: [Int32] = []
    /// Scores of vacancies that gave `scores`, parallel to their stretch of `priorityItems`.
    var scoreValues: [Double] = []
    var scoredVacancy: [Bool] = []
    var capacities: [Int32] = []
    var targets: [Int32] = []
    var vacancyRegions: [RegionCode?] = []
    var regionCache: [String: RegionCode] = [:]
    var regions: [RegionConstraint] = []
    var couples: [(first: Int32, second: Int32, pairs: [(Int32, Int32)])] = []
    var seed: UInt64?
    var formatSeen = false
    /// `talentmatch.instance/2`'s published lottery, when the document carries one.
    var lottery: LotteryReveal?
    var profiles = ProfileSection()
    /// Reused between id lists.
    var idBuffer: [Int32] = []
    var rangeBuffer: [Range<Int>] = []
    var hashBuffer: [UInt64] = []
    /// Checksum of cache warming; read nowhere, it only keeps the loads alive.
    var warmth: UInt64 = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        reader = JSONReader(bytes)
        let estimate = max(1024, bytes.count / 400)
        candidates = SymbolSpace(kind: "candidate", section: "candidates", expected: estimate)
        vacancies = SymbolSpace(kind: "vacancy", section: "vacancies", expected: max(1024, estimate / 10))
        choiceItems.reserveCapacity(bytes.count / 20)
        priorityItems.reserveCapacity(bytes.count / 20)
    }

    mutating func parseDocument() throws(InputError) {
        guard reader.peek() == UInt8(ascii: "{") else { throw reader.syntaxError("a JSON object") }
        try reader.beginObject()
        var first = true
        while let key = try reader.nextKey(first: first) {
            first = false
            try parseTopLevel(key)
        }
        if reader.peek() != nil { throw reader.syntaxError("end of input after the document") }
        guard formatSeen else { throw InputError("/format", "missing 'format' (expected \(InstanceDocument.expectedFormats))") }
    }

    private mutating func parseTopLevel(_ key: JSONReader.StringToken) throws(InputError) {
        if reader.token(key, is: "format") {
            reader.path = [.key("format")]
            let value = reader.string(try reader.readString())
            guard InstanceDocument.formats.contains(value) else {
                throw reader.error("unsupported format '\(value)' (expected \(InstanceDocument.expectedFormats))")
            }
            formatSeen = true
        } else if reader.token(key, is: "seed") {
            reader.path = [.key("seed")]
            // The writer writes every UInt64 seed, and half of a lottery's lie above Int64.max.
            seed = try reader.readUnsignedInteger()
        } else if reader.token(key, is: "candidates") {
            try parseArray("candidates") { (parser: inout InstanceParser) throws(InputError) in try parser.parseCandidate() }
        } else if reader.token(key, is: "vacancies") {
            try parseArray("vacancies") { (parser: inout InstanceParser) throws(InputError) in try parser.parseVacancy() }
        } else if reader.token(key, is: "regions") {
            try parseArray("regions") { (parser: inout InstanceParser) throws(InputError) in try parser.parseRegion() }
        } else if reader.token(key, is: "couples") {
            try parseArray("couples") { (parser: inout InstanceParser) throws(InputError) in try parser.parseCouple() }
        } else if reader.token(key, is: "policy") {
            reader.path = [.key("policy")]
            try profiles.readPolicy(&reader)
        } else if reader.token(key, is: "policies") {
            reader.path = [.key("policies")]
            try profiles.readPolicies(&reader)
        } else if reader.token(key, is: "lottery") {
            reader.path = [.key("lottery")]
            lottery = try InstanceSections.readLottery(&reader)
        } else {
            reader.path = [.key(reader.string(key))]
            try reader.skipValue()
        }
        reader.path = []
    }

    /// Walks a top-level array, keeping `/name/index` on the path for each element.
    private mutating func parseArray(
        _ name: String, element: (inout InstanceParser) throws(InputError) -> Void
    ) throws(InputError) {
        reader.path = [.key(name)]
        try reader.beginArray()
        var index = 0
        while try reader.nextElement(first: index == 0) {
            reader.path = [.key(name), .index(index)]
            try element(&self)
            index += 1
        }
    }

    /// Which id space a string belongs to.
    enum Space { case candidates, vacancies }

    /// Reads an array of id strings, interning each as a reference. Raw ids are gathered
    /// first and the id table is warmed for all of them before interning (see `warm`).
    mutating func readIdList(into items: inout [Int32], space: Space, site: (Int) -> ReferenceSite) throws(InputError) {
        var list = idBuffer
        list.removeAll(keepingCapacity: true)
        var ranges = rangeBuffer
        ranges.removeAll(keepingCapacity: true)
        defer {
            idBuffer = list
            rangeBuffer = ranges
        }
        try reader.beginArray()
        var position = 0
        reader.path.append(.index(0))
        while try reader.nextElement(first: position == 0) {
            let token = try readIdToken(position)
            switch token {
            case .raw(let range): ranges.append(range)
            case .decoded:
                // Rare: intern what was gathered so far in order, then this one.
                internGathered(&ranges, into: &list, space: space, site: site)
                list.append(reference(token, space: space, site: site(position)))
            }
            position += 1
        }
        internGathered(&ranges, into: &list, space: space, site: site)
        reader.path.removeLast()
        items.append(contentsOf: list)
    }

    private mutating func readIdToken(_ position: Int) throws(InputError) -> JSONReader.StringToken {
        reader.path[reader.path.count - 1] = .index(position)
        return try reader.readString()
    }

    private mutating func internGathered(
        _ ranges: inout [Range<Int>], into list: inout [Int32], space: Space, site: (Int) -> ReferenceSite
    ) {
        guard !ranges.isEmpty else { return }
        var hashes = hashBuffer
        switch space {
        case .candidates: warmth &+= candidates.table.warm(reader.bytes, ranges, hashes: &hashes)
        case .vacancies: warmth &+= vacancies.table.warm(reader.bytes, ranges, hashes: &hashes)
        }
        for (index, range) in ranges.enumerated() {
            let key = UnsafeBufferPointer(rebasing: reader.bytes[range])
            let symbol = switch space {
            case .candidates: candidates.reference(key, hash: hashes[index], site: site(list.count))
            case .vacancies: vacancies.reference(key, hash: hashes[index], site: site(list.count))
            }
            list.append(symbol)
        }
        hashBuffer = hashes
        ranges.removeAll(keepingCapacity: true)
    }

    mutating func reference(_ token: JSONReader.StringToken, space: Space, site: ReferenceSite) -> Int32 {
        switch token {
        case .raw(let range):
            let key = UnsafeBufferPointer(rebasing: reader.bytes[range])
            switch space {
            case .candidates: return candidates.reference(key, site: site)
            case .vacancies: return vacancies.reference(key, site: site)
            }
        case .decoded:
            let copy = reader.scratch
            return copy.withUnsafeBufferPointer { key in
                switch space {
                case .candidates: candidates.reference(key, site: site)
                case .vacancies: vacancies.reference(key, site: site)
                }
            }
        }
    }

    mutating func declare(_ token: JSONReader.StringToken, space: Space, at position: Int) throws(InputError) {
        let copy: [UInt8]
        switch token {
        case .raw(let range): copy = Array(reader.bytes[range])
        case .decoded: copy = reader.scratch
        }
        let result: Result<Void, InputError> = copy.withUnsafeBufferPointer { key in
            do throws(InputError) {
                switch space {
                case .candidates: try candidates.declare(key, at: position)
                case .vacancies: try vacancies.declare(key, at: position)
                }
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
    }

    func regionCode(_ text: String) -> RegionCode? {
        regionCache[text] ?? RegionCode(text)
    }
}
