import Testing
@testable import MatchCore

/// Every kind of bad input named in the issue is rejected with a JSON pointer to its place.
@Suite("Instance document: bad input")
struct InstanceDocumentErrorTests {
    static let header = #""format": "talentmatch.instance/1""#

    func expectRejected(_ body: String, at pointer: String, mentioning fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let error = Documents.rejection("{\(Self.header), \(body)}")
        #expect(error?.pointer == pointer, sourceLocation: sourceLocation)
        #expect(error?.message.contains(fragment) == true, "\(String(describing: error))", sourceLocation: sourceLocation)
    }

    @Test("Unknown ids are reported where they are used")
    func unknownIDs() {
        expectRejected(#""candidates": [{"id": "c1", "ranking": ["v9"]}], "vacancies": [{"id": "v1", "capacity": 1, "ranking": []}]"#,
                       at: "/candidates/0/ranking/0", mentioning: "unknown vacancy id 'v9'")
        expectRejected(#""candidates": [{"id": "c1"}], "vacancies": [{"id": "v1", "capacity": 1, "ranking": ["c1", "c7"]}]"#,
                       at: "/vacancies/0/ranking/1", mentioning: "unknown candidate id 'c7'")
        expectRejected(#""candidates": [{"id": "c1"}], "vacancies": [{"id": "v1", "capacity": 1, "scores": {"c7": 3}}]"#,
                       at: "/vacancies/0/scores/c7", mentioning: "unknown candidate id 'c7'")
    }

    @Test("Duplicate ids are reported at the second declaration")
    func duplicateIDs() {
        expectRejected(#""candidates": [{"id": "c1"}, {"id": "c1"}], "vacancies": []"#, at: "/candidates/1/id", mentioning: "duplicate candidate id 'c1'")
        expectRejected(#""candidates": [], "vacancies": [{"id": "v1", "capacity": 1, "ranking": []}, {"id": "v1", "capacity": 1, "ranking": []}]"#,
                       at: "/vacancies/1/id", mentioning: "duplicate vacancy id 'v1'")
        expectRejected(#""candidates": [{"id": "c1", "ranking": ["v1", "v1"]}], "vacancies": [{"id": "v1", "capacity": 1, "ranking": []}]"#,
                       at: "/candidates/0/ranking/1", mentioning: "ranked twice")
    }

    @Test("A negative capacity names its vacancy, e.g. /vacancies/17/capacity")
    func negativeCapacity() {
        let vacancies = (0..<18).map { #"{"id": "v\#($0)", "capacity": \#($0 == 17 ? -1 : 1), "ranking": []}"# }
        expectRejected(#""candidates": [], "vacancies": [\#(vacancies.joined(separator: ","))]"#,
                       at: "/vacancies/17/capacity", mentioning: "must not be negative")
    }

    @Test("Malformed region codes are rejected on vacancies and regions")
    func malformedRegionCodes() {
        expectRejected(#""candidates": [], "vacancies": [{"id": "v1", "capacity": 1, "region": "51x9", "ranking": []}]"#,
                       at: "/vacancies/0/region", mentioning: "malformed region code")
        expectRejected(#""candidates": [], "vacancies": [], "regions": [{"code": "5", "cap": 3}]"#,
                       at: "/regions/0/code", mentioning: "malformed region code")
    }

    @Test("A couple member who also ranks alone is rejected")
    func coupleMemberRanksAlone() {
        expectRejected(
            #""candidates": [{"id": "c1", "ranking": ["v1"]}, {"id": "c2"}], "vacancies": [{"id": "v1", "capacity": 2, "ranking": ["c1", "c2"]}], "couples": [{"members": ["c1", "c2"], "ranking": [["v1", "v1"]]}]"#,
            at: "/candidates/0/ranking", mentioning: "must not also rank alone"
        )
    }

    @Test("JSON that does not parse is reported with its position")
    func unparsableJSON() {
        let error = Documents.rejection(#"{"format": "talentmatch.instance/1", "candidates": [{"id": "c1",}]}"#)
        #expect(error?.message.contains("JSON does not parse at byte") == true)
        #expect(error?.pointer == "/candidates/0")
        #expect(Documents.rejection("") != nil)
        #expect(Documents.rejection(#"{"format": "talentmatch.instance/1"} trailing"#)?.message.contains("end of input") == true)
    }

    @Test("A document cut short says it is not complete JSON, wherever it stops")
    func truncatedDocument() {
        let whole = #"{"format": "talentmatch.instance/1", "candidates": [{"id": "c1", "ranking": ["v1"]}], "vacancies": [{"id": "v1", "capacity": 1, "ranking": ["c1"]}]}"#
        #expect(Documents.rejection(whole) == nil)
        for length in [1, 40, 53, 54, 70, whole.utf8.count - 1] {
            let cut = String(whole.prefix(length))
            let error = Documents.rejection(cut)
            #expect(error?.message.hasPrefix("the file is not complete JSON: it ends after \(length) bytes") == true,
                    "cut after \(length) bytes: \(String(describing: error))")
        }
        #expect(Documents.rejection("")?.message.contains("not complete JSON") == true)
    }

    @Test("The format must be named and supported")
    func format() {
        #expect(Documents.rejection(#"{"candidates": []}"#)?.pointer == "/format")
        // Version 2 is read since markets (issue 14); the next one is not.
        #expect(Documents.rejection(#"{"format": "talentmatch.instance/3"}"#)?.pointer == "/format")
    }

    @Test("A vacancy gives either a ranking or scores")
    func rankingOrScores() {
        expectRejected(#""candidates": [{"id": "c1"}], "vacancies": [{"id": "v1", "capacity": 1, "ranking": ["c1"], "scores": {"c1": 1}}]"#,
                       at: "/vacancies/0/scores", mentioning: "not both")
        expectRejected(#""candidates": [], "vacancies": [{"id": "v1", "capacity": 1}]"#, at: "/vacancies/0", mentioning: "needs 'ranking' or 'scores'")
    }

    @Test("Caps must leave room for the targets and floors beneath them")
    func capBelowReservations() {
        expectRejected(
            #""candidates": [], "vacancies": [{"id": "v1", "capacity": 3, "region": "510101", "target": 2, "ranking": []}], "regions": [{"code": "5101", "cap": 1}]"#,
            at: "/regions/0/cap", mentioning: "below the 2 seats reserved"
        )
        expectRejected(#""candidates": [], "vacancies": [{"id": "v1", "capacity": 1, "target": 2, "ranking": []}]"#,
                       at: "/vacancies/0/target", mentioning: "between 0 and the capacity")
    }

    @Test("A household-registration rule without its legal basis is rejected")
    func ruleWithoutLegalBasis() {
        let body = #""policy": {"version": "p1", "weights": {"specialty-fit": 1}}, "candidates": [{"id": "c1", "ranking": ["v1"], "profile": {"education": "bachelor"}}], "vacancies": [{"id": "v1", "capacity": 1, "profile": {"householdRules": [{"region": "5119", "legalBasis": "  "}]}}]"#
        expectRejected(body, at: "/vacancies/0/profile/householdRules/0/legalBasis", mentioning: "legal basis")
    }
}
