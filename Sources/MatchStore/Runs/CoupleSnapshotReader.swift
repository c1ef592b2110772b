import Logging
import MatchCore
import PostgresNIO

/// Reads tonight's confirmed couples with their newest joint rankings, inside the night's
/// snapshot transaction (ADR 0040): each pair kept only if its posts are all in tonight's
/// scope and a partner it leaves unplaced still accepts that; a couple is kept when it has
/// a pair tonight. Partners are checked against the candidates read afterwards
/// (`keepingPartners(of:)`): a partner who is not in tonight's match leaves the couple out.
struct CoupleSnapshotReader {
    let connection: PostgresConnection
    let logger: Logger

    func read(positions: VacancyPositions) async throws -> [NightlySnapshot.Couple] {
        // 0 stands for "unplaced": identity columns start at 1.
        let rows = try await connection.queryOpen(
            """
            SELECT c.id, c.inviter_id, c.invitee_id,
                   coalesce(array_agg(coalesce(e.first_vacancy_id, 0) ORDER BY e.rank) FILTER (WHERE e.rank IS NOT NULL), '{}'),
                   coalesce(array_agg(coalesce(e.second_vacancy_id, 0) ORDER BY e.rank) FILTER (WHERE e.rank IS NOT NULL), '{}'),
                   coalesce(array_agg(e.rank::int8 ORDER BY e.rank) FILTER (WHERE e.rank IS NOT NULL), '{}')
            FROM couples c
            JOIN LATERAL (SELECT id FROM couple_rankings WHERE couple_id = c.id ORDER BY version DESC LIMIT 1) r ON true
            LEFT JOIN couple_ranking_entries e ON e.ranking_id = r.id
                 AND (e.first_vacancy_id IS NOT NULL OR c.inviter_accepts_unplaced)
                 AND (e.second_vacancy_id IS NOT NULL OR c.invitee_accepts_unplaced)
            WHERE c.status = 'confirmed'
            GROUP BY c.id ORDER BY c.id
            """,
            logger: logger
        )
        var result: [NightlySnapshot.Couple] = []
        for try await (id, first, second, firsts, seconds, ranks) in rows.decode((Int64, Int64, Int64, [Int64], [Int64], [Int64]).self) {
            let pairs = zip(zip(firsts, seconds), ranks).compactMap { posts, rank -> NightlySnapshot.Couple.Pair? in
                let (a, b) = (posts.0 == 0 ? nil : posts.0, posts.1 == 0 ? nil : posts.1)
                guard [a, b].allSatisfy({ $0.map { positions[$0] != nil } ?? true }) else { return nil }
                return .init(first: a, second: b, rank: Int(rank))
            }
            guard !pairs.isEmpty else { continue }
            result.append(.init(id: id, first: first, second: second, pairs: pairs))
        }
        return result
    }
}

extension [NightlySnapshot.Couple] {
    /// Every partner's candidate id.
    var members: Set<Int64> { Set(flatMap { [$0.first, $0.second] }) }

    /// The couples both of whose partners were read as tonight's candidates.
    func keepingPartners(of candidates: [NightlySnapshot.Candidate]) -> [NightlySnapshot.Couple] {
        let read = Set(candidates.map(\.id))
        return filter { read.contains($0.first) && read.contains($0.second) }
    }
}
