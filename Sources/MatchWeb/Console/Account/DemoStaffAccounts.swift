import Foundation
import MatchStore

/// The demo's staff, for `talentmatch demo`: an office admin of 巴中 and an editor of its
/// centre, signed up and enrolled, so a new user can walk the console at once. The passwords
/// are public on purpose and the TOTP secrets are printed: the demo database is local and
/// throwaway. A second run finds the accounts and prints the same.
public enum DemoStaffAccounts {
    public struct Login: Sendable {
        public let login: String
        public let password: String
        /// The authenticator key as apps take it typed in (base32), for an app or `oathtool`.
        public let totpKey: String
        public let role: StaffRoleCode
    }

    public static let password = "bazhong-console-2026"

    /// Creates both accounts if missing; empty when the demo office is not loaded.
    public static func ensure(in database: Database) async throws -> [Login] {
        guard try await OfficeRecord.find(code: "BZ-HR", in: database) != nil else { return [] }
        let wanted: [(String, StaffRoleCode, StaffInvite.Organisation, String)] = [
            ("bz-admin", .officeAdmin, .office(code: "BZ-HR"), "李明（演示管理员）"),
            ("bz-editor", .centreEditor, .centre(code: "BZ-CENTRE"), "王芳（演示编辑）"),
        ]
        let credentials = StaffCredentialStore(database: database)
        var logins: [Login] = []
        for (login, role, organisation, name) in wanted {
            if try await credentials.signInRecord(login: login) == nil {
                try await create(login: login, role: role, organisation: organisation, name: name, in: database)
            }
            guard let record = try await credentials.signInRecord(login: login), let secret = record.totpSecret else { continue }
            logins.append(Login(login: login, password: password, totpKey: StaffTOTP(secret: secret).typedKey(login: login)
                .replacingOccurrences(of: " ", with: ""), role: role))
        }
        return logins
    }

    private static func create(login: String, role: StaffRoleCode, organisation: StaffInvite.Organisation, name: String,
                               in database: Database) async throws {
        let invited = try await StaffStore(database: database)
            .invite(StaffInvite(organisation: organisation, role: role, name: name, login: login), actor: "demo")
        let credentials = StaffCredentialStore(database: database)
        guard let (invitationID, identity) = try await credentials.invitation(invited.token) else { return }
        let hash = await PasswordHasher.make(cost: 12).hash(password)
        _ = try await credentials.accept(invitationID: invitationID, staffID: identity.id, passwordHash: hash,
                                         totpSecret: StaffTOTP.generate().secret, source: "demo")
        // Enrolled without recovery codes: the demo's authenticator is the printed key.
        try await credentials.confirmTOTP(staffID: identity.id, step: 0, recoveryCodeHashes: [], source: "demo")
    }
}
