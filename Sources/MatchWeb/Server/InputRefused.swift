import Hummingbird
import MatchStore

/// A request whose text the gateway will not take: a control character (`ControlCharacters`)
/// or broken percent-encoding, in a form field or the query string. Answered 400 with our
/// page naming the field in the reader's language; no handler runs.
struct InputRefused: HTTPResponseError {
    enum Reason: Sendable, Equatable {
        case controlCharacter(Unicode.Scalar)
        case badEncoding
    }

    /// The form field or query parameter.
    let field: String
    let reason: Reason

    var status: HTTPResponse.Status { .badRequest }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: status)
    }
}
