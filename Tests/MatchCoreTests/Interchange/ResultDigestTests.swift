import Testing
@testable import MatchCore

@Suite("Byte-identical results across engine changes")
struct ResultDigestTests {
    static let catalogue = ReferenceCatalogue(
        counties: ["110101", "110105", "310101", "440106", "510104", "510107", "511902", "511921", "520102", "522701", "630121", "650102"]
            .compactMap { RegionCode($0) },
        specialties: ["080901", "080902", "090101", "120103"].compactMap { SpecialtyCode($0) },
        keyAssistanceCounties: Set(["511921", "522701", "630121"].compactMap { RegionCode($0) })
    )

    /// FNV-1a digests of whole result documents (with explanations, without timings) as
    /// written by the engine before the performance work of ADRs 0011–0013 (commit a071e7f).
    /// Performance changes must not move a byte; a deliberate change of output updates them.
    /// The two with couples were updated once for the `couplesSettlement` key (issue 17):
    /// without that key their bytes are still the frozen ones (3,545,093 / 0x2CEA92E9249917E6
    /// and 3,357,815 / 0xAD588561ED3751F3).
    static let frozen: [(name: String, settings: GeneratorSettings, bytes: Int, digest: UInt64)] = [
        ("plain", GeneratorSettings(candidates: 1_500, vacancies: 150, seed: 42), 3_674_034, 0xB701_11D6_F39B_A30F),
        ("caps", GeneratorSettings(candidates: 1_500, vacancies: 150, seed: 42, caps: true), 3_625_488, 0x74DB_5E33_9941_10FE),
        ("floors", GeneratorSettings(candidates: 1_500, vacancies: 150, seed: 42, floors: true), 3_710_745, 0x52A3_C0C3_923D_1F1B),
        ("couples", GeneratorSettings(candidates: 1_500, vacancies: 150, seed: 42, coupleShare: 0.05), 3_545_125, 0x3F59_5E6F_7790_78D2),
        (
            "scores, caps, couples",
            GeneratorSettings(candidates: 1_500, vacancies: 150, seed: 42, caps: true, coupleShare: 0.02, scores: true),
            3_357_847, 0x7825_C784_07D8_F0BF
        ),
    ]

    @Test("Generated plain, caps, floors, couples and scored instances give the frozen result bytes", arguments: 0..<5)
    func frozenDigest(_ index: Int) throws {
        let shape = Self.frozen[index]
        let document = try InstanceDocument.decode(InstanceGenerator.generate(shape.settings, catalogue: Self.catalogue))
        let outcome = MatchEngine.solve(document.instance)
        let report = Verifier.verify(document.instance, assignment: outcome.assignment)
        let explainer = Explainer(instance: document.instance, assignment: outcome.assignment, assessment: document.assessment)
        let result = ResultDocument.encode(
            instance: document.instance, outcome: outcome, verification: report, explainer: explainer,
            options: .init(includeExplanations: true, includeTimings: false)
        )
        var digest: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in result { digest = (digest ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        #expect(result.count == shape.bytes, "\(shape.name)")
        #expect(digest == shape.digest, "\(shape.name)")
    }
}
