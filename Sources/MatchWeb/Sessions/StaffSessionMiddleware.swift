import Foundation
import Hummingbird
import MatchStore

/// The console's session (ADR 0034): the candidate gateway's rules (`SessionCookies`) under a
/// cookie of its own (`__Host-tm_staff`, SameSite=Strict), so that a staff member and a
/// candidate never share a session. It checks every POST's CSRF token and reads the signed-in
/// person's account on every request (a disabled account is signed out at once). A sign-in
/// that stops halfway (password typed, no code) lasts `pendingLimit`.
struct StaffSessionMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext

    static let pendingLimit: Double = 10 * 60

    let cookies: SessionCookies<StaffSession>
    let credentials: StaffCredentialStore

    init(driver: PostgresPersistDriver, credentials: StaffCredentialStore, configuration: GatewayConfiguration, anonymousCSRF: AnonymousCSRF) {
        cookies = SessionCookies(driver: driver, configuration: configuration, anonymousCSRF: anonymousCSRF,
                                 sessionCookie: configuration.staffCookieName, nonceCookie: configuration.staffCSRFCookieName,
                                 sameSite: .strict)
        self.credentials = credentials
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let (handle, staleCookie) = try await cookies.load(request) { session in
            session.stage == .signedIn || Date().timeIntervalSince(session.created) < Self.pendingLimit
        }
        context.staffSession = handle
        if let session = handle.current, session.stage == .signedIn {
            if let identity = try await credentials.activeIdentity(staffID: session.staff) {
                context.staff = identity
            } else {
                handle.signOut()
            }
        }
        if request.method == .post {
            guard let sent = context.form.raw("_csrf"), handle.accepts(csrf: sent) else {
                throw HTTPError(.forbidden, message: "missing or wrong CSRF token")
            }
        }
        var response = try await next(request, context)
        try await cookies.store(handle, staleCookie: staleCookie, into: &response)
        return response
    }
}
