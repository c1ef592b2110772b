/// The `talentmatch.instance/1` file format: reading it into a `MatchInstance`.
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

    public let instance: MatchInstance
    /// Present when the document carried profiles and a policy: the scoring behind the
    /// priorities, for explanations.
    public let assessment: PairAssessment?

    /// Parses and validates a document.
    /// - Parameter seed: replaces the document's `seed` when given (the CLI's `--seed`).
    /// - Throws: `InputError` naming the offending place as a JSON pointer.
    public static func decode(_ bytes: [UInt8], seed: UInt64? = nil) throws(InputError) -> InstanceDocument {
        let result: Result<InstanceDocument, InputError> = bytes.withUnsafeBufferPointer { buffer in
            do throws(InputError) {
                var parser = InstanceParser(buffer)
                try parser.parseDocument()
                let instance = try parser.assemble(seedOverride: seed)
                return .success(InstanceDocument(instance: instance, assessment: parser.profiles.assessment))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    public init(instance: MatchInstance, assessment: PairAssessment? = nil) {
        self.instance = instance
        self.assessment = assessment
    }
}
