/// One thing wrong with one field of an input, named by a JSON pointer (RFC 6901) into the
/// input as the API receives it, e.g. `/householdRules/0/legalBasis`.
///
/// Validation returns every problem at once, as data, so that a person fixes a form or a
/// file in one pass instead of one error per attempt.
public struct FieldProblem: Sendable, Equatable, CustomStringConvertible {
    public let pointer: String
    public let message: String

    public init(pointer: String, message: String) {
        self.pointer = pointer
        self.message = message
    }

    public var description: String { "\(pointer): \(message)" }
}
