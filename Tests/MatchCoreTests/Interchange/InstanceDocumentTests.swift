import Testing
@testable import MatchCore

@Suite("Instance document: reading")
struct InstanceDocumentTests {
    /// The example from the issue, verbatim in structure.
    static let example = #"""
    {
      "format": "talentmatch.instance/1",
      "seed": 42,
      "candidates": [ {"id": "c1", "ranking": ["v2", "v1"]}, {"id": "c3", "ranking": ["v1"]},
                      {"id": "c4"}, {"id": "c5"} ],
      "vacancies": [ {"id": "v1", "capacity": 2, "region": "511921", "target": 1,
                      "ranking": ["c1", "c3", "c4"]},
                     {"id": "v2", "capacity": 1, "region": "510104", "scores": {"c1": 71.2, "c5": 80}},
                     {"id": "v3", "capacity": 1, "ranking": ["c5"]} ],
      "regions": [ {"code": "5119", "cap": 10, "floor": 2} ],
      "couples": [ {"members": ["c4", "c5"], "ranking": [["v1", "v2"], ["v3", null]]} ]
    }
    """#

    @Test("The issue's example reads into a dense instance in input order")
    func readsExample() throws {
        let instance = try Documents.decode(Self.example).instance
        #expect(instance.candidateIDs == ["c1", "c3", "c4", "c5"])
        #expect(instance.vacancyIDs == ["v1", "v2", "v3"])
        #expect(Array(instance.choices[0]) == [1, 0])
        #expect(instance.capacities == [2, 1, 1])
        #expect(instance.targets == [1, 0, 0])
        #expect(instance.vacancyRegions.map { $0?.digits } == ["511921", "510104", nil])
        #expect(instance.regions == [RegionConstraint(code: RegionCode("5119")!, cap: 10, floor: 2)])
        #expect(instance.couples == [Couple(first: 2, second: 3, choices: [CouplePair(first: 0, second: 1), CouplePair(first: 2, second: -1)])])
        #expect(instance.seed == 42)
        // Scores order the vacancy's list, higher first, and are kept for explanations.
        #expect(Array(instance.priorities[1]) == [3, 0])
        #expect(instance.score(atPriorityIndex: instance.priorities.range(of: 1).lowerBound) == 80)
    }

    @Test("Ids may be used before they are declared, keys may come in any order")
    func forwardReferences() throws {
        let text = #"{"vacancies": [{"ranking": ["b"], "capacity": 1, "id": "x"}], "candidates": [{"ranking": ["x"], "id": "b"}], "format": "talentmatch.instance/1"}"#
        let instance = try Documents.decode(text).instance
        #expect(MatchEngine.solve(instance).assignment == [0])
    }

    @Test("Escaped ids and unicode are decoded")
    func escapes() throws {
        let text = #"{"format": "talentmatch.instance/1", "candidates": [{"id": "\u5f20\"1", "ranking": ["v\/1"]}], "vacancies": [{"id": "v/1", "capacity": 1, "ranking": ["张\"1"]}]}"#
        let instance = try Documents.decode(text).instance
        #expect(instance.candidateIDs == ["张\"1"])
        #expect(MatchEngine.solve(instance).assignment == [0])
    }

    @Test("Numbers read exactly: decimals, exponents, negatives")
    func numbers() throws {
        let text = #"{"format": "talentmatch.instance/1", "candidates": [{"id": "a"}, {"id": "b"}, {"id": "c"}], "vacancies": [{"id": "v", "capacity": 3, "scores": {"a": 71.2, "b": 7.12e1, "c": -0.5E-3}}]}"#
        let instance = try Documents.decode(text).instance
        let range = instance.priorities.range(of: 0)
        #expect(range.map { instance.score(atPriorityIndex: $0) } == [71.2, 71.2, -0.0005])
    }

    @Test("Equal scores are ordered by the seeded lottery, and the seed decides")
    func lotteryBreaksTies() throws {
        let candidates = (0..<20).map { #"{"id": "c\#($0)", "ranking": ["v"]}"# }.joined(separator: ",")
        let scores = (0..<20).map { #""c\#($0)": 50"# }.joined(separator: ",")
        let text = #"{"format": "talentmatch.instance/1", "candidates": [\#(candidates)], "vacancies": [{"id": "v", "capacity": 1, "scores": {\#(scores)}}]}"#
        let first = try Documents.decode(text, seed: 1).instance
        let again = try Documents.decode(text, seed: 1).instance
        let other = try Documents.decode(text, seed: 2).instance
        #expect(first.priorities == again.priorities)
        #expect(first.priorities != other.priorities)
        let lottery = Lottery(seed: 1, candidateCount: 20)
        let winner = Int(first.priorities.items[0])
        #expect(lottery.numbers[winner] == 0)
    }
}
