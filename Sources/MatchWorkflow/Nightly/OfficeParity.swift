import MatchCore
import MatchStore

/// Counts each office's parity report from the night's own snapshot and offers (ADR 0054):
/// the candidates who ranked the office's posts, by household type against the office's
/// region and by the region of the posts they ranked, how many of them were placed on its
/// posts, and the sum of the choices those received.
///
/// One pass over every choice, as `NightSummaries.countCandidates` makes, with flat tables and
/// stamps instead of sets: a national night has 30 million choices.
enum OfficeParity {
    /// One list of cells per office, in snapshot office order.
    static func cells(snapshot: NightlySnapshot, offers: [EngineRun.Offer]) -> [[ParityCell]] {
        let offices = snapshot.offices.count
        let officeOf = snapshot.vacancies.map(\.office)
        // Each (office, region) pair of the posts is one region line.
        var pairIndex: [String: Int] = [:]
        var pairs: [(office: Int, region: String)] = []
        let pairOf = snapshot.vacancies.map { vacancy -> Int in
            let region = vacancy.profile.region?.digits ?? ""
            let key = "\(vacancy.office)|\(region)"
            if let index = pairIndex[key] { return index }
            pairs.append((vacancy.office, region))
            pairIndex[key] = pairs.count - 1
            return pairs.count - 1
        }
        let homes = snapshot.offices.map { Home(region: RegionCode($0.office.region)) }
        var placedOn = [Int](repeating: -1, count: snapshot.candidates.count)
        var rankOf = [Int](repeating: 0, count: snapshot.candidates.count)
        for offer in offers {
            placedOn[offer.candidate] = offer.vacancy
            rankOf[offer.candidate] = offer.choiceRank
        }
        let types = ParityCell.Household.allCases.count
        var household = [Tally](repeating: Tally(), count: offices * types)
        var region = [Tally](repeating: Tally(), count: pairs.count)
        var officeStamp = [Int](repeating: -1, count: offices)
        var pairStamp = [Int](repeating: -1, count: pairs.count)
        for (index, candidate) in snapshot.candidates.enumerated() {
            let hukou = candidate.profile.householdRegistration.flatMap { Int($0.region.padded) }
            let post = placedOn[index]
            // A partner in a couple may be placed on a post only the joint list names.
            let visited = candidate.choices.map { Int($0) } + (post >= 0 ? [post] : [])
            for vacancy in visited {
                let office = officeOf[vacancy], pair = pairOf[vacancy]
                if officeStamp[office] != index {
                    officeStamp[office] = index
                    let type = homes[office].type(of: hukou)
                    household[office * types + type].count(placed: post >= 0 && officeOf[post] == office, rank: rankOf[index])
                }
                if pairStamp[pair] != index {
                    pairStamp[pair] = index
                    region[pair].count(placed: post >= 0 && pairOf[post] == pair, rank: rankOf[index])
                }
            }
        }
        return (0..<offices).map { office in
            let own = ParityCell.Household.allCases.enumerated().map { type, kind in
                household[office * types + type].cell(.household, kind.rawValue)
            }
            let regions = pairs.indices.filter { pairs[$0].office == office && !pairs[$0].region.isEmpty }
                .sorted { pairs[$0].region < pairs[$1].region }
                .map { region[$0].cell(.region, pairs[$0].region) }
            return own + regions
        }
    }

    private struct Tally {
        var applicants = 0
        var placed = 0
        var choiceSum = 0

        mutating func count(placed isPlaced: Bool, rank: Int) {
            applicants += 1
            if isPlaced {
                placed += 1
                choiceSum += rank
            }
        }

        func cell(_ dimension: ParityCell.Dimension, _ key: String) -> ParityCell {
            ParityCell(dimension: dimension, key: key, applicants: applicants, placed: placed, choiceSum: choiceSum)
        }
    }

    /// An office's region as numbers, so each classification is two divisions.
    private struct Home {
        let value: Int
        let divisor: Int
        let province: Int

        init(region: RegionCode?) {
            let digits = region?.digits.prefix(6) ?? ""
            value = Int(digits) ?? -1
            divisor = [2: 10_000, 4: 100, 6: 1][digits.count] ?? 1
            province = Int(digits.prefix(2)) ?? -1
        }

        /// The position in `ParityCell.Household.allCases` of a six-digit registration.
        func type(of hukou: Int?) -> Int {
            guard let hukou else { return 3 }
            if hukou / divisor == value { return 0 }
            return hukou / 10_000 == province ? 1 : 2
        }
    }
}
