import Foundation
import Logging
import PostgresNIO

/// Staff sign-in's data (`staff_credentials`, `staff_recovery_codes`, `staff_invitations`;
/// Schema/0091, ADR 0034): the account behind a sign-in name or an invitation link, the
/// password's bcrypt hash, the TOTP secret and the last time step accepted, recovery codes.
///
/// Sign-in happens before any scope exists, so this store runs on the gateway's trusted pool;
/// everything a signed-in person then does runs on a scoped one. Hashing and TOTP arithmetic
/// are the caller's (MatchWeb): this store keeps and compares what they produce.
public struct StaffCredentialStore: Sendable {
    /// What a sign-in checks: the account, and its credentials if it has accepted its invitation.
    public struct SignInRecord: Sendable {
        public let identity: StaffIdentity
        public let active: Bool
        public let passwordHash: String?
        public let totpSecret: String?
        public let totpConfirmed: Bool
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The account behind an open, unexpired invitation, with the invitation's id.
    public func invitation(_ token: InvitationToken) async throws -> (invitationID: Int64, identity: StaffIdentity)? {
        let rows = try await database.query(
            """
            SELECT i.id, s.id FROM staff_invitations i JOIN staff_accounts s ON s.id = i.staff_id
            WHERE i.token_hash = \(token.hash) AND i.used_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now() AND s.active
            """,
            logger: database.logger
        )
        var found: (Int64, Int64)?
        for try await row in rows.decode((Int64, Int64).self) { found = row }
        guard let (invitation, staff) = found, let record = try await record(where: .id(staff)) else { return nil }
        return (invitation, record.identity)
    }

    /// Uses the invitation and stores the password's hash and a new, unconfirmed TOTP secret;
    /// false when the invitation was used, revoked or expired meanwhile (nothing is written).
    public func accept(invitationID: Int64, staffID: Int64, passwordHash: String, totpSecret: String, source: String) async throws -> Bool {
        let logger = database.logger
        return try await database.transaction(.attributed(to: "staff:\(staffID)", reason: "invitation accepted")) { connection in
            let used = try await connection.query(
                """
                UPDATE staff_invitations SET used_at = now()
                WHERE id = \(invitationID) AND staff_id = \(staffID) AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
                RETURNING id
                """,
                logger: logger
            )
            var open = false
            for try await _ in used.decode(Int64.self) { open = true }
            guard open else { return false }
            try await connection.query(
                """
                INSERT INTO staff_credentials (staff_id, password_hash, totp_secret) VALUES (\(staffID), \(passwordHash), \(totpSecret))
                ON CONFLICT (staff_id) DO UPDATE SET password_hash = excluded.password_hash, totp_secret = excluded.totp_secret,
                    totp_confirmed_at = NULL, totp_last_step = NULL, password_set_at = now()
                """,
                logger: logger
            )
            try await AuditLog.record(actor: "staff:\(staffID)", action: "staff.accept-invitation", subject: "staff \(staffID)",
                                      source: source, on: connection, logger: logger)
            return true
        }
    }

    /// Everything a sign-in with this name checks, or nil for an unknown name.
    public func signInRecord(login: String) async throws -> SignInRecord? {
        try await record(where: .login(login.trimmingCharacters(in: .whitespaces).lowercased()))
    }

    /// The active account behind a session, read on every request so that disabling takes
    /// effect at once.
    public func activeIdentity(staffID: Int64) async throws -> StaffIdentity? {
        guard let record = try await record(where: .id(staffID)), record.active else { return nil }
        return record.identity
    }

    /// The sign-in record of an active account, by id (the second step of a sign-in).
    public func activeRecord(staffID: Int64) async throws -> SignInRecord? {
        guard let record = try await record(where: .id(staffID)), record.active else { return nil }
        return record
    }

