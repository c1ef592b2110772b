/// Builds one instance for a market of several offices: each vacancy's applicants ordered by
/// its own office's policy, every office's caps and floors as one set of nested regional
/// constraints (`MarketConstraints`), and one lottery for all (ADR 0030).
///
/// The result does not depend on the order offices are given in: they are put in code order,
/// each office's vacancies keeping the order they came in (for the nightly job, the order of
/// their ids), which is also the order posts take turns in a capped region. The seed, the
/// candidates and their rankings are the market's.
public enum MarketMatching {
    /// One office of the market: its current policy, its regional constraints and its posts.
    public struct Office: Sendable {
        public var code: String
        /// The office's policy; its `version` names it in explanations (e.g. `BZ-HR v3`),
        /// so it differs from every other office's.
        public var policy: Policy
        public var regions: [RegionConstraint]
        public var vacancies: [VacancyProfile]

        public init(code: String, policy: Policy, regions: [RegionConstraint] = [], vacancies: [VacancyProfile]) {
            self.code = code
            self.policy = policy
            self.regions = regions
            self.vacancies = vacancies
        }
    }

    /// The market's instance and how its vacancies relate to the offices.
    public struct Built: Sendable {
        public let document: InstanceDocument
        /// The offices' codes in instance order (code order).
        public let officeCodes: [String]
        /// Per instance vacancy, its office (index into `officeCodes`).
        public let vacancyOffice: [Int32]
        /// Per instance vacancy, its position among the vacancies as given (the offices'
        /// vacancies one office after another, in the order the offices were given).
        public let inputPosition: [Int32]
        /// Tonight's merged constraints and the reservations they lowered.
        public let constraints: MarketConstraints
    }

    /// - Parameters:
    ///   - held: seats held in each region by earlier nights' pending and accepted offers.
    ///   - rankingPositions: each candidate's ranking as positions among the vacancies as
    ///     given; when nil, the profiles' `ranking` ids are read.
    /// - Throws: `InputError`: a repeated office code or policy version, and everything
    ///   `ProfileMatching.instance` refuses (pointers name instance positions).
    public static func instance(
        offices: [Office], candidates: [CandidateProfile], held: [RegionCode: Int] = [:],
        couples: [ProfileMatching.CoupleRequest] = [], seed: UInt64, rankingPositions: [[Int32]]? = nil
    ) throws(InputError) -> Built {
        let order = offices.indices.sorted { offices[$0].code < offices[$1].code }
        for (previous, next) in zip(order, order.dropFirst()) where offices[previous].code == offices[next].code {
            throw InputError("/offices/\(next)/code", "office '\(offices[next].code)' is listed twice")
        }
        var firstPosition: [Int] = []
        var running = 0
        for office in offices {
            firstPosition.append(running)
            running += office.vacancies.count
        }
        var vacancies: [VacancyProfile] = []
        vacancies.reserveCapacity(running)
        var vacancyOffice: [Int32] = []
        var inputPosition: [Int32] = []
        var policyOfVacancy: [Int] = []
        for (rank, office) in order.enumerated() {
            vacancies.append(contentsOf: offices[office].vacancies)
            for offset in offices[office].vacancies.indices {
                vacancyOffice.append(Int32(rank))
                inputPosition.append(Int32(firstPosition[office] + offset))
                policyOfVacancy.append(rank)
            }
        }
        let constraints = MarketConstraints(
            merging: order.flatMap { offices[$0].regions }, held: held, vacancyRegions: vacancies.map(\.region),
            targets: vacancies.map { Int32(clamping: $0.target) }
        )
        for (vacancy, target) in constraints.targets.enumerated() where Int(target) != vacancies[vacancy].target {
            vacancies[vacancy].target = Int(target)
        }
        let policies = offices.count == 1
            ? VacancyPolicies(offices[0].policy)
            : try VacancyPolicies(policies: order.map { offices[$0].policy }, vacancyPolicy: policyOfVacancy)
        let document = try ProfileMatching.instance(
            candidates: candidates, vacancies: vacancies, policies: policies, regions: constraints.regions, couples: couples,
            seed: seed, rankingPositions: rankingPositions.map { reordered($0, inputPosition: inputPosition) }
        )
        return Built(
            document: document, officeCodes: order.map { offices[$0].code }, vacancyOffice: vacancyOffice,
            inputPosition: inputPosition, constraints: constraints
        )
    }

    /// Rankings as instance positions; unchanged (and not copied) when the offices already
    /// came in code order, as the nightly job reads them.
    private static func reordered(_ rankings: [[Int32]], inputPosition: [Int32]) -> [[Int32]] {
        guard inputPosition.enumerated().contains(where: { $0.offset != Int($0.element) }) else { return rankings }
        var instancePosition = [Int32](repeating: -1, count: inputPosition.count)
        for (position, input) in inputPosition.enumerated() { instancePosition[Int(input)] = Int32(position) }
        return rankings.map { ranking in
            ranking.map { $0 >= 0 && Int($0) < instancePosition.count ? instancePosition[Int($0)] : $0 }
        }
    }
}
