import Foundation
import Logging
import PostgresNIO

/// A centre's posts: written as drafts, opened to the nightly match, closed when done.
///
/// Every method takes the caller's centre explicitly and every statement filters by it, so
/// the store is correct on its own and still correct with row-level security underneath: a
/// post of another centre is `notFound`, never read or changed. Writes are audited with the
/// caller's `AuditContext` in the same transaction as the change.
///
/// Reads run in a transaction too: a scoped `Database` sets the caller's row-level-security
/// scope per transaction, so a bare pool query would see nothing.
public struct VacancyStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Stores a new post, a draft unless `status` says open; every problem is reported at once.
    public func create(
        _ draft: VacancyDraft, centreID: Int64, status: VacancyStatus = .draft, context: AuditContext
    ) async throws -> Vacancy {
        guard status != .closed else {
            throw VacancyStoreError.invalid([FieldProblem(pointer: "/status", message: "a new post is a draft or open")])
        }
        let logger = database.logger
        return try await database.transaction { connection in
            try await Self.requireActiveCentre(centreID, on: connection, logger: logger)
            try await Self.check(draft, excluding: nil, centreID: centreID, on: connection, logger: logger)
            let writer = VacancyWriter(connection: connection, logger: logger)
            let id = try await writer.insert([draft.canonical], statuses: [status], centreID: centreID)[0]
            try await AuditLog.record(
                actor: context.actor, action: "vacancy.create", subject: "vacancy:\(id)",
                details: ["centre": "\(centreID)", "externalID": draft.externalID, "status": status.rawValue], source: context.source,
                on: connection, logger: logger
            )
            return try await Self.read(id, centreID: centreID, on: connection, logger: logger)
        }
    }

    /// Replaces a draft or open post's fields. An open post keeps at least as many seats as
    /// it has accepted offers (open offers beyond its seats are withdrawn, lowest priority
    /// first); a closed post is never changed. With `status`, a draft may be
    /// opened in the same step (a status only moves forward).
    public func update(
        id: Int64, _ draft: VacancyDraft, centreID: Int64, status: VacancyStatus? = nil, context: AuditContext
    ) async throws -> Vacancy {
        let logger = database.logger
        return try await database.transaction { connection in
            let current = try await Self.lock(id, centreID: centreID, on: connection, logger: logger)
            guard current != .closed else { throw VacancyStoreError.closed(id: id) }
            let next = status ?? current
            guard current.canBecome(next) else { throw VacancyStoreError.illegalTransition(id: id, from: current, to: next) }
            try await Self.check(draft, excluding: id, centreID: centreID, on: connection, logger: logger)
            let accepted = try await VacancyOfferCounts.accepted(of: [id], on: connection, logger: logger)[id] ?? 0
            if draft.seats < accepted {
                throw VacancyStoreError.invalid([FieldProblem(
                    pointer: "/seats", message: "\(accepted) candidates have accepted this post; seats cannot go below that")])
            }
            let writer = VacancyWriter(connection: connection, logger: logger)
            try await writer.update(ids: [id], [draft.canonical], statuses: [next], centreID: centreID)
            try await OfferWithdrawals.afterPostsChanged([id], actor: context.actor, source: context.source, on: connection, logger: logger)
            try await AuditLog.record(
                actor: context.actor, action: "vacancy.update", subject: "vacancy:\(id)",
                details: ["centre": "\(centreID)", "externalID": draft.externalID, "status": next.rawValue], source: context.source,
                on: connection, logger: logger
            )
            return try await Self.read(id, centreID: centreID, on: connection, logger: logger)
        }
    }

    /// Opens a draft to the nightly match; opening an open post changes nothing.
    public func open(id: Int64, centreID: Int64, context: AuditContext) async throws -> Vacancy {
        try await move(id, to: .open, centreID: centreID, context: context)
    }

    /// Closes a post: the next night no longer matches it. Its open offers are withdrawn (the
    /// candidates rejoin the next night); accepted ones stand. Closing a closed post changes nothing.
    public func close(id: Int64, centreID: Int64, context: AuditContext) async throws -> Vacancy {
        try await move(id, to: .closed, centreID: centreID, context: context)
    }

    public func get(id: Int64, centreID: Int64) async throws -> Vacancy {
        try await get(id: id, scope: .centre(centreID))
    }

    /// One post in the caller's scope; anything else is `notFound`.
    public func get(id: Int64, scope: VacancyScope) async throws -> Vacancy {
        guard let vacancy = try await read(ids: [id], scope: scope).first else { throw VacancyStoreError.notFound(id: id) }
        return vacancy
    }

    /// The posts among `ids` that are in scope, in id order (a listing page's posts, whole).
    public func read(ids: [Int64], scope: VacancyScope) async throws -> [Vacancy] {
        let logger = database.logger
        return try await database.transaction { connection in
            try await VacancyReader(connection: connection, logger: logger).read(scope: scope, .ids(ids))
        }
    }

    private func move(_ id: Int64, to status: VacancyStatus, centreID: Int64, context: AuditContext) async throws -> Vacancy {
        let logger = database.logger
        return try await database.transaction { connection in
            let current = try await Self.lock(id, centreID: centreID, on: connection, logger: logger)
            guard current.canBecome(status) else { throw VacancyStoreError.illegalTransition(id: id, from: current, to: status) }
            if current != status {
                _ = try await VacancyWriter(connection: connection, logger: logger).setStatus(status, ids: [id], centreID: centreID)
                try await OfferWithdrawals.afterPostsChanged([id], actor: context.actor, source: context.source, on: connection, logger: logger)
                try await AuditLog.record(
                    actor: context.actor, action: "vacancy.\(status == .open ? "open" : "close")", subject: "vacancy:\(id)",
                    details: ["centre": "\(centreID)", "from": current.rawValue, "to": status.rawValue], source: context.source,
                    on: connection, logger: logger
                )
            }
            return try await Self.read(id, centreID: centreID, on: connection, logger: logger)
        }
    }

    /// Validates against the reference tables in force, the centre's region, and the centre's other external ids.
    private static func check(
        _ draft: VacancyDraft, excluding id: Int64?, centreID: Int64, on connection: PostgresConnection, logger: Logger
    ) async throws {
        let reference = try await VacancyReference.load(on: connection, logger: logger)
        let centre = try await CentreRegion.load(centreID: centreID, on: connection, logger: logger)
        var problems = draft.problems(reference: reference, centre: centre)
        let rows = try await connection.query(
            """
            SELECT id FROM vacancies
            WHERE centre_id = \(centreID) AND external_id = \(draft.externalID) AND id IS DISTINCT FROM \(id)
            """,
            logger: logger
        )
        for try await other in rows.decode(Int64.self) {
            problems.append(FieldProblem(pointer: "/externalId", message: "post \(other) of this centre already uses '\(draft.externalID)'"))
        }
        if !problems.isEmpty { throw VacancyStoreError.invalid(problems) }
    }

    static func requireActiveCentre(_ centreID: Int64, on connection: PostgresConnection, logger: Logger) async throws {
        let rows = try await connection.query(
            "SELECT 1 FROM centres WHERE id = \(centreID) AND status = 'active'", logger: logger)
        for try await _ in rows { return }
        throw VacancyStoreError.unknownCentre(id: centreID)
    }

    /// The post's status, with its row locked for the rest of the transaction.
    private static func lock(_ id: Int64, centreID: Int64, on connection: PostgresConnection, logger: Logger) async throws -> VacancyStatus {
        let rows = try await connection.query(
            "SELECT status FROM vacancies WHERE id = \(id) AND centre_id = \(centreID) FOR UPDATE", logger: logger)
        for try await status in rows.decode(String.self) { return VacancyStatus(rawValue: status) ?? .draft }
        throw VacancyStoreError.notFound(id: id)
    }

    private static func read(_ id: Int64, centreID: Int64, on connection: PostgresConnection, logger: Logger) async throws -> Vacancy {
        guard let vacancy = try await VacancyReader(connection: connection, logger: logger).read(centreID: centreID, .ids([id])).first else {
            throw VacancyStoreError.notFound(id: id)
        }
        return vacancy
    }
}
