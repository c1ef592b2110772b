/// The `talentmatch.instance/1` and `/2` file formats: reading them into a `MatchInstance`.
///
/// Version 2 adds what a market's night needs and nothing else: `policies` (one per office,
/// each vacancy profile naming its own by `version`), the household rule `kind`, and the
/// night's published `lottery`. A document that uses none of them is written as version 1,
/// so single-office instances are byte for byte what they were; both versions are read.
///
/// ```json
/// {"format": "talentmatch.instance/1", "seed": 42,
///  "candidates": [{"id": "c1", "ranking": ["v2", "v1"]}],
///  "vacancies": [{"id": "v1", "capacity": 2, "region": "511921", "target": 1, "ranking": ["c1"]}],
///  "regions": [{"code": "5119", "cap": 10, "floor": 2}],
///  "couples": [{"members": ["c4", "c5"], "ranking": [["v1", "v2"], ["v3", null]]}]}
/// ```
/// The full reference is in docs/matching.md, "Instance format".
public struct InstanceDocument: Sendable {
    public static let format = "talentmatch.instance/1"
    public static let marketFormat = "talentmatch.instance/2"
    static let formats = [format, marketFormat]
    static var expectedFormats: String { formats.map { "\"\($0)\"" }.joined(separator: " or ") }

    public let instance: MatchInstance
    /// Present when the document carried profiles and a policy: the scoring behind the
    /// priorities, for explanations.
    public let assessment: PairAssessment?
    /// The night's lottery (version 2): the revealed secret and its published commitment.
    /// Its seed is the instance's seed, unless the caller overrode the seed.
    public let lottery: LotteryReveal?

    /// Parses and validates a document.
    /// - Parameter seed: replaces the document's `seed` when given (the CLI's `--seed`).
    /// - Throws: `InputError` naming the offending place as a JSON pointer.
    public static func decode(_ bytes: [UInt8], seed: UInt64? = nil) throws(InputError) -> InstanceDocument {
        let result: Result<InstanceDocument, InputError> = bytes.withUnsafeBufferPointer { buffer in
            do throws(InputError) {
                var parser = InstanceParser(buffer)
                try parser.parseDocument()
                let instance = try parser.assemble(seedOverride: seed)
                // An overridden seed draws another lottery than the published one.
                let lottery = seed == nil ? parser.lottery : nil
                if let lottery, lottery.seed != instance.seed {
                    throw InputError("/seed", "seed \(instance.seed) is not the lottery secret's seed \(lottery.seed)")
                }
                return .success(InstanceDocument(instance: instance, assessment: parser.profiles.assessment, lottery: lottery))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    public init(instance: MatchInstance, assessment: PairAssessment? = nil, lottery: LotteryReveal? = nil) {
        self.instance = instance
        self.assessment = assessment
        self.lottery = lottery
    }
}
