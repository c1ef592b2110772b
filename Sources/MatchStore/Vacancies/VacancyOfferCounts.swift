import Logging
import PostgresNIO

/// How many offers on each post a candidate has accepted: the floor under its seats.
enum VacancyOfferCounts {
    static func accepted(of ids: [Int64], on connection: PostgresConnection, logger: Logger) async throws -> [Int64: Int] {
        var counts: [Int64: Int] = [:]
        let rows = try await connection.query(
            """
            SELECT vacancy_id, count(*) FROM offers
            WHERE vacancy_id = ANY(\(ids)::int8[]) AND state = 'accepted'
            GROUP BY vacancy_id
            """,
            logger: logger
        )
        for try await (id, count) in rows.decode((Int64, Int64).self) { counts[id] = Int(count) }
        return counts
    }
}
