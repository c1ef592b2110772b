import Foundation
@testable import MatchCore
@testable import MatchStore
import MatchStoreTesting
import MatchWorkflow
import PostgresNIO
import Testing

@Suite("Offer explanations stored as codes")
struct OfferExplanationTests {
    /// Every reason, rule and cutoff form the engine can give, in one explanation.
    static let everyCase: CandidateExplanation = {
        let rule = try! HouseholdRegistrationRule(region: RegionCode("5119")!, legalBasis: "巴中市人才新政第 3 条")
        let contributions = [
            FeatureContribution(feature: .specialtyFit, raw: 2.0 / 3.0, weight: 40, contribution: 26.6667),
            FeatureContribution(feature: .experience, raw: 0.5, weight: 20, contribution: 10),
        ]
        let full = RejectionReason.full(cutoff: .score(51.5), yours: .score(42.6667))
        let ineligible = RejectionReason.notEligible(reasons: [
            .specialtyMismatch(required: [SpecialtyRequirement(code: SpecialtyCode("081903T")!, accepted: [.sameCode, .sameClass])]),
            .educationBelowMinimum(required: .master, actual: .bachelor),
            .titleBelowMinimum(required: .intermediate, actual: .junior),
            .experienceBelowMinimum(required: 5, actual: 2),
            .noCommonIntroductionMode(vacancy: [.fullTransfer], candidate: [.remote, .partTime]),
            .householdRegistration(rule: rule, actual: nil),
            .householdRegistration(rule: rule, actual: RegionCode("510100")),
        ])
        return CandidateExplanation(
            candidate: 0, vacancy: 3, standing: .score(42.6667),
            breakdown: ScoreBreakdown(policyVersion: "v1", contributions: contributions, score: 42.6667),
            admittedBy: [
                .specialtyFit(.sameClass), .noSpecialtyRequirement, .education(actual: .bachelor, minimum: .juniorCollege),
                .title(actual: .junior, minimum: .none), .experience(actual: 3, required: 2),
                .commonModes([.fullTransfer, .partTime]), .householdRegistration(rule),
            ],
            rankedAbove: [
                .init(vacancy: 0, reason: full, cutoff: .score(51.5)),
                .init(vacancy: 1, reason: .regionCapReached(region: RegionCode("5101")!), cutoff: .open),
                .init(vacancy: 2, reason: ineligible, cutoff: .open),
                .init(vacancy: 4, reason: .notEligible(reasons: []), cutoff: .open),
                .init(vacancy: 5, reason: .notAdmitted, cutoff: .rank(2)),
                .init(vacancy: 6, reason: .full(cutoff: .rank(3), yours: .rank(5)), cutoff: .rank(3)),
            ]
        )
    }()

    @Test("every reason, rule and cutoff reads back as the engine gave it")
    func roundTrip() throws {
        let json = OfferExplanation.json(Self.everyCase, cutoff: .score(40.25)) { Int64(1000 + $0) }
        let stored = try #require(StoredOfferExplanation(json: json), "version 2 reads back")
        #expect(stored.score == .score(42.6667))
        #expect(stored.cutoff == .score(40.25))
        #expect(stored.admittedBy == Self.everyCase.admittedBy)
        #expect(stored.rankedAbove.map(\.vacancyID) == [1000, 1001, 1002, 1004, 1005, 1006])
        #expect(stored.rankedAbove.map(\.reason) == Self.everyCase.rankedAbove.map(\.reason))
        #expect(stored.breakdown.map(\.feature) == [.experience, .specialtyFit])
        #expect(stored.breakdown.first { $0.feature == .specialtyFit }?.raw == 0.6667, "raw is stored to 4 decimals")
    }

    @Test("the stored form is the compact one the ADR documents")
    func golden() {
        let explanation = CandidateExplanation(
            candidate: 0, vacancy: 1, standing: .score(24.8333),
            breakdown: ScoreBreakdown(policyVersion: "v1", contributions: [
                FeatureContribution(feature: .experience, raw: 0.2, weight: 20, contribution: 4),
            ], score: 24.8333),
            admittedBy: [.specialtyFit(.sameDiscipline), .commonModes([.fullTransfer])],
            rankedAbove: [
                .init(vacancy: 0, reason: .full(cutoff: .score(39.3333), yours: .score(24.8333)), cutoff: .score(39.3333)),
                .init(vacancy: 2, reason: .notEligible(reasons: [
                    .specialtyMismatch(required: [SpecialtyRequirement(code: SpecialtyCode("081903T")!, accepted: [.sameCode, .sameClass])]),
                ]), cutoff: .open),
            ]
        )
        let json = OfferExplanation.json(explanation, cutoff: .open) { [53769, 77654, 59901][$0] }
        // Since markets (ADR 0030) the policy that scored the post is named.
        #expect(json == #"{"v":2,"policy":"v1","score":24.8333,"cutoff":"open","breakdown":{"experience":[0.2,20.0,4.0]},"admittedBy":[["specialty","same-discipline"],["modes",["full-transfer"]]],"rankedAbove":[[53769,"full",39.3333,24.8333],[59901,"not-eligible",[["specialty",["081903T","same-code","same-class"]]]]]}"#)
    }

