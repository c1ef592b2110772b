import Foundation
import PostgresNIO

/// Reads an office's part of the audit log, newest first, one keyset page at a time.
///
/// The audit log has no row-level security (it is append-only and holds every kind of actor),
/// so the office's part is decided here, in one place: the rows written by its own staff and
/// by those of the offices below it and of their centres (`staff:<id>:…`, the accounts
/// `staff_accounts`' row-level security shows it), and by the API tokens of those offices and
/// centres (`token:<id>:…`). Candidates' own rows, the command line and the timer are not an
/// office's (ADR 0053).
public struct AuditTrail: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public enum TrailError: Error, Sendable, Equatable {
        case invalidCursor
    }

    public func page(officeID: Int64, filter: AuditFilter = AuditFilter(), cursor: String? = nil,
                     limit: Int = 50) async throws -> KeysetPage<AuditEntry> {
        var before = Int64.max
        if let cursor {
            guard let position = KeysetCursor(token: cursor) else { throw TrailError.invalidCursor }
            before = position.after
        }
        let limit = limit.clamped(to: KeysetPage<AuditEntry>.limitRange)
        let actor = filter.actor.map { "%" + Self.literal($0) + "%" }
        let action = filter.action.map { $0.hasSuffix(".") ? Self.literal($0) + "%" : Self.literal($0) }
        let through = filter.through.map { $0.addingTimeInterval(86_400) }
        let logger = database.logger
        // In a transaction, which is where a scoped database sets its scope (ADR 0016).
        let rows = try await database.transaction { connection in
            let result = try await connection.query(
                """
                WITH mine AS (
                    SELECT o.id FROM offices o, offices me JOIN regions r ON r.code = me.region_code
                    WHERE me.id = \(officeID) AND o.region_code LIKE r.prefix || '%'
                ), actors AS (
                    SELECT 'staff:' || s.id || ':' AS head FROM staff_accounts s
                    LEFT JOIN centres c ON c.id = s.centre_id
                    WHERE s.office_id IN (SELECT id FROM mine) OR c.office_id IN (SELECT id FROM mine)
                    UNION ALL
                    SELECT 'token:' || t.id || ':' FROM api_tokens t LEFT JOIN centres c ON c.id = t.centre_id
                    WHERE t.office_id IN (SELECT id FROM mine) OR c.office_id IN (SELECT id FROM mine)
                )
                SELECT a.id, a.at, a.actor, a.action, a.subject, a.details::text, a.source
                FROM audit_log a
                WHERE a.id < \(before)
                  AND (split_part(a.actor, ':', 1) || ':' || split_part(a.actor, ':', 2) || ':') IN (SELECT head FROM actors)
                  AND (\(actor)::text IS NULL OR a.actor LIKE \(actor) ESCAPE '\\')
                  AND (\(action)::text IS NULL OR a.action LIKE \(action) ESCAPE '\\')
                  AND (\(filter.from)::timestamptz IS NULL OR a.at >= \(filter.from))
                  AND (\(through)::timestamptz IS NULL OR a.at < \(through))
                ORDER BY a.id DESC
                LIMIT \(limit + 1)
                """,
                logger: logger
            )
            var entries: [AuditEntry] = []
            for try await (id, at, actor, action, subject, details, source)
                in result.decode((Int64, Date, String, String, String, String, String).self) {
                entries.append(AuditEntry(id: id, at: at, actor: actor, action: action, subject: subject,
                                          details: Self.pairs(details), source: source))
            }
            return entries
        }
        return KeysetPage.from(rows: rows, limit: limit, key: \.id)
    }

    /// The actions an office's rows use, for the filter's list.
    public static let actions = [
        "centre.create", "office.create", "offer.", "policy.create", "review.decide", "staff.", "token.issue", "token.revoke", "vacancy.",
    ]

    /// `%`, `_` and `\` typed in a filter are searched for as themselves.
    static func literal(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }

    static func pairs(_ json: String) -> [(key: String, value: String)] {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] else { return [] }
        return object.keys.sorted().map { key in (key, object[key].map { "\($0)" } ?? "") }
    }
}
