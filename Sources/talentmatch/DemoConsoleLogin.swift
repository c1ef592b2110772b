import MatchStore
import MatchWeb

/// The demo's staff logins for the console (issue 15): an office admin and a centre editor,
/// with the authenticator key each signs in with.
enum DemoConsoleLogin {
    static func printLogins(_ database: Database, address: String = "http://localhost:8080") async throws {
        let logins = try await DemoStaffAccounts.ensure(in: database)
        guard !logins.isEmpty else {
            Console.say("   (no demo staff: the demo office is not loaded)")
            return
        }
        Console.say("   staff console: \(address)/console/sign-in (a code from an authenticator app with the key below, "
                    + "or `oathtool --totp -b KEY`)")
        for login in logins {
            Console.say("     \(login.role.rawValue): sign-in name \(login.login), password \(login.password), TOTP key \(login.totpKey)")
        }
    }
}
