import Logging
import MatchStore

/// What the middleware learnt about the request in hand, for the generated handlers, which
/// see only the OpenAPI input. Carried in a task local, set for the duration of one request.
struct RequestInfo: Sendable {
    @TaskLocal static var current = RequestInfo(requestID: "", remoteAddress: "", logger: Logger(label: "talentmatch.api"))

    var requestID: String
    /// The client's address, for the audit log's "from where".
    var remoteAddress: String
    /// Carries the request id in its metadata.
    var logger: Logger
    /// Set by the authentication middleware on every route that needs a token.
    var principal: Principal?

    /// The authenticated caller. Every operation outside the ops tag runs after
    /// authentication, so a missing principal is an unauthenticated route reaching a handler.
    static func principal() throws -> Principal {
        guard let principal = current.principal else { throw Problem(.unauthorized, "a bearer token is needed") }
        return principal
    }
}
