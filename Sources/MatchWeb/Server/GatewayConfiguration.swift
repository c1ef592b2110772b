import Foundation
import MatchStore

/// How the gateway behaves; the defaults are the production settings.
public struct GatewayConfiguration: Sendable {
    /// Marks the session cookie `Secure` and names it with the `__Host-` prefix. Turn off
    /// only for plain-http tests on localhost: browsers refuse `__Host-` cookies without
    /// `Secure`, so the cookie is then called `tm_session` (TALENTMATCH_INSECURE_COOKIES=1).
    public var secureCookies: Bool
    /// Trust the last address in X-Forwarded-For (set when behind the project's reverse proxy).
    public var trustForwardedFor: Bool
    public var idleTimeout: Duration
    public var absoluteTimeout: Duration
    /// bcrypt cost; at least 12.
    public var bcryptCost: UInt8
    public var throttle: LoginThrottleStore.Limits
    /// Codes sent per contact and per address (registration, new codes, password resets):
    /// few, since each one is a message to someone's phone or mailbox (ADR 0044).
    public var codeRequests: LoginThrottleStore.Limits
    /// When the nightly match runs (China Standard Time), as the timers in Deploy/ schedule it.
    public var nightlyHour: Int
    /// How long a re-authentication lets the candidate change contact details or password.
    public var reauthenticationWindow: Duration
    /// How often the post catalogue's version is asked for (`PostCatalogueCache`): a change
    /// to posts shows on candidates' pages within this time. Zero asks on every page view.
    public var catalogueRecheck: Duration

    public init(
        secureCookies: Bool = true, trustForwardedFor: Bool = false, idleTimeout: Duration = .seconds(30 * 60),
        absoluteTimeout: Duration = .seconds(12 * 3600), bcryptCost: UInt8 = 12, throttle: LoginThrottleStore.Limits = .standard,
        codeRequests: LoginThrottleStore.Limits = .codeRequests, nightlyHour: Int = 2, reauthenticationWindow: Duration = .seconds(5 * 60), catalogueRecheck: Duration = .seconds(1)
    ) {
        precondition(bcryptCost >= 12, "bcrypt cost must be at least 12")
        precondition((0..<24).contains(nightlyHour), "the nightly hour is 0 to 23")
        self.secureCookies = secureCookies
        self.trustForwardedFor = trustForwardedFor
        self.idleTimeout = idleTimeout
        self.absoluteTimeout = absoluteTimeout
        self.bcryptCost = bcryptCost
        self.throttle = throttle
        self.codeRequests = codeRequests
        self.nightlyHour = nightlyHour
        self.reauthenticationWindow = reauthenticationWindow
        self.catalogueRecheck = catalogueRecheck
    }

    var sessionCookieName: String { secureCookies ? "__Host-tm_session" : "tm_session" }
    /// A visitor's CSRF nonce (`AnonymousCSRF`), named like the session cookie.
    var csrfCookieName: String { secureCookies ? "__Host-tm_csrf" : "tm_csrf" }
    /// The staff console's session and visitor nonce: cookies of their own (ADR 0034).
    var staffCookieName: String { secureCookies ? "__Host-tm_staff" : "tm_staff" }
    var staffCSRFCookieName: String { secureCookies ? "__Host-tm_staff_csrf" : "tm_staff_csrf" }

    /// The next nightly run after `now`, as "YYYY-MM-DD HH:00" China Standard Time.
    func nextMatch(after now: Date = Date()) -> String {
        let calendar = Self.chinaStandardTime
        var next = calendar.date(bySettingHour: nightlyHour, minute: 0, second: 0, of: now) ?? now
        if next <= now { next = calendar.date(byAdding: .day, value: 1, to: next) ?? next }
        let parts = calendar.dateComponents([.year, .month, .day, .hour], from: next)
        return String(format: "%04d-%02d-%02d %02d:00", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0)
    }

    /// Made once rather than on every page that shows the next match.
    static let chinaStandardTime: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600)!
        return calendar
    }()
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
