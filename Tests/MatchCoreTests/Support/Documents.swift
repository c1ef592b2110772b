@testable import MatchCore

/// Helpers for reading instance documents from text in tests.
enum Documents {
    static func decode(_ text: String, seed: UInt64? = nil) throws(InputError) -> InstanceDocument {
        try InstanceDocument.decode(Array(text.utf8), seed: seed)
    }

    /// The error a document is rejected with, or nil if it is accepted.
    static func rejection(_ text: String) -> InputError? {
        do {
            _ = try decode(text)
            return nil
        } catch {
            return error
        }
    }

    /// Solves and encodes without timings, as `talentmatch solve --no-timings` does.
    static func resultText(_ text: String, explain: Bool = true, seed: UInt64? = nil) throws -> String {
        let document = try decode(text, seed: seed)
        let outcome = MatchEngine.solve(document.instance)
        let report = Verifier.verify(document.instance, assignment: outcome.assignment)
        let explainer = Explainer(instance: document.instance, assignment: outcome.assignment, assessment: document.assessment)
        let bytes = ResultDocument.encode(
            instance: document.instance, outcome: outcome, verification: report, explainer: explainer,
            options: .init(includeExplanations: explain, includeTimings: false)
        )
        return String(decoding: bytes, as: UTF8.self)
    }
}
