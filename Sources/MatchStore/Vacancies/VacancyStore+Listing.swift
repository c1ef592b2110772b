import Foundation
import Logging
import PostgresNIO

extension VacancyStore {
    /// A centre's posts in id order with their fill status, one keyset page at a time.
    public func list(
        centreID: Int64, status: VacancyStatus? = nil, cursor: String? = nil, limit: Int = 50
    ) async throws -> KeysetPage<VacancyFill> {
        try await list(scope: .centre(centreID), status: status, cursor: cursor, limit: limit)
    }

    /// The posts in scope in id order with their fill status, one keyset page at a time;
    /// with `search`, only those whose title or external id contains it (any case).
    public func list(
        scope: VacancyScope, status: VacancyStatus? = nil, search: String? = nil, cursor: String? = nil, limit: Int = 50
    ) async throws -> KeysetPage<VacancyFill> {
        guard let after = KeysetCursor.start(cursor) else { throw VacancyStoreError.invalidCursor }
        let limit = limit.clamped(to: KeysetPage<VacancyFill>.limitRange)
        let logger = database.logger
        let items = try await database.transaction { connection in
            try await Self.fills(scope: scope, status: status, search: search, after: after, limit: limit, on: connection, logger: logger)
        }
        return KeysetPage.from(rows: items, limit: limit, key: \.id)
    }

    /// One page of posts in scope, whole, with their fill status: the listing and the posts
    /// in one statement (the API's list answers with both, and a whole post carries its fill).
    public func page(
        scope: VacancyScope, status: VacancyStatus? = nil, cursor: String? = nil, limit: Int = 50
    ) async throws -> (page: KeysetPage<VacancyFill>, posts: [Vacancy]) {
        guard let after = KeysetCursor.start(cursor) else { throw VacancyStoreError.invalidCursor }
        let limit = limit.clamped(to: KeysetPage<VacancyFill>.limitRange)
        let logger = database.logger
        return try await database.transaction { connection in
            let posts = try await VacancyReader(connection: connection, logger: logger).read(
                scope: scope, .page(status: status?.rawValue, after: after, limit: limit + 1))
            let page = KeysetPage.from(rows: posts.map(VacancyFill.init), limit: limit, key: \.id)
            return (page, Array(posts.prefix(page.items.count)))
        }
    }

    /// Up to `limit + 1` posts in scope after `after`, in id order (the extra one says there is a next page).
    static func fills(
        scope: VacancyScope, status: VacancyStatus?, search: String? = nil, after: Int64, limit: Int, on connection: PostgresConnection,
        logger: Logger
    ) async throws -> [VacancyFill] {
        // The search is a substring, so LIKE's own wildcards in it are escaped.
        let pattern = search.map { text in
            "%" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_") + "%"
        }
        let rows = try await connection.execute(
            FillPage(scope: scope, status: status?.rawValue, pattern: pattern, after: after, limit: Int64(limit + 1)), logger: logger)
        var items: [VacancyFill] = []
        for try await (id, externalID, title, region, state, seats, pending, accepted, updated)
            in rows.decode((Int64, String, String, String, String, Int64, Int64, Int64, Date).self) {
            items.append(VacancyFill(
                id: id, externalID: externalID, title: title, regionCode: region, status: VacancyStatus(rawValue: state) ?? .draft,
                seats: Int(seats), pending: Int(pending), accepted: Int(accepted), updatedAt: updated
            ))
        }
        return items
    }

    /// One keyset page of posts in scope with their fill, read on every API list: prepared (see `PreparedQuery`).
    struct FillPage: PreparedQuery {
        static let template = Self(scope: .centre(0), status: nil, pattern: nil, after: 0, limit: 1)
        let scope: VacancyScope
        let status: String?
        /// A LIKE pattern for the title or the reference; nil for every post.
        let pattern: String?
        let after: Int64
        let limit: Int64

        var query: PostgresQuery {
            """
            SELECT v.id, v.external_id, v.title, v.region_code, v.status, v.seats::int8, f.pending, f.accepted, v.updated_at
            FROM vacancies v
            CROSS JOIN LATERAL (
                SELECT count(*) FILTER (WHERE o.state IN ('pending', 'under_review')) AS pending,
                       count(*) FILTER (WHERE o.state = 'accepted') AS accepted
                FROM offers o WHERE o.vacancy_id = v.id) f
            WHERE \(postsIn: scope)
              AND v.id > \(after)
              AND (\(status)::text IS NULL OR v.status = \(status)::text)
              AND (\(pattern)::text IS NULL OR v.title ILIKE \(pattern)::text OR v.external_id ILIKE \(pattern)::text)
            ORDER BY v.id
            LIMIT \(limit)
            """
        }
    }

    /// The offers made on one of the centre's posts, oldest first, one keyset page at a time.
    /// Another centre's post is `notFound`, exactly like a post that does not exist.
    public func offers(
        vacancyID: Int64, centreID: Int64, cursor: String? = nil, limit: Int = 50
    ) async throws -> KeysetPage<VacancyOffer> {
        try await offers(vacancyID: vacancyID, scope: .centre(centreID), cursor: cursor, limit: limit)
    }

    public func offers(
        vacancyID: Int64, scope: VacancyScope, cursor: String? = nil, limit: Int = 50
    ) async throws -> KeysetPage<VacancyOffer> {
        guard let after = KeysetCursor.start(cursor) else { throw VacancyStoreError.invalidCursor }
        let limit = limit.clamped(to: KeysetPage<VacancyOffer>.limitRange)
        _ = try await get(id: vacancyID, scope: scope)
        let logger = database.logger
        let items = try await database.transaction { connection in
            let rows = try await connection.query(
            """
            SELECT o.id, o.vacancy_id, o.run_id, c.full_name, o.state, o.deadline, o.created_at
            FROM offers o
            JOIN vacancies v ON v.id = o.vacancy_id
            JOIN candidates c ON c.id = o.candidate_id
            WHERE o.vacancy_id = \(vacancyID) AND o.id > \(after)
            ORDER BY o.id
            LIMIT \(limit + 1)
            """,
            logger: logger
            )
            var items: [VacancyOffer] = []
            for try await (id, vacancy, run, name, state, deadline, created)
                in rows.decode((Int64, Int64, Int64, String, String, Date, Date).self) {
                items.append(VacancyOffer(
                    offerID: id, vacancyID: vacancy, runID: run, candidateName: name, state: state, deadline: deadline, createdAt: created))
            }
            return items
        }
        return KeysetPage.from(rows: items, limit: limit, key: \.offerID)
    }
}

extension Comparable {
    func clamped(to range: ClosedRange<Self>) -> Self { min(max(self, range.lowerBound), range.upperBound) }
}
