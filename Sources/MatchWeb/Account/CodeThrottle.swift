import Hummingbird
import MatchStore

/// The throttles of one-time codes, on the sign-in throttle's sliding windows (ADR 0044):
/// sending a code counts against `codeRequests` per contact and per address; typing one
/// counts like a password, and a right one is taken back. Over a limit the answer is 429
/// with Retry-After, whoever owns the contact, so the limit says nothing about accounts.
struct CodeThrottle {
    let gateway: CandidateGateway

    /// Counts one request that sends something to `contact`; throws 429 when over the limit.
    func send(to contact: String, _ request: Request, _ context: GatewayRequestContext) async throws {
        let throttle = LoginThrottleStore(database: gateway.database, limits: gateway.configuration.codeRequests)
        if case .refused(let wait) = try await throttle.begin(accountKey: "send:" + contact, address: gateway.clientAddress(request, context)) {
            throw HTTPError(.tooManyRequests, headers: [.retryAfter: String(wait)], message: "too many codes requested")
        }
    }

    /// Runs `check` (true when the code was right) under the sign-in throttle for `contact`.
    func check(_ contact: String, _ request: Request, _ context: GatewayRequestContext, _ check: () async throws -> Bool) async throws -> Bool {
        let throttle = LoginThrottleStore(database: gateway.database, limits: gateway.configuration.throttle)
        switch try await throttle.begin(accountKey: "code:" + contact, address: gateway.clientAddress(request, context)) {
        case .refused(let wait):
            throw HTTPError(.tooManyRequests, headers: [.retryAfter: String(wait)], message: "too many wrong codes")
        case .allowed(let attempt):
            guard try await check() else { return false }
            try await throttle.succeeded(attempt)
            return true
        }
    }
}
