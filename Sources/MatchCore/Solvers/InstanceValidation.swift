/// The structural checks behind `MatchInstance.init`, each reporting a JSON pointer.
enum InstanceValidation {
    static func checkShapes(_ instance: MatchInstance) throws(InputError) {
        let vacancyCount = instance.vacancyCount
        guard instance.choices.count == instance.candidateCount else {
            throw InputError("/candidates", "expected one ranking per candidate")
        }
        guard instance.priorities.count == vacancyCount, instance.capacities.count == vacancyCount,
              instance.targets.count == vacancyCount, instance.vacancyRegions.count == vacancyCount
        else {
            throw InputError("/vacancies", "expected one ranking, capacity, target and region per vacancy")
        }
        guard instance.priorityScores.isEmpty || instance.priorityScores.count == instance.priorities.items.count else {
            throw InputError("/vacancies", "scores must run parallel to the vacancy rankings")
        }
        for vacancy in 0..<vacancyCount {
            let capacity = instance.capacities[vacancy]
            guard capacity >= 0 else {
                throw InputError("/vacancies/\(vacancy)/capacity", "capacity must not be negative (got \(capacity))")
            }
            let target = instance.targets[vacancy]
            guard target >= 0, target <= capacity else {
                throw InputError("/vacancies/\(vacancy)/target", "target must lie between 0 and the capacity \(capacity) (got \(target))")
            }
        }
        for (index, region) in instance.regions.enumerated() {
            if let cap = region.cap, let floor = region.floor, floor > cap {
                throw InputError("/regions/\(index)/floor", "floor \(floor) exceeds the region's cap \(cap)")
            }
        }
    }

    /// Indices in range and no id listed twice in one ranking.
    static func checkLists(_ instance: MatchInstance) throws(InputError) {
        var stamp = [Int32](repeating: -1, count: instance.vacancyCount)
        let choices = instance.choices
        for candidate in 0..<instance.candidateCount {
            for (position, index) in choices.range(of: candidate).enumerated() {
                let vacancy = Int(choices.items[index])
                guard vacancy >= 0, vacancy < instance.vacancyCount else {
                    throw InputError("/candidates/\(candidate)/ranking/\(position)", "unknown vacancy")
                }
                guard stamp[vacancy] != Int32(candidate) else {
                    throw InputError(
                        "/candidates/\(candidate)/ranking/\(position)", "vacancy '\(instance.vacancyIDs[vacancy])' is ranked twice"
                    )
                }
                stamp[vacancy] = Int32(candidate)
            }
        }
        var seen = [Int32](repeating: -1, count: instance.candidateCount)
        let priorities = instance.priorities
        for vacancy in 0..<instance.vacancyCount {
            for (position, index) in priorities.range(of: vacancy).enumerated() {
                let candidate = Int(priorities.items[index])
                guard candidate >= 0, candidate < instance.candidateCount else {
                    throw InputError("/vacancies/\(vacancy)/ranking/\(position)", "unknown candidate")
                }
                guard seen[candidate] != Int32(vacancy) else {
                    throw InputError(
                        "/vacancies/\(vacancy)/ranking/\(position)", "candidate '\(instance.candidateIDs[candidate])' is listed twice"
                    )
                }
                seen[candidate] = Int32(vacancy)
            }
        }
    }

    /// Members exist, belong to one couple only and do not also rank alone.
    static func checkCouples(_ instance: MatchInstance) throws(InputError) {
        var owner = [Int32](repeating: -1, count: instance.candidateCount)
        for (index, couple) in instance.couples.enumerated() {
            for (slot, member) in [couple.first, couple.second].enumerated() {
                let place = "/couples/\(index)/members/\(slot)"
                guard member >= 0, Int(member) < instance.candidateCount else { throw InputError(place, "unknown candidate") }
                guard owner[Int(member)] < 0 else {
                    throw InputError(place, "candidate '\(instance.candidateIDs[Int(member)])' is already in couple \(owner[Int(member)])")
                }
                owner[Int(member)] = Int32(index)
                guard instance.choices.range(of: Int(member)).isEmpty else {
                    throw InputError(
                        "/candidates/\(member)/ranking",
                        "candidate '\(instance.candidateIDs[Int(member)])' is in couple \(index) and must not also rank alone"
                    )
                }
            }
            for (position, pair) in couple.choices.enumerated() {
                for (slot, vacancy) in [pair.first, pair.second].enumerated() where vacancy != CouplePair.none {
                    guard vacancy >= 0, Int(vacancy) < instance.vacancyCount else {
                        throw InputError("/couples/\(index)/ranking/\(position)/\(slot)", "unknown vacancy")
                    }
                }
            }
        }
    }
}
