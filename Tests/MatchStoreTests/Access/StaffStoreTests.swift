import Crypto
import Foundation
import MatchLocal
@testable import MatchStore
import MatchStoreTesting
import PostgresNIO
import Testing

@Suite("Staff accounts, roles and invitations")
struct StaffStoreTests {
    static func editor(_ login: String, centre: String = "TJ-CENTRE") -> StaffInvite {
        StaffInvite(organisation: .centre(code: centre), role: .centreEditor, name: "王编辑", login: login, contact: "wang@example.cn")
    }

    static func admin(_ login: String, office: String = "BZ-HR") -> StaffInvite {
        StaffInvite(organisation: .office(code: office), role: .officeAdmin, name: "李管理", login: login)
    }

    @Test("the roles table says what StaffRoleCode says, role by role")
    func rolesTable() async throws {
        try await withTestDatabase { (database) async throws in
            let rows = try await database.client.query("SELECT code, organisation, permissions, administers FROM staff_roles")
            var seen: [StaffRoleCode] = []
            for try await (code, organisation, permissions, administers) in rows.decode((String, String, [String], [String]).self) {
                let role = try #require(StaffRoleCode(rawValue: code), "unknown role \(code) in staff_roles")
                seen.append(role)
                #expect(organisation == role.organisation.rawValue, "\(code)")
                #expect(Set(permissions) == Set(role.permissions.map(\.rawValue)), "\(code)")
                #expect(Set(administers) == Set(role.administers.map(\.rawValue)), "\(code)")
            }
            #expect(Set(seen) == Set(StaffRoleCode.allCases))
            #expect(!StaffRoleCode.officeAnalyst.permissions.contains(.policiesWrite), "an analyst cannot commit a policy")
            #expect(StaffRoleCode.officeAnalyst.permissions.contains(.runsDryRun))
            #expect(!StaffRoleCode.reviewer.permissions.contains(.runsDryRun) && StaffRoleCode.reviewer.permissions.contains(.reviewsDecide))
        }
    }

