extension NightlySummary {
    private enum Key: String, CodingKey {
        case vacancies, seats, candidates, filled, underservedSeats, underservedFilled, floors, rankDistribution, phaseSeconds
        case stable, violations, proposals, rounds, excluded, candidatesLeftOut, adjustments, placedElsewhere, unplaced, regions
    }

    /// Reads every field that is present: summaries stored before a field existed (older runs)
    /// read with its default instead of failing.
    public init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: Key.self)
        func read<Value: Decodable>(_ key: Key, into value: inout Value) throws {
            if let found = try container.decodeIfPresent(Value.self, forKey: key) { value = found }
        }
        try read(.vacancies, into: &vacancies)
        try read(.seats, into: &seats)
        try read(.candidates, into: &candidates)
        try read(.filled, into: &filled)
        try read(.underservedSeats, into: &underservedSeats)
        try read(.underservedFilled, into: &underservedFilled)
        try read(.floors, into: &floors)
        try read(.rankDistribution, into: &rankDistribution)
        try read(.phaseSeconds, into: &phaseSeconds)
        try read(.stable, into: &stable)
        try read(.violations, into: &violations)
        try read(.proposals, into: &proposals)
        try read(.rounds, into: &rounds)
        try read(.excluded, into: &excluded)
        try read(.candidatesLeftOut, into: &candidatesLeftOut)
        try read(.adjustments, into: &adjustments)
        placedElsewhere = try container.decodeIfPresent(Int.self, forKey: .placedElsewhere)
        unplaced = try container.decodeIfPresent(Int.self, forKey: .unplaced)
        try read(.regions, into: &regions)
    }
}
