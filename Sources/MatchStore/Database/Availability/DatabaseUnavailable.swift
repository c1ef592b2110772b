/// The database does not answer right now: a request gets 503 with `Retry-After`.
public struct DatabaseUnavailable: Error, Sendable, CustomStringConvertible {
    /// What the last probe found, for logs and `/ready` (never shown to candidates).
    public let reason: String
    public let retryAfterSeconds: Int

    public init(reason: String, retryAfterSeconds: Int) {
        self.reason = reason
        self.retryAfterSeconds = retryAfterSeconds
    }

    public var description: String {
        reason.isEmpty ? "the database does not answer" : "the database does not answer: \(reason)"
    }
}
