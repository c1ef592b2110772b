import Crypto
import Foundation
import Logging
import PostgresNIO

/// One-time codes in `account_codes`: issuing one (with its message, in the caller's
/// transaction) and using one (ADR 0044).
///
/// A code is six digits, typed from an e-mail or an SMS; a password reset also has a link
/// with a 256-bit token for e-mail. Only SHA-256 hashes are stored. A code lives 30 minutes,
/// is used once, and dies after five wrong tries against it; the gateway throttles requests
/// and checks per contact and per address as it throttles sign-in.
enum AccountCodes {
    enum Purpose: String, Sendable {
        case verifyContact = "verify_contact"
        case changeContact = "change_contact"
        case verifySecondContact = "verify_second_contact"
        case resetPassword = "reset_password"
    }

    static let lifetimeMinutes = 30
    static let wrongTriesAllowed = 5

    /// A code that was found and used.
    struct Used: Sendable {
        let candidateID: Int64
        let address: String
    }

    /// Issues a code for `purpose`, sent to `address`, and puts its message in the outbox.
    static func issue(
        _ purpose: Purpose, candidateID: Int64, address: String, on connection: PostgresConnection, logger: Logger
    ) async throws {
        let code = String(format: "%06d", Int.random(in: 0...999_999))
        let token = purpose == .resetPassword ? randomToken() : nil
        let rows = try await connection.query(
            """
            INSERT INTO account_codes (candidate_id, purpose, address, code_hash, token_hash, expires_at)
            VALUES (\(candidateID), \(purpose.rawValue), \(address), \(hash(code)), \(token.map(hash)),
                    now() + make_interval(mins => \(lifetimeMinutes)::int))
            RETURNING id
            """,
            logger: logger
        )
        var id: Int64 = 0
        for try await value in rows.decode(Int64.self) { id = value }
        var payload = ["code": code, "purpose": purpose.rawValue, "minutes": String(lifetimeMinutes)]
        if let token { payload["token"] = token }
        let kind: MessageKindCode = purpose == .resetPassword ? .passwordReset : .contactVerification
        try await OutboxWrites.tellAddress(kind, subject: id, candidateID: candidateID, address: address,
                                           payload: OutboxPayload.json(payload), on: connection, logger: logger)
    }

    /// Uses the live code of `purpose` that matches `code` for `address` (and `candidateID`,
    /// when known); nil when none does, and then every live code there counts a wrong try.
    static func use(
        _ purpose: Purpose, address: String?, candidateID: Int64?, code: String, on connection: PostgresConnection, logger: Logger
    ) async throws -> Used? {
        let rows = try await connection.query(
            """
            SELECT id, candidate_id, address, code_hash FROM account_codes
            WHERE purpose = \(purpose.rawValue) AND used_at IS NULL AND expires_at > now() AND wrong_tries < \(wrongTriesAllowed)
              AND (\(address)::text IS NULL OR address = \(address)::text)
              AND (\(candidateID)::int8 IS NULL OR candidate_id = \(candidateID)::int8)
            ORDER BY created_at DESC LIMIT 5
            FOR UPDATE
            """,
            logger: logger
        )
        var live: [(id: Int64, candidate: Int64, address: String, hash: [UInt8])] = []
        for try await row in rows.decode((Int64, Int64, String, ByteBuffer).self) {
            live.append((row.0, row.1, row.2, Array(row.3.readableBytesView)))
        }
        let typed = hash(code.filter(\.isNumber))
        guard let match = live.first(where: { constantTimeEqual($0.hash, Array(typed.readableBytesView)) }) else {
            let ids = live.map(\.id)
            try await connection.query("UPDATE account_codes SET wrong_tries = wrong_tries + 1 WHERE id = ANY (\(ids))", logger: logger)
            return nil
        }
        try await retire(purpose, candidateID: match.candidate, on: connection, logger: logger)
        return Used(candidateID: match.candidate, address: match.address)
    }

    /// Uses the live reset whose link carries `token`; nil when there is none.
    static func useToken(_ token: String, on connection: PostgresConnection, logger: Logger) async throws -> Used? {
        let rows = try await connection.query(
            """
            SELECT candidate_id, address FROM account_codes
            WHERE token_hash = \(hash(token)) AND purpose = 'reset_password' AND used_at IS NULL AND expires_at > now()
            FOR UPDATE
            """,
            logger: logger
        )
        for try await (candidate, address) in rows.decode((Int64, String).self) {
            try await retire(.resetPassword, candidateID: candidate, on: connection, logger: logger)
            return Used(candidateID: candidate, address: address)
        }
        return nil
    }

    /// Whether a reset link is still good, without using it (the form it opens is shown first).
    static func tokenIsLive(_ token: String, on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let rows = try await connection.query(
            """
            SELECT 1 FROM account_codes
            WHERE token_hash = \(hash(token)) AND purpose = 'reset_password' AND used_at IS NULL AND expires_at > now()
            """,
            logger: logger
        )
        for try await _ in rows { return true }
        return false
    }

    /// A used code takes every other live code of its purpose and candidate with it.
    private static func retire(_ purpose: Purpose, candidateID: Int64, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            UPDATE account_codes SET used_at = now()
            WHERE candidate_id = \(candidateID) AND purpose = \(purpose.rawValue) AND used_at IS NULL
            """,
            logger: logger
        )
    }

    static func hash(_ text: String) -> ByteBuffer {
        ByteBuffer(bytes: Array(SHA256.hash(data: Array(text.utf8))))
    }

    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    private static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
