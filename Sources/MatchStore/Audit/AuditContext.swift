/// Who is writing and from where, as the caller authenticated them: every store write takes
/// one and records it in the audit log with what was done.
public struct AuditContext: Sendable, Equatable {
    /// A staff member or a token label, e.g. `token:bz-centre-import`.
    public let actor: String
    /// Where the request came from: a client address, `cli`, `test`.
    public let source: String

    public init(actor: String, source: String) {
        precondition(!actor.isEmpty, "an audited write names its actor")
        self.actor = actor
        self.source = source
    }
}
