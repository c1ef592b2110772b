import Foundation
import Logging
import PostgresNIO

/// Issues, authenticates, lists and revokes API tokens (`api_tokens`, ADR 0016).
///
/// The table has no row-level security: a request must be authenticated before anyone knows
/// its scope. It holds hashes only, and the application role may insert tokens and revoke
/// them, never change what one may do.
public struct TokenStore: Sendable {
    /// Who a new token speaks for.
    public enum Owner: Sendable, Equatable {
        case centre(code: String)
        case office(code: String)

        /// Every permission a token of this kind can use, which is also what it gets by default.
        public var holdablePermissions: [Permission] {
            switch self {
            case .centre: Permission.centreDefaults
            case .office: Permission.officeDefaults
            }
        }

        /// "a centre", "an office": for messages.
        public var kind: String {
            switch self {
            case .centre: "a centre"
            case .office: "an office"
            }
        }
    }

    /// A token just issued: the secret is shown to the operator once and never again.
    public struct Issued: Sendable {
        public let id: Int64
        public let secret: TokenSecret
        public let expiresAt: Date?
    }

    /// One token as `token list` shows it (never its secret).
    public struct Listing: Sendable, Equatable {
        public let id: Int64
        public let label: String
        public let owner: Owner
        public let permissions: [String]
        public let createdAt: Date
        public let expiresAt: Date?
        public let revokedAt: Date?
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func issue(
        for owner: Owner, label: String, permissions: [Permission]? = nil, expiresInDays: Int? = nil, actor: String, source: String = "cli"
    ) async throws -> Issued {
        let label = label.trimmingCharacters(in: .whitespaces)
        guard (1...100).contains(label.count) else { throw TokenIssueError.invalid("a token's label is 1 to 100 characters") }
        if let days = expiresInDays, !(1...3650).contains(days) {
            throw TokenIssueError.invalid("--expires-in-days must be 1 to 3650, got \(days)")
        }
        let holdable = owner.holdablePermissions
        if let refused = permissions?.first(where: { !holdable.contains($0) }) {
            throw TokenIssueError.invalid(
                "\(owner.kind) token cannot use the '\(refused.rawValue)' permission; it can hold "
                    + holdable.map(\.rawValue).joined(separator: ", ")
            )
        }
        let granted = (permissions ?? holdable).map(\.rawValue)
        guard !granted.isEmpty else { throw TokenIssueError.invalid("a token needs at least one permission") }
        let secret = TokenSecret.generate()
        let expiresAt = expiresInDays.map { Date().addingTimeInterval(Double($0) * 86_400) }
        let logger = database.logger
        return try await database.transaction { connection in
            let (centre, office) = try await Self.resolve(owner, on: connection, logger: logger)
            let rows = try await connection.query(
                """
                INSERT INTO api_tokens (secret_hash, centre_id, office_id, permissions, label, expires_at)
                VALUES (\(secret.hash), \(centre), \(office), \(granted)::text[], \(label), \(expiresAt))
                RETURNING id
                """,
                logger: logger
            )
            var id: Int64 = 0
            for try await value in rows.decode(Int64.self) { id = value }
            try await AuditLog.record(
                actor: actor, action: "token.issue", subject: "token \(id)",
                details: ["label": label, "owner": Self.describe(owner), "permissions": granted.joined(separator: " ")],
                source: source, on: connection, logger: logger
            )
            return Issued(id: id, secret: secret, expiresAt: expiresAt)
        }
    }

    /// The principal a presented bearer secret stands for, or why it is refused.
    public func authenticate(_ presented: String) async throws -> Principal {
        guard let secret = TokenSecret(presented: presented) else { throw TokenError.malformed }
        let rows = try await database.execute(TokenLookup(secretHash: ByteBuffer(bytes: secret.hash)))
        typealias Row = (Int64, String, [String], Int64?, String?, Int64?, Int64?, String?, String?, Bool, Bool, Bool)
        for try await row in rows.decode(Row.self) {
            let (id, label, permissions, centreID, centreCode, centreOffice, officeID, officeCode, prefix, expired, revoked, closed) = row
            if revoked { throw TokenError.revoked }
            if expired { throw TokenError.expired }
            if closed { throw TokenError.organisationClosed }
            let organisation: Principal.Organisation
            if let centreID, let centreCode, let centreOffice {
                organisation = .centre(id: centreID, code: centreCode, officeID: centreOffice)
            } else if let officeID, let officeCode, let prefix {
                organisation = .office(id: officeID, code: officeCode, regionPrefix: prefix)
            } else {
                throw TokenError.unknown
            }
            return Principal(tokenID: id, label: label, organisation: organisation,
                             permissions: Set(permissions.compactMap(Permission.init(rawValue:))))
        }
        throw TokenError.unknown
    }

    public func revoke(id: Int64, actor: String, source: String = "cli") async throws {
        let logger = database.logger
        try await database.transaction { connection in
            let rows = try await connection.query(
                "UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = \(id) RETURNING id", logger: logger
            )
            var found = false
            for try await _ in rows.decode(Int64.self) { found = true }
            guard found else { throw TokenIssueError.unknownToken(id) }
            try await AuditLog.record(actor: actor, action: "token.revoke", subject: "token \(id)", source: source,
                                      on: connection, logger: logger)
        }
    }

    public func list() async throws -> [Listing] {
        let rows = try await database.query(
            """
            SELECT t.id, t.label, c.code, o.code, t.permissions, t.created_at, t.expires_at, t.revoked_at
            FROM api_tokens t LEFT JOIN centres c ON c.id = t.centre_id LEFT JOIN offices o ON o.id = t.office_id
            ORDER BY t.id
            """,
            logger: database.logger
        )
        return try await Self.listings(rows)
    }

    /// Rows of `id, label, centre code, office code, permissions, created, expires, revoked`.
    static func listings<Rows: AsyncSequence>(_ rows: Rows) async throws -> [Listing] where Rows.Element == PostgresRow {
        var listings: [Listing] = []
        for try await row in rows {
            let (id, label, centre, office, permissions, created, expires, revoked)
                = try row.decode((Int64, String, String?, String?, [String], Date, Date?, Date?).self)
            let owner: Owner = centre.map { .centre(code: $0) } ?? .office(code: office ?? "")
            listings.append(Listing(id: id, label: label, owner: owner, permissions: permissions,
                                    createdAt: created, expiresAt: expires, revokedAt: revoked))
        }
        return listings
    }

    static func describe(_ owner: Owner) -> String {
        switch owner {
        case .centre(let code): "centre \(code)"
        case .office(let code): "office \(code)"
        }
    }

    private static func resolve(_ owner: Owner, on connection: PostgresConnection, logger: Logger) async throws -> (Int64?, Int64?) {
        switch owner {
        case .centre(let code):
            let rows = try await connection.query("SELECT id FROM centres WHERE code = \(code)", logger: logger)
            for try await id in rows.decode(Int64.self) { return (id, nil) }
            throw TokenIssueError.unknownCentre(code)
        case .office(let code):
            let rows = try await connection.query("SELECT id FROM offices WHERE code = \(code)", logger: logger)
            for try await id in rows.decode(Int64.self) { return (nil, id) }
            throw TokenIssueError.unknownOffice(code)
        }
    }
}
