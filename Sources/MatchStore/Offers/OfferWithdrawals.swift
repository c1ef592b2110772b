import Foundation
import Logging
import PostgresNIO

/// Withdrawing open offers (pending or under review): by an office, with a reason, and by the
/// system when a post closes or its seats drop below the offers it holds. A withdrawn
/// candidate rejoins the next night with their ranking intact (docs/offers.md, ADR 0036).
///
/// For the staff console (issue 15) and couples (issue 17): `withdraw(offerIDs:…)` takes a
/// set and moves all of it or nothing.
public struct OfferWithdrawals: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// An office withdraws `offerIDs` (posts in its region or below) with a reason the
    /// candidate is told; all or none, and a couple's partner's offer with each linked one
    /// (ADR 0049). Returns the offers withdrawn, in id order.
    public func withdraw(
        offerIDs: Set<Int64>, officeID: Int64, reason: String, context: AuditContext
    ) async throws -> [Int64] {
        let reason = reason.trimmedOfSpaces
        guard (4...2000).contains(reason.count) else {
            throw OfferLifecycleError.invalid([FieldProblem(
                pointer: "/reason", message: "a withdrawal needs its reason, 4 to 2000 characters; the candidate is told it")])
        }
        guard !offerIDs.isEmpty else {
            throw OfferLifecycleError.invalid([FieldProblem(pointer: "/offers", message: "name at least one offer to withdraw")])
        }
        let ids = offerIDs.sorted()
        let logger = database.logger
        return try await database.transaction(.attributed(to: context.actor, reason: reason)) { connection in
            let locked = try await OfferMoves.lock(ids, officeID: officeID, on: connection, logger: logger)
            if let missing = ids.first(where: { id in !locked.contains { $0.id == id } }) {
                throw OfferLifecycleError.offerNotFound(offerID: missing)
            }
            if let closed = locked.first(where: { !Self.open.contains($0.state) }) {
                throw OfferLifecycleError.notOpen(offerID: closed.id, state: closed.state)
            }
            let withdrawn = try await OfferMoves.withdraw(ids, cause: .office, on: connection, logger: logger)
            for offer in locked {
                try await AuditLog.record(
                    actor: context.actor, action: "offer.withdraw", subject: "offer:\(offer.id)",
                    details: ["cause": WithdrawalCause.office.rawValue, "reason": reason, "office": "\(officeID)",
                              "candidate": "\(offer.candidateID)", "vacancy": "\(offer.vacancyID)"],
                    source: context.source, on: connection, logger: logger
                )
            }
            // A couple's partner's offer went with one of these (ADR 0049): audited as such.
            for partner in withdrawn where !ids.contains(partner) {
                try await AuditLog.record(
                    actor: context.actor, action: "offer.withdraw", subject: "offer:\(partner)",
                    details: ["cause": WithdrawalCause.office.rawValue, "reason": reason, "office": "\(officeID)",
                              "with": "the couple's linked offer"],
                    source: context.source, on: connection, logger: logger
                )
            }
            return withdrawn.sorted()
        }
    }

    static let open: Set<String> = ["pending", "under_review"]

    /// After posts `vacancyIDs` changed in the caller's transaction: a closed post's open
    /// offers are withdrawn, and an open post keeps no more open offers than its seats minus
    /// its accepted ones, the lowest priority going first (the lowest score; between equal
    /// scores the later offer). Audited, and each candidate told, in the same transaction.
    static func afterPostsChanged(
        _ vacancyIDs: [Int64], actor: String, source: String, on connection: PostgresConnection, logger: Logger
    ) async throws {
        guard !vacancyIDs.isEmpty else { return }
        let rows = try await connection.queryOpen(
            """
            WITH open AS (
                SELECT o.id, o.vacancy_id, v.status, v.seats,
                       row_number() OVER (PARTITION BY o.vacancy_id ORDER BY o.score DESC NULLS LAST, o.id) AS place,
                       (SELECT count(*) FROM offers a WHERE a.vacancy_id = o.vacancy_id AND a.state = 'accepted') AS accepted
                FROM offers o JOIN vacancies v ON v.id = o.vacancy_id
                WHERE o.vacancy_id = ANY(\(vacancyIDs)::int8[]) AND o.state IN ('pending', 'under_review')
            )
            SELECT id, vacancy_id, CASE WHEN status = 'open' THEN 'seats_reduced' ELSE 'post_closed' END
            FROM open WHERE status <> 'open' OR place > seats - accepted
            ORDER BY id
            """,
            logger: logger
        )
        var doomed: [WithdrawalCause: [(offer: Int64, vacancy: Int64)]] = [:]
        for try await (id, vacancy, cause) in rows.decode((Int64, Int64, String).self) {
            doomed[WithdrawalCause(rawValue: cause) ?? .postClosed, default: []].append((id, vacancy))
        }
        for (cause, offers) in doomed.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let reason = cause == .postClosed ? "the post was closed" : "the post's seats were reduced below its open offers"
            try await Self.attributedBriefly(actor: actor, reason: reason, on: connection, logger: logger) {
                _ = try await OfferMoves.withdraw(offers.map(\.offer), cause: cause, on: connection, logger: logger)
            }
            for vacancy in Set(offers.map(\.vacancy)).sorted() {
                try await AuditLog.record(
                    actor: actor, action: "offer.withdraw", subject: "vacancy:\(vacancy)",
                    details: ["cause": cause.rawValue, "offers": offers.filter { $0.vacancy == vacancy }.map { "\($0.offer)" }.joined(separator: ",")],
                    source: source, on: connection, logger: logger
                )
            }
        }
    }

    /// Runs `body` with the transition trigger's actor and reason set, then puts back what
    /// the caller's transaction had.
    private static func attributedBriefly(
        actor: String, reason: String, on connection: PostgresConnection, logger: Logger, _ body: () async throws -> Void
    ) async throws {
        var previous: (String, String) = ("", "")
        let rows = try await connection.queryOpen(
            "SELECT coalesce(current_setting('talentmatch.actor', true), ''), coalesce(current_setting('talentmatch.reason', true), '')",
            logger: logger
        )
        for try await row in rows.decode((String, String).self) { previous = row }
        try await OfferMoves.attribute(actor: actor, reason: reason, on: connection, logger: logger)
        try await body()
        try await OfferMoves.attribute(actor: previous.0, reason: previous.1, on: connection, logger: logger)
    }
}

/// Why an offer could not be moved.
public enum OfferLifecycleError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalid([FieldProblem])
    /// The offer does not exist or lies outside the office's regions.
    case offerNotFound(offerID: Int64)
    /// The offer is not open (pending or under review), so it cannot be withdrawn.
    case notOpen(offerID: Int64, state: String)

    public var description: String {
        switch self {
        case .invalid(let problems): problems.map(\.description).joined(separator: "; ")
        case .offerNotFound(let id): "no offer \(id) in this office's regions"
        case .notOpen(let id, let state): "offer \(id) is \(state); only a pending offer or one under review can be withdrawn"
        }
    }
}