    @Test("in a market: the choice's whole-list rank, each post's office policy, and a rule of kind 'outside', written and read back")
    func marketForm() throws {
        let outside = try HouseholdRegistrationRule(region: RegionCode("5108")!, legalBasis: "东西部协作办法第 4 条", kind: .outside)
        let explanation = CandidateExplanation(
            candidate: 0, vacancy: 1, standing: .score(61.5),
            breakdown: ScoreBreakdown(policyVersion: "GY-HR v2", contributions: [
                FeatureContribution(feature: .experience, raw: 0.5, weight: 30, contribution: 15),
            ], score: 61.5),
            admittedBy: [.householdRegistration(outside)],
            rankedAbove: [
                .init(vacancy: 0, reason: .full(cutoff: .score(70), yours: .score(55.25)), cutoff: .score(70), policy: "BZ-HR v3"),
                .init(vacancy: 2, reason: .notEligible(reasons: [.householdRegistration(rule: outside, actual: RegionCode("510802"))]),
                      cutoff: .open, policy: "GY-HR v2"),
            ]
        )
        let json = OfferExplanation.json(explanation, cutoff: .score(60), choice: 4) { [11, 12, 13][$0] }
        #expect(json == #"{"v":2,"choice":4,"policy":"GY-HR v2","score":61.5,"cutoff":60.0,"breakdown":{"experience":[0.5,30.0,15.0]},"admittedBy":[["household-registration","5108","东西部协作办法第 4 条","outside"]],"rankedAbove":[[11,"full",70.0,55.25,"BZ-HR v3"],[13,"not-eligible",[["household-registration","5108","东西部协作办法第 4 条","510802","outside"]]]]}"#)
        let stored = try #require(StoredOfferExplanation(json: json))
        #expect(stored.choice == 4 && stored.policy == "GY-HR v2")
        #expect(stored.rankedAbove.map(\.policy) == ["BZ-HR v3", nil])
        #expect(stored.admittedBy == [.householdRegistration(outside)])
        #expect(stored.rankedAbove.last?.reason == .notEligible(reasons: [.householdRegistration(rule: outside, actual: RegionCode("510802"))]))
    }

    @Test("a version 1 explanation (prose, before migration 0016) is not read as version 2")
    func legacyIsNotVersion2() {
        #expect(StoredOfferExplanation(json: #"{"score":71.5,"rankedAbove":[]}"#) == nil)
    }

    /// The export re-solves the stored scored snapshot, which has no profiles: it names the
    /// same posts, reasons, cutoffs and scores, but cannot say which rule failed or admitted.
    @Test("a night's stored explanations agree with the result export of its snapshot")
    func matchesTheExport() async throws {
        try await withTestDatabase(role: .application) { (database) async throws in
            try await NightlyFixture.prepare(database)
            guard case .committed(let runID, _) = try await NightlyFixture.run(database) else { Issue.record("no commit"); return }
            let export = try JSONSerialization.jsonObject(with: Data(try await RunExport(database: database).resultJSON(runID: runID))) as? [String: Any]
            let explanations = try #require(export?["explanations"] as? [[String: Any]])
            let byCandidate = Dictionary(uniqueKeysWithValues: explanations.map { (Self.id($0["candidate"]), $0) })
            let rows = try await database.client.query("SELECT candidate_id, explanation::text, score::float8 FROM offers WHERE run_id = \(runID)")
            var checked = 0
            for try await (candidate, json, score) in rows.decode((Int64, String, Double?).self) {
                let stored = try #require(StoredOfferExplanation(json: json), "offer of candidate \(candidate) is version 2")
                let engine = try #require(byCandidate[candidate])
                if case .score(let value) = stored.score { #expect(value == score) } else { Issue.record("no score for \(candidate)") }
                let above = engine["rankedAbove"] as? [[String: Any]] ?? []
                #expect(stored.rankedAbove.map(\.vacancyID) == above.map { Self.id($0["vacancy"]) })
                #expect(stored.rankedAbove.map(\.reason.code) == above.map { $0["reason"] as? String ?? "" })
                for (mine, theirs) in zip(stored.rankedAbove.map(\.reason), above) {
                    if case .notEligible(let rules) = mine {
                        #expect(!rules.isEmpty, "with profiles the failed rule is named")
                    } else {
                        #expect(mine.description == theirs["text"] as? String)
                    }
                }
                #expect(!stored.admittedBy.isEmpty, "with profiles the rules met are named")
                checked += 1
            }
            #expect(checked == 14)
        }
    }

    /// "c12" / "v7" → 12 / 7.
    private static func id(_ value: Any?) -> Int64 {
        (value as? String).flatMap { Int64($0.dropFirst()) } ?? -1
    }
}
