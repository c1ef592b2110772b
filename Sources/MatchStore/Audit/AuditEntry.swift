import Foundation

/// One row of the audit log as a reader sees it (who, what, to what, when, from where).
public struct AuditEntry: Sendable, Equatable {
    public let id: Int64
    public let at: Date
    public let actor: String
    public let action: String
    public let subject: String
    /// The row's details, keys sorted, as `key=value` pairs.
    public let details: [(key: String, value: String)]
    public let source: String

    public static func == (lhs: AuditEntry, rhs: AuditEntry) -> Bool {
        lhs.id == rhs.id && lhs.at == rhs.at && lhs.actor == rhs.actor && lhs.action == rhs.action && lhs.subject == rhs.subject
            && lhs.source == rhs.source && lhs.details.map(\.key) == rhs.details.map(\.key)
            && lhs.details.map(\.value) == rhs.details.map(\.value)
    }
}

/// What an office's audit log is filtered by; every part is optional.
public struct AuditFilter: Sendable, Equatable {
    /// Part of the actor (`staff:12:li-admin`, `token:3:bz-import`), matched literally.
    public var actor: String?
    /// The action exactly (`token.issue`), or a family with a trailing dot (`review.`).
    public var action: String?
    /// From the start of this day (UTC) …
    public var from: Date?
    /// … to the end of this day (UTC).
    public var through: Date?

    public init(actor: String? = nil, action: String? = nil, from: Date? = nil, through: Date? = nil) {
        self.actor = actor
        self.action = action
        self.from = from
        self.through = through
    }
}
