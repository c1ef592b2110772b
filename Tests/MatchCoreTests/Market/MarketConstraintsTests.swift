import PropertyBased
import Testing
@testable import MatchCore

@Suite("A market's caps and floors: merged, less earlier nights, fitted under every cap")
struct MarketConstraintsTests {
    static func code(_ text: String) -> RegionCode { RegionCode(text)! }

    @Test("Offices constraining the same region: the smallest cap and the largest floor apply, listed by code")
    func merged() {
        let constraints = MarketConstraints(
            merging: [RegionConstraint(code: Self.code("5119"), cap: 12, floor: 2), RegionConstraint(code: Self.code("51"), cap: 40),
                      RegionConstraint(code: Self.code("5119"), cap: 9, floor: 4)],
            vacancyRegions: [], targets: []
        )
        #expect(constraints.regions == [RegionConstraint(code: Self.code("51"), cap: 40), RegionConstraint(code: Self.code("5119"), cap: 9, floor: 4)])
        #expect(constraints.adjustments.isEmpty)
    }

    @Test("Seats held by earlier nights count against caps and towards floors: a cap of 12 means 12 people")
    func heldSeats() {
        let constraints = MarketConstraints(
            merging: [RegionConstraint(code: Self.code("5119"), cap: 12), RegionConstraint(code: Self.code("511921"), floor: 3)],
            held: [Self.code("5119"): 5, Self.code("511921"): 4], vacancyRegions: [], targets: []
        )
        #expect(constraints.regions == [RegionConstraint(code: Self.code("5119"), cap: 7), RegionConstraint(code: Self.code("511921"), floor: 0)])
        let full = MarketConstraints(merging: [RegionConstraint(code: Self.code("5119"), cap: 12)], held: [Self.code("5119"): 17],
                                     vacancyRegions: [], targets: [])
        #expect(full.regions.first?.cap == 0, "never negative")
    }

    @Test("Reservations that do not fit under a cap give way, targets first in order, and are reported")
    func reconciled() {
        let constraints = MarketConstraints(
            merging: [RegionConstraint(code: Self.code("5119"), cap: 3), RegionConstraint(code: Self.code("511921"), floor: 2)],
            vacancyRegions: [Self.code("511902"), Self.code("511902"), Self.code("511921")], targets: [2, 2, 1]
        )
        #expect(constraints.targets == [2, 1, 0])
        #expect(constraints.regions.last?.floor == 0)
        #expect(constraints.adjustments.map(\.kind) == [.targetLowered, .targetLowered, .floorLowered])
        #expect(constraints.adjustments[0] == .init(kind: .targetLowered, region: Self.code("5119"), vacancy: 1, from: 2, to: 1))
    }

    @Test("Whatever the offices set, tonight's constraints make a valid instance; valid ones are left alone")
    func alwaysValid() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...1_000_000)) { seed in
            var random = RandomMarkets(seed: seed)
            guard let market = try? random.market(candidates: 0...0, postsPerOffice: 1...4) else { Issue.record("generator failed"); return }
            let vacancies = market.offices.flatMap(\.vacancies)
            let constraints = MarketConstraints(
                merging: market.offices.flatMap(\.regions), held: market.held, vacancyRegions: vacancies.map(\.region),
                targets: vacancies.map { Int32($0.target) }
            )
            let hierarchy = try? RegionHierarchy(regions: constraints.regions, vacancyRegions: vacancies.map(\.region), targets: constraints.targets)
            #expect(hierarchy != nil, "seed \(seed): \(constraints.regions)")
            for (index, target) in constraints.targets.enumerated() { #expect(target >= 0 && Int(target) <= vacancies[index].target) }
            let again = MarketConstraints(
                merging: constraints.regions, vacancyRegions: vacancies.map(\.region), targets: constraints.targets
            )
            #expect(again.adjustments.isEmpty, "seed \(seed): a valid set is a fixed point")
            #expect(again.regions == constraints.regions && again.targets == constraints.targets, "seed \(seed)")
        }
    }
}
