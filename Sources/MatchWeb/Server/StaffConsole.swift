import Foundation
import Hummingbird
import MatchStore

/// The staff console under `/console` (issue 15, ADR 0034): offices and centres at work in
/// the browser. It shares the gateway's rendering, catalogues and middleware, and has its own
/// session (`StaffSessionMiddleware`).
///
/// Two pools: the gateway's trusted one for signing in (no scope exists yet), and a pool of
/// the API's kind (`perTransaction`) for everything a signed-in person does, scoped to their
/// office or centre, so that a staff member sees exactly what a token of the same scope sees,
/// under the same row-level security (ADR 0016).
public struct StaffConsole: Sendable {
    let gateway: CandidateGateway
    let scopedDatabase: Database

    /// `scopedDatabase` must be a `perTransaction` pool: on a trusted one every row is visible
    /// whatever the scope.
    public init(gateway: CandidateGateway, scopedDatabase: Database) {
        self.gateway = gateway
        self.scopedDatabase = scopedDatabase
    }

    var renderer: PageRenderer { gateway.renderer }
    var credentials: StaffCredentialStore { StaffCredentialStore(database: gateway.database) }

    /// Registers the console's pages on `group` (the router's `/console` group), after the
    /// form reader and with the staff session in front of them.
    func register(on group: RouterGroup<GatewayRequestContext>) {
        let pages = group.add(middleware: StaffSessionMiddleware(
            driver: PostgresPersistDriver(database: gateway.database), credentials: credentials,
            configuration: gateway.configuration, anonymousCSRF: gateway.anonymousCSRF))
        StaffSignInRoutes(console: self).register(on: pages)
        InvitationRoutes(console: self).register(on: pages)
        EnrolmentRoutes(console: self).register(on: pages)
        ConsoleHomeRoutes(console: self).register(on: pages)
        ConsoleImportRoutes(console: self).register(on: pages)
        ConsolePostFormRoutes(console: self).register(on: pages)
        ConsolePostRoutes(console: self).register(on: pages)
        ConsolePolicyRoutes(console: self).register(on: pages)
        ConsolePolicyEditorRoutes(console: self).register(on: pages)
        ConsoleWhatIfRoutes(console: self).register(on: pages)
        ConsoleParityRoutes(console: self).register(on: pages)
        ConsoleRunRoutes(console: self).register(on: pages)
        ConsoleRunPageRoutes(console: self).register(on: pages)
        ConsoleMapRoutes(console: self).register(on: pages)
        ConsoleReviewRoutes(console: self).register(on: pages)
        ConsoleAuditRoutes(console: self).register(on: pages)
        ConsoleReauthRoutes(console: self).register(on: pages)
        ConsoleTokenRoutes(console: self).register(on: pages)
        ConsoleStaffRoutes(console: self).register(on: pages)
        ConsoleOrganisationRoutes(console: self).register(on: pages)
    }

    /// The signed-in staff member, or a redirect to the console's sign-in page.
    func requireStaff(_ request: Request, _ context: GatewayRequestContext) throws -> StaffIdentity {
        guard let staff = context.staff else { throw RedirectError(location: "/console/sign-in") }
        return staff
    }

    /// The database as this person may see it: their scope, and their name on every change.
    func database(for staff: StaffIdentity) -> Database {
        scopedDatabase.scoped(staff.scope, actor: staff.actor)
    }
}