    @Test("an invitation keeps only its link's hash, expires, and lists the account as invited")
    func invite() async throws {
        try await withTestDatabase { (database) async throws in
            _ = try await DemoDataset(database: database).load()
            let store = StaffStore(database: database)
            let issued = try await store.invite(Self.editor(" Wang@Example.CN "), actor: "test:cli")
            #expect(issued.path == "/console/invitation/\(issued.token.text)" && issued.token.text.count == 43)
            #expect(abs(issued.expiresAt.timeIntervalSinceNow - 72 * 3600) < 120)
            let hash = Data(SHA256.hash(data: Data(issued.token.text.utf8)))
            #expect(try await VacancyFixture.count(
                "SELECT count(*) FROM staff_invitations WHERE token_hash = '\\x\(hash.map { String(format: "%02x", $0) }.joined())'", database) == 1)
            #expect(try await VacancyFixture.count(
                "SELECT count(*) FROM staff_invitations WHERE encode(token_hash, 'escape') LIKE '%\(issued.token.text)%'", database) == 0)
            let account = try #require(try await store.list(centreCode: "TJ-CENTRE").first)
            #expect(account.login == "wang@example.cn", "kept in lower case, trimmed")
            #expect(account.role == .centreEditor && account.organisationCode == "TJ-CENTRE")
            guard case .invited(let until) = account.state else { Issue.record("\(account.state)"); return }
            #expect(abs(until.timeIntervalSince(issued.expiresAt)) < 1)
            #expect(try await VacancyFixture.count(
                "SELECT count(*) FROM audit_log WHERE action = 'staff.invite' AND subject = 'staff \(issued.staffID)' AND actor = 'test:cli'",
                database) == 1)
            #expect(try await store.list(officeCode: "BZ-HR").map(\.id) == [issued.staffID], "an office's list holds its centres' editors")
        }
    }

    @Test("each mistake in an invitation names its field, and nothing is written")
    func inviteMistakes() async throws {
        try await withTestDatabase { (database) async throws in
            _ = try await DemoDataset(database: database).load()
            let store = StaffStore(database: database)
            _ = try await store.invite(Self.editor("wang"), actor: "test:cli")
            var wrongRole = Self.admin("li-admin")
            wrongRole.organisation = .centre(code: "TJ-CENTRE")
            let mistakes: [(StaffInvite, OrganisationError)] = [
                (Self.editor("WANG"), .loginTaken("wang")),
                (Self.editor("x"), .invalidLogin("x")),
                (Self.editor("王五"), .invalidLogin("王五")),
                (wrongRole, .roleNotForOrganisation(role: .officeAdmin)),
                (Self.editor("zhao", centre: "NOPE"), .unknownCentre("NOPE")),
                (Self.admin("zhao", office: "NOPE"), .unknownOffice("NOPE")),
                ({ var i = Self.editor("zhao"); i.contact = "not an address"; return i }(), .invalidContact("not an address")),
                ({ var i = Self.editor("zhao"); i.expiresInHours = 721; return i }(), .invalidExpiry(hours: 721)),
                ({ var i = Self.editor("zhao"); i.name = ""; return i }(), .invalidName(value: "")),
            ]
            for (invite, error) in mistakes {
                await #expect(throws: error) { try await store.invite(invite, actor: "test:cli") }
            }
            #expect(try await VacancyFixture.count("SELECT count(*) FROM staff_accounts", database) == 1)
            #expect(try await VacancyFixture.count("SELECT count(*) FROM staff_invitations", database) == 1)
        }
    }

    @Test("disabling revokes the open invitation and is final; a re-invitation replaces the old link")
    func disableAndReinvite() async throws {
        try await withTestDatabase { (database) async throws in
            _ = try await DemoDataset(database: database).load()
            let store = StaffStore(database: database)
            let first = try await store.invite(Self.admin("li-admin"), actor: "test:cli")
            let second = try await store.reinvite(staffID: first.staffID, actor: "test:cli")
            #expect(second.token != first.token)
            #expect(try await VacancyFixture.count(
                "SELECT count(*) FROM staff_invitations WHERE staff_id = \(first.staffID) AND revoked_at IS NULL", database) == 1)
            try await store.disable(staffID: first.staffID, actor: "test:admin")
            guard case .disabled(_, let by) = try await store.list().first?.state else { Issue.record("not disabled"); return }
            #expect(by == "test:admin")
            #expect(try await VacancyFixture.count(
                "SELECT count(*) FROM staff_invitations WHERE staff_id = \(first.staffID) AND revoked_at IS NULL", database) == 0)
            await #expect(throws: StaffStoreError.alreadyDisabled(first.staffID)) { try await store.disable(staffID: first.staffID, actor: "t") }
            await #expect(throws: StaffStoreError.notInvitable(first.staffID)) { try await store.reinvite(staffID: first.staffID, actor: "t") }
            await #expect(throws: OrganisationError.unknownStaff(999)) { try await store.disable(staffID: 999, actor: "t") }
        }
    }

    @Test("under row-level security an office sees its own staff and its centres' editors, a centre its own, neither another office's")
    func scoped() async throws {
        let settings = try await TestCluster.shared.makeDatabase()
        let ids = try await Database.withOpen(settings, logger: TestCluster.logger) { database in
            _ = try await DemoDataset(database: database).load(.bazhongAndGuangyuan)
            let store = StaffStore(database: database)
            let bz = try await store.invite(Self.admin("bz-admin"), actor: "test").staffID
            let tj = try await store.invite(Self.editor("tj-editor"), actor: "test").staffID
            let gy = try await store.invite(Self.admin("gy-admin", office: "GY-HR"), actor: "test").staffID
            let bzOffice = try #require(try await OfficeRecord.find(code: "BZ-HR", in: database)).id
            let tjCentre = try await VacancyFixture.centreID("TJ-CENTRE", database)
            return (bz: bz, tj: tj, gy: gy, office: bzOffice, centre: tjCentre)
        }
        try await Database.withOpen(settings, role: .application, sessionScope: .perTransaction, logger: TestCluster.logger) { api in
            let office = StaffStore(database: api.scoped(.office(id: ids.office), actor: "staff:test"))
            #expect(try await office.list().map(\.id) == [ids.bz, ids.tj])
            let centre = StaffStore(database: api.scoped(.centre(id: ids.centre), actor: "staff:test"))
            #expect(try await centre.list().map(\.id) == [ids.tj])
            #expect(try await StaffStore(database: api).list().isEmpty, "no scope, no rows")
            await #expect(throws: OrganisationError.loginTaken("gy-admin"), "another office's login is taken though unseen") {
                try await office.invite(Self.admin("gy-admin"), actor: "staff:test")
            }
            let invited = try await office.invite(Self.editor("tj-second"), actor: "staff:test")
            #expect(try await office.list().map(\.id) == [ids.bz, ids.tj, invited.staffID], "an office invites its centres' editors")
            await #expect(throws: DatabaseError.self, "nor may it invite into another office") {
                try await office.invite(Self.admin("gy-second", office: "GY-HR"), actor: "staff:test")
            }
            await #expect(throws: OrganisationError.unknownStaff(ids.gy), "nor disable another office's staff") {
                try await office.disable(staffID: ids.gy, actor: "staff:test")
            }
        }
    }
}
