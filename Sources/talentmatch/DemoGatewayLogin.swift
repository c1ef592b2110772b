import MatchStore
import MatchWeb

/// The demo's last step: a candidate login for the gateway (`talentmatch serve`). Kept apart
/// from DemoCommand so the lead can place the call where the demo output ends.
enum DemoGatewayLogin {
    static func printLogin(_ database: Database, address: String = "http://localhost:8080") async throws {
        guard try await DemoLogin.ensure(in: database) else {
            Console.say("   (no demo candidate to log in as: the demo dataset is not loaded)")
            return
        }
        Console.say("   candidate gateway: \(address)/login")
        Console.say("     contact  \(DemoLogin.contact)")
        Console.say("     password \(DemoLogin.password)")
    }
}
