import Testing
@testable import MatchCore

@Suite("Instance document version 2: a market's policies, rule kinds and the published lottery")
struct MarketDocumentTests {
    /// Two offices' policies; each vacancy profile names its own. SHA-256 of the secret's 32
    /// bytes (01 02 … 20) is the commitment, as `printf` + `sha256sum` give it.
    static let market = #"""
    {"format": "talentmatch.instance/2", "seed": 72623859790382856,
     "lottery": {"secret": "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20",
                 "commitment": "ae216c2ef5247a3782c135efa279a3e4cdc61094270f5d2be58c6204b7a612c9"},
     "policies": [{"version": "BZ-HR v2", "weights": {"experience": 1}},
                  {"version": "GY-HR v1", "weights": {"specialty-fit": 1}}],
     "candidates": [{"id": "senior", "ranking": ["bz", "gy"], "profile": {"specialties": ["080901"], "education": "bachelor", "experience": 9,
                                                                        "householdRegistration": {"region": "310101"}}},
                    {"id": "junior", "ranking": ["bz", "gy"], "profile": {"specialties": ["080901"], "education": "bachelor", "experience": 1}}],
     "vacancies": [{"id": "gy", "capacity": 1, "region": "510802", "profile": {"policy": "GY-HR v1", "specialties": [{"code": "080901"}]}},
                   {"id": "bz", "capacity": 1, "region": "511921",
                    "profile": {"policy": "BZ-HR v2", "specialties": [{"code": "080901"}],
                                "householdRules": [{"region": "5119", "kind": "outside", "legalBasis": "东西部协作交流办法第 4 条"}]}}]}
    """#

    @Test("Each vacancy is scored by the policy it names, and its rule of kind 'outside' applies")
    func readsMarket() throws {
        let document = try Documents.decode(Self.market)
        let assessment = try #require(document.assessment)
        #expect(assessment.policy(ofVacancy: 0).version == "GY-HR v1")
        #expect(assessment.policy(ofVacancy: 1).version == "BZ-HR v2")
        #expect(assessment.vacancies[1].householdRules.first?.kind == .outside)
        // Only the senior candidate (registered in Shanghai, outside 巴中) is eligible at bz.
        #expect(Array(document.instance.priorities[1]) == [0])
        #expect(MatchEngine.solve(document.instance).assignment == [1, 0])
    }

    @Test("The published lottery is read back; the seed is the secret's first 8 bytes")
    func readsLottery() throws {
        let document = try Documents.decode(Self.market)
        let lottery = try #require(document.lottery)
        #expect(lottery.seed == 0x0102_0304_0506_0708)
        #expect(document.instance.seed == lottery.seed)
        #expect(lottery.commitment == "ae216c2ef5247a3782c135efa279a3e4cdc61094270f5d2be58c6204b7a612c9")
        #expect(try Documents.decode(Self.market, seed: 9).lottery == nil, "another seed is another lottery")
    }

    @Test("An encoded snapshot with its lottery is version 2 and reads back to the same instance; without one it is version 1")
    func encodesLottery() throws {
        let document = try Documents.decode(Self.market)
        let lottery = try #require(document.lottery)
        let bytes = InstanceEncoder.encode(document.instance, lottery: lottery)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix(#"{"format":"talentmatch.instance/2","seed":72623859790382856,"lottery":{"secret":"0102"#))
        let again = try InstanceDocument.decode(bytes)
        #expect(again.lottery == lottery)
        #expect(InstanceEncoder.encode(again.instance, lottery: lottery) == bytes)
        #expect(String(decoding: InstanceEncoder.encode(document.instance), as: UTF8.self).hasPrefix(#"{"format":"talentmatch.instance/1""#))
    }

    @Test("A lottery whose secret does not give the seed, or a malformed one, is refused with its place")
    func badLottery() {
        let wrongSeed = Self.market.replacingOccurrences(of: "72623859790382856", with: "7")
        #expect(Documents.rejection(wrongSeed) == InputError("/seed", "seed 7 is not the lottery secret's seed 72623859790382856"))
        let shortSecret = Self.market.replacingOccurrences(of: "1d1e1f20\"", with: "\"")
        #expect(Documents.rejection(shortSecret)?.pointer == "/lottery/secret")
        let upper = Self.market.replacingOccurrences(of: "ae216c", with: "AE216C")
        #expect(Documents.rejection(upper)?.pointer == "/lottery/commitment")
    }

    @Test("Market documents name a known policy on every vacancy")
    func policyReferences() {
        let missing = Self.market.replacingOccurrences(of: #""policy": "GY-HR v1", "#, with: "")
        #expect(Documents.rejection(missing) == InputError("/vacancies/0/profile/policy", "missing 'policy' (the document lists 'policies')"))
        let unknown = Self.market.replacingOccurrences(of: #""policy": "GY-HR v1""#, with: #""policy": "GY-HR v9""#)
        #expect(Documents.rejection(unknown) == InputError("/vacancies/0/profile/policy", "no policy 'GY-HR v9' in 'policies'"))
        let both = Self.market.replacingOccurrences(of: #""policies": ["#, with: #""policy": {"version": "x", "weights": {}}, "policies": ["#)
        #expect(Documents.rejection(both)?.message == "give either 'policy' or 'policies', once")
    }

    @Test("Version 1 documents still read as before, and an unknown version is refused")
    func versions() {
        #expect(Documents.rejection(InstanceDocumentTests.example) == nil)
        let future = InstanceDocumentTests.example.replacingOccurrences(of: "instance/1", with: "instance/3")
        #expect(Documents.rejection(future)?.message
                == #"unsupported format 'talentmatch.instance/3' (expected "talentmatch.instance/1" or "talentmatch.instance/2")"#)
    }

    @Test("Seeds use all 64 bits: one above Int64.max reads back, a negative one is refused at /seed")
    func fullWidthSeeds() throws {
        let big = #"{"format": "talentmatch.instance/1", "seed": 18446744073709551615, "candidates": [], "vacancies": []}"#
        let document = try Documents.decode(big)
        #expect(document.instance.seed == UInt64.max)
        #expect(try InstanceDocument.decode(InstanceEncoder.encode(document.instance)).instance.seed == UInt64.max)
        #expect(Documents.rejection(big.replacingOccurrences(of: "18446744073709551615", with: "-1"))?.pointer == "/seed")
        #expect(Documents.rejection(big.replacingOccurrences(of: "18446744073709551615", with: "18446744073709551616"))?.pointer == "/seed")
    }
}
