import Crypto
import Foundation
import Logging
import PostgresNIO

/// Server-side web sessions as opaque JSON, keyed by the SHA-256 of the session token.
///
/// The gateway's persist driver sits on this table; only a hash of each token is stored,
/// so reading the table (a backup, a replica) does not let anyone act as a candidate.
public struct WebSessionTable: Sendable {
    public struct DuplicateKey: Error, Sendable {}

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    static func hash(_ key: String) -> Data {
        Data(SHA256.hash(data: Data(key.utf8)))
    }

    /// Writes a session; with `onlyIfNew`, a key already present (and unexpired) throws `DuplicateKey`.
    public func set(key: String, json: String, expiresIn seconds: Double?, onlyIfNew: Bool) async throws {
        let hash = Self.hash(key)
        let expires: Date? = seconds.map { Date().addingTimeInterval($0) }
        let rows: DatabaseRows<PostgresRowSequence>
        if onlyIfNew {
            rows = try await database.query(
                """
                INSERT INTO web_sessions (key_hash, value, expires_at) VALUES (\(hash), \(json)::jsonb, \(expires))
                ON CONFLICT (key_hash) DO UPDATE SET value = EXCLUDED.value, expires_at = EXCLUDED.expires_at
                    WHERE web_sessions.expires_at IS NOT NULL AND web_sessions.expires_at <= now()
                RETURNING 1
                """,
                logger: database.logger
            )
            var written = false
            for try await _ in rows { written = true }
            if !written { throw DuplicateKey() }
        } else {
            // nil keeps the current expiry (the persist framework's meaning of "no new expiry").
            try await database.query(
                """
                INSERT INTO web_sessions (key_hash, value, expires_at) VALUES (\(hash), \(json)::jsonb, \(expires))
                ON CONFLICT (key_hash) DO UPDATE SET value = EXCLUDED.value,
                    expires_at = coalesce(EXCLUDED.expires_at, web_sessions.expires_at)
                """,
                logger: database.logger
            )
        }
    }

    /// The session's JSON and the seconds it has left, or nil when absent or expired.
    public func get(key: String) async throws -> (json: String, secondsLeft: Double?)? {
        let rows = try await database.execute(SessionLookup(keyHash: ByteBuffer(bytes: Self.hash(key))))
        for try await (json, left) in rows.decode((String, Double?).self) { return (json, left) }
        return nil
    }

    public func remove(key: String) async throws {
        try await database.query("DELETE FROM web_sessions WHERE key_hash = \(Self.hash(key))", logger: database.logger)
    }

    /// Ends every session of a candidate except `keeping` (after a password change or deletion).
    public func removeAll(candidateID: Int64, keeping key: String? = nil) async throws {
        let kept = key.map(Self.hash) ?? Data()
        try await database.query(
            """
            DELETE FROM web_sessions WHERE value ->> 'candidate' = \(String(candidateID)) AND key_hash <> \(kept)
            """,
            logger: database.logger
        )
    }

    /// Deletes expired sessions; returns how many.
    @discardableResult
    public func prune() async throws -> Int {
        let rows = try await database.query(
            "DELETE FROM web_sessions WHERE expires_at <= now() RETURNING 1", logger: database.logger
        )
        var count = 0
        for try await _ in rows { count += 1 }
        return count
    }
}

extension WebSessionTable {
    /// Every signed-in page view reads its session first (prepared: see `PreparedQuery`).
    struct SessionLookup: PreparedQuery {
        static let template = Self(keyHash: ByteBuffer())
        /// A buffer, not `Data`, whose bind cannot fail, so the statement's text needs no `try`.
        let keyHash: ByteBuffer

        var query: PostgresQuery {
            """
            SELECT value::text, extract(epoch FROM (expires_at - now()))::float8 FROM web_sessions
            WHERE key_hash = \(keyHash) AND (expires_at IS NULL OR expires_at > now())
            """
        }
    }
}
