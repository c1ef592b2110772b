import Foundation
import PostgresNIO

/// Remembers the answer to each mutating request sent with an `Idempotency-Key`, per token,
/// so that a client retrying after a timeout never creates twice (`idempotency_keys`).
///
/// The key is reserved before the request runs: a concurrent retry finds it reserved and is
/// told to wait (409). If the process dies between the write and storing its answer, the key
/// stays reserved and retries are refused rather than run again: never twice is the promise.
public struct IdempotencyStore: Sendable {
    /// A stored answer, replayed byte for byte.
    public struct StoredResponse: Sendable, Equatable {
        public let status: Int
        public let contentType: String?
        public let body: [UInt8]

        public init(status: Int, contentType: String?, body: [UInt8]) {
            self.status = status
            self.contentType = contentType
            self.body = body
        }
    }

    public enum Reservation: Sendable, Equatable {
        /// First use of the key: run the request, then `complete` or `release`.
        case reserved
        /// The same request was answered before: send this again.
        case replay(StoredResponse)
        /// The same key is in use by a request that has not finished.
        case inProgress
        /// The key was used for a different request.
        case mismatch
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func reserve(tokenID: Int64, key: String, fingerprint: Data) async throws -> Reservation {
        let logger = database.logger
        let inserted = try await database.query(
            """
            INSERT INTO idempotency_keys (token_id, key, fingerprint) VALUES (\(tokenID), \(key), \(fingerprint))
            ON CONFLICT (token_id, key) DO NOTHING RETURNING 1
            """,
            logger: logger
        )
        for try await _ in inserted.decode(Int.self) { return .reserved }
        let rows = try await database.query(
            """
            SELECT fingerprint, response_status, response_type, response_body
            FROM idempotency_keys WHERE token_id = \(tokenID) AND key = \(key)
            """,
            logger: logger
        )
        for try await (stored, status, type, body) in rows.decode((Data, Int?, String?, Data?).self) {
            guard stored == fingerprint else { return .mismatch }
            guard let status else { return .inProgress }
            return .replay(StoredResponse(status: status, contentType: type, body: [UInt8](body ?? Data())))
        }
        // Released between the insert and the select: the caller may simply try again.
        return .inProgress
    }

    public func complete(tokenID: Int64, key: String, response: StoredResponse) async throws {
        try await database.query(
            """
            UPDATE idempotency_keys SET response_status = \(response.status), response_type = \(response.contentType),
                   response_body = \(Data(response.body))
            WHERE token_id = \(tokenID) AND key = \(key)
            """,
            logger: database.logger
        )
    }

    /// Forgets a reservation whose request failed on the server's side, so a retry runs again.
    public func release(tokenID: Int64, key: String) async throws {
        try await database.query(
            "DELETE FROM idempotency_keys WHERE token_id = \(tokenID) AND key = \(key) AND response_status IS NULL",
            logger: database.logger
        )
    }
}