    /// Confirms the enrolment with the step of its first correct code and stores the new
    /// recovery codes' hashes (replacing any earlier ones).
    public func confirmTOTP(staffID: Int64, step: Int64, recoveryCodeHashes: [Data], source: String) async throws {
        let logger = database.logger
        try await database.transaction(.attributed(to: "staff:\(staffID)", reason: "authenticator enrolled")) { connection in
            try await connection.query(
                "UPDATE staff_credentials SET totp_confirmed_at = now(), totp_last_step = \(step) WHERE staff_id = \(staffID)", logger: logger
            )
            try await connection.query("DELETE FROM staff_recovery_codes WHERE staff_id = \(staffID)", logger: logger)
            for hash in recoveryCodeHashes {
                try await connection.query("INSERT INTO staff_recovery_codes (staff_id, code_hash) VALUES (\(staffID), \(hash))", logger: logger)
            }
            try await AuditLog.record(actor: "staff:\(staffID)", action: "staff.enrol-totp", subject: "staff \(staffID)",
                                      source: source, on: connection, logger: logger)
        }
    }

    /// Accepts a correct code's time step once: false when this step or a later one was
    /// already used (a replayed code).
    public func acceptStep(staffID: Int64, step: Int64) async throws -> Bool {
        let rows = try await database.query(
            """
            UPDATE staff_credentials SET totp_last_step = \(step)
            WHERE staff_id = \(staffID) AND totp_confirmed_at IS NOT NULL AND (totp_last_step IS NULL OR totp_last_step < \(step))
            RETURNING staff_id
            """,
            logger: database.logger
        )
        for try await _ in rows.decode(Int64.self) { return true }
        return false
    }

    /// Uses one recovery code (by its hash); false when it is unknown or used.
    public func useRecoveryCode(staffID: Int64, hash: Data, source: String) async throws -> Bool {
        let logger = database.logger
        return try await database.transaction(.attributed(to: "staff:\(staffID)", reason: "recovery code used")) { connection in
            let rows = try await connection.query(
                """
                UPDATE staff_recovery_codes SET used_at = now()
                WHERE staff_id = \(staffID) AND code_hash = \(hash) AND used_at IS NULL RETURNING id
                """,
                logger: logger
            )
            var used = false
            for try await _ in rows.decode(Int64.self) { used = true }
            if used {
                try await AuditLog.record(actor: "staff:\(staffID)", action: "staff.use-recovery-code", subject: "staff \(staffID)",
                                          source: source, on: connection, logger: logger)
            }
            return used
        }
    }

    /// How many unused recovery codes the person has left.
    public func recoveryCodesLeft(staffID: Int64) async throws -> Int {
        let rows = try await database.query(
            "SELECT count(*) FROM staff_recovery_codes WHERE staff_id = \(staffID) AND used_at IS NULL", logger: database.logger
        )
        for try await count in rows.decode(Int64.self) { return Int(count) }
        return 0
    }

    private enum Key {
        case id(Int64)
        case login(String)
    }

    private func record(where key: Key) async throws -> SignInRecord? {
        let (id, login): (Int64?, String?) = switch key {
        case .id(let id): (id, nil)
        case .login(let login): (nil, login)
        }
        let rows = try await database.query(
            """
            SELECT s.id, s.login, s.name, s.role, o.id, o.code, c.id, c.code, r.prefix, s.language, s.active,
                   k.password_hash, k.totp_secret, k.totp_confirmed_at IS NOT NULL
            FROM staff_accounts s
            LEFT JOIN centres c ON c.id = s.centre_id
            JOIN offices o ON o.id = coalesce(s.office_id, c.office_id)
            JOIN regions r ON r.code = o.region_code
            LEFT JOIN staff_credentials k ON k.staff_id = s.id
            WHERE s.login IS NOT NULL AND (s.id = \(id) OR s.login = \(login))
            """,
            logger: database.logger
        )
        typealias Row = (Int64, String, String, String, Int64, String, Int64?, String?, String, String, Bool, String?, String?, Bool)
        for try await (id, login, name, role, office, officeCode, centre, centreCode, prefix, language, active, hash, secret, confirmed)
            in rows.decode(Row.self) {
            guard let role = StaffRoleCode(rawValue: role) else { continue }
            let identity = StaffIdentity(id: id, login: login, name: name, role: role, officeID: office, officeCode: officeCode,
                                         centreID: centre, centreCode: centreCode, regionPrefix: prefix, language: language)
            return SignInRecord(identity: identity, active: active, passwordHash: hash, totpSecret: secret, totpConfirmed: confirmed)
        }
        return nil
    }
}
