import Foundation
import Logging
import PostgresNIO

/// Reads whole posts (row, specialties, incentives, household rules) of one centre in one
/// query: children are aggregated per post in a lateral join, so 100,000 posts are one
/// round trip, not 400,000.
struct VacancyReader {
    enum Selection {
        case ids([Int64])
        /// Up to `limit` posts after `after` in id order, optionally of one status: a keyset page.
        case page(status: String?, after: Int64, limit: Int)
        case externalIDs([String])
        case all
    }

    let connection: PostgresConnection
    let logger: Logger

    /// A centre's posts (`centreID`) for writing; `read(scope:)` for what a caller may see.
    func read(centreID: Int64, _ selection: Selection) async throws -> [Vacancy] {
        try await read(scope: .centre(centreID), selection)
    }

    func read(scope: VacancyScope, _ selection: Selection) async throws -> [Vacancy] {
        switch selection {
        case .ids(let wanted):
            // Prepared (see `PreparedQuery`): every API read of one post, and every edit reading it back.
            return try await Self.posts(connection.execute(ByID(scope: scope, ids: wanted), logger: logger))
        case .page(let status, let after, let limit):
            // The API's list, on every call: prepared.
            let statement = Page(scope: scope, status: status, after: after, limit: Int64(limit))
            return try await Self.posts(connection.execute(statement, logger: logger))
        case .externalIDs(let wanted):
            return try await Self.posts(connection.query(Self.query(scope: scope, externalIDs: wanted), logger: logger))
        case .all:
            return try await Self.posts(connection.query(Self.query(scope: scope, externalIDs: nil), logger: logger))
        }
    }

    /// Every row decoded as a whole post, whichever way the statement was sent.
    private static func posts<Rows: AsyncSequence>(_ rows: Rows) async throws -> [Vacancy] where Rows.Element == PostgresRow {
        var vacancies: [Vacancy] = []
        for try await row in rows { vacancies.append(try decode(row)) }
        return vacancies
    }

    /// The posts in scope, all or those with the given external ids, in id order.
    private static func query(scope: VacancyScope, externalIDs: [String]?) -> PostgresQuery {
        """
        SELECT \(unescaped: columns)
        WHERE \(postsIn: scope)
          AND (\(externalIDs)::text[] IS NULL OR v.external_id = ANY(\(externalIDs)::text[]))
        ORDER BY v.id
        """
    }

    /// The posts in scope with the given ids, in id order.
    struct ByID: PreparedQuery {
        static let template = Self(scope: .centre(0), ids: [])
        let scope: VacancyScope
        let ids: [Int64]

        var query: PostgresQuery {
            """
            SELECT \(unescaped: VacancyReader.columns)
            WHERE v.id = ANY(\(ids)::int8[]) AND \(postsIn: scope)
            ORDER BY v.id
            """
        }
    }

    /// A keyset page of posts in scope, optionally of one status.
    struct Page: PreparedQuery {
        static let template = Self(scope: .centre(0), status: nil, after: 0, limit: 1)
        let scope: VacancyScope
        let status: String?
        let after: Int64
        let limit: Int64

        var query: PostgresQuery {
            """
            SELECT \(unescaped: VacancyReader.columns)
            WHERE \(postsIn: scope) AND v.id > \(after) AND (\(status)::text IS NULL OR v.status = \(status)::text)
            ORDER BY v.id
            LIMIT \(limit)
            """
        }
    }

    /// Every column of a whole post, and the joins that gather its children, up to WHERE.
    static let columns = """
        v.id, v.centre_id, v.external_id, v.title, v.description, v.region_code, v.seats::int8,
               coalesce(v.target, -1)::int8, v.staffing_type, v.min_education, v.min_title, v.min_experience_years::int8,
               v.accepted_modes, coalesce(v.service_years, 0)::int8, v.status, v.created_at, v.updated_at,
               coalesce(s.codes, '{}'), coalesce(s.fits, '{}'),
               coalesce(i.kinds, '{}'), coalesce(i.amounts, '{}'), coalesce(i.notes, '{}'),
               coalesce(r.kinds, '{}'), coalesce(r.regions, '{}'), coalesce(r.bases, '{}'), f.pending, f.accepted, c.code
        FROM vacancies v
        JOIN centres c ON c.id = v.centre_id
        CROSS JOIN LATERAL (
            SELECT count(*) FILTER (WHERE state IN ('pending', 'under_review')) AS pending,
                   count(*) FILTER (WHERE state = 'accepted') AS accepted
            FROM offers WHERE vacancy_id = v.id) f
        LEFT JOIN LATERAL (
            SELECT array_agg(specialty_code ORDER BY specialty_code) AS codes, array_agg(accepted_fit ORDER BY specialty_code) AS fits
            FROM vacancy_specialties WHERE vacancy_id = v.id) s ON true
        LEFT JOIN LATERAL (
            SELECT array_agg(kind ORDER BY kind) AS kinds, array_agg(coalesce(amount_yuan, 0)::int8 ORDER BY kind) AS amounts,
                   array_agg(note ORDER BY kind) AS notes
            FROM vacancy_incentives WHERE vacancy_id = v.id) i ON true
        LEFT JOIN LATERAL (
            SELECT array_agg(kind ORDER BY id) AS kinds, array_agg(region_code ORDER BY id) AS regions,
                   array_agg(legal_basis ORDER BY id) AS bases
            FROM vacancy_household_rules WHERE vacancy_id = v.id) r ON true
        """

    private static func decode(_ row: PostgresRow) throws -> Vacancy {
        let cells = row.makeRandomAccess()
        func text(_ index: Int) throws -> String { try cells[index].decode(String.self) }
        func number(_ index: Int) throws -> Int { Int(try cells[index].decode(Int64.self)) }
        func texts(_ index: Int) throws -> [String] { try cells[index].decode([String].self) }
        let target = try number(7), serviceYears = try number(13)
        let codes = try texts(17), fits = try texts(18)
        let kinds = try texts(19), amounts = try cells[20].decode([Int64].self), notes = try texts(21)
        let ruleKinds = try texts(22), ruleRegions = try texts(23), bases = try texts(24)
        let draft = VacancyDraft(
            externalID: try text(2), title: try text(3), description: try text(4), regionCode: try text(5),
            seats: try number(6), target: target < 0 ? nil : target, staffingType: try text(8),
            minEducation: try text(9), minTitle: try text(10), minExperienceYears: try number(11),
            acceptedModes: try texts(12), serviceYears: serviceYears == 0 ? nil : serviceYears,
            specialties: zip(codes, fits).map { VacancyDraft.Specialty(code: $0, acceptedFit: $1) },
            incentives: kinds.indices.map { VacancyDraft.Incentive(kind: kinds[$0], amountYuan: amounts[$0] == 0 ? nil : Int(amounts[$0]), note: notes[$0]) },
            householdRules: ruleKinds.indices.map { VacancyDraft.HouseholdRule(kind: ruleKinds[$0], regionCode: ruleRegions[$0], legalBasis: bases[$0]) }
        )
        return Vacancy(
            id: try cells[0].decode(Int64.self), centreID: try cells[1].decode(Int64.self), centreCode: try text(27), draft: draft,
            status: VacancyStatus(rawValue: try text(14)) ?? .draft,
            createdAt: try cells[15].decode(Date.self), updatedAt: try cells[16].decode(Date.self),
            pendingOffers: try number(25), acceptedOffers: try number(26)
        )
    }
}
