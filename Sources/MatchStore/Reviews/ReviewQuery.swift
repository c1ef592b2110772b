import Foundation
import PostgresNIO

/// The one SELECT behind every review read, so that the office scope is written once.
///
/// An office's scope is its own region and every region below it: a request is in scope when
/// the post the offer is for lies there.
enum ReviewQuery {
    static func select(
        officeID: Int64?, requestID: Int64? = nil, after: Int64 = 0, status: ReviewRequest.Status? = nil, limit: Int = 1,
        lock: Bool = false
    ) -> PostgresQuery {
        """
        SELECT rr.id, rr.offer_id, rr.candidate_id, c.full_name, v.id, v.title, rr.reason, rr.filed_at, rr.status,
               rr.decision, rr.decision_reason, rr.decided_by, rr.decided_at, o.state
        FROM review_requests rr
        JOIN offers o ON o.id = rr.offer_id
        JOIN vacancies v ON v.id = o.vacancy_id
        JOIN candidates c ON c.id = rr.candidate_id
        WHERE (\(officeID)::int8 IS NULL OR EXISTS (
                  SELECT 1 FROM offices me JOIN regions mine ON mine.code = me.region_code
                  WHERE me.id = \(officeID)::int8 AND v.region_code LIKE mine.prefix || '%'))
          AND (\(requestID)::int8 IS NULL OR rr.id = \(requestID)::int8)
          AND rr.id > \(after)
          AND (\(status?.rawValue)::text IS NULL OR rr.status = \(status?.rawValue)::text)
        ORDER BY rr.id
        LIMIT \(limit)
        \(unescaped: lock ? "FOR UPDATE OF rr" : "")
        """
    }

    static func decode(_ row: PostgresRow) throws -> ReviewRequest {
        let cells = row.makeRandomAccess()
        return ReviewRequest(
            id: try cells[0].decode(Int64.self), offerID: try cells[1].decode(Int64.self),
            candidateID: try cells[2].decode(Int64.self), candidateName: try cells[3].decode(String.self),
            vacancyID: try cells[4].decode(Int64.self), vacancyTitle: try cells[5].decode(String.self),
            offerState: try cells[13].decode(String.self),
            reason: try cells[6].decode(String.self), filedAt: try cells[7].decode(Date.self),
            status: ReviewRequest.Status(rawValue: try cells[8].decode(String.self)) ?? .open,
            decision: try cells[9].decode(String?.self).flatMap(ReviewRequest.Decision.init(rawValue:)),
            decisionReason: try cells[10].decode(String?.self), decidedBy: try cells[11].decode(String?.self),
            decidedAt: try cells[12].decode(Date?.self)
        )
    }
}
