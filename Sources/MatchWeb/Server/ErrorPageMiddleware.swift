import Hummingbird
import MatchStore

/// Turns errors into our page in the reader's language, with a way back: 400 (a refused
/// character, naming the field), 403 (forged form), 404 (not yours, not there, or no such
/// address), 405, 413, 429 and 503 (with Retry-After), and 500 without internal details.
/// It sits on the whole router, so a mistyped address gets this page too, not a blank one.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext
    let renderer: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let redirect as RedirectError {
            return .seeOther(redirect.location)
        } catch let refused as InputRefused {
            return page("error_input", message: inputMessage(refused, context), status: .badRequest, request, context)
        } catch let away as DatabaseUnavailable {
            var response = page("error_unavailable", status: .serviceUnavailable, request, context)
            response.headers[.retryAfter] = String(away.retryAfterSeconds)
            return response
        } catch let error as any HTTPResponseError {
            var response = page(Self.key(error.status), status: error.status, request, context)
            if let headers = (error as? HTTPError)?.headers {
                if let retry = headers[.retryAfter] { response.headers[.retryAfter] = retry }
                if let allow = headers[.allow] { response.headers[.allow] = allow }
            }
            return response
        } catch where ConnectionFailure.matches(error) {
            // The database went away under this request: the same answer as if it had been away before.
            var response = page("error_unavailable", status: .serviceUnavailable, request, context)
            response.headers[.retryAfter] = "5"
            return response
        } catch {
            context.logger.error("gateway request failed: \(String(reflecting: error))")
            return page("error_server", status: .internalServerError, request, context)
        }
    }

    static func key(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 403: "error_forbidden"
        case 404: "error_not_found"
        case 405: "error_method"
        case 413: "error_too_large"
        case 429: "error_too_many"
        case 503: "error_unavailable"
        default: status.code >= 500 ? "error_server" : "error_bad_request"
        }
    }

    private func page(_ key: String, message: String? = nil, status: HTTPResponse.Status, _ request: Request, _ context: Context) -> Response {
        renderer.page("error", titleKey: key, data: ["message": message ?? renderer.text(key + "_text", context)],
                      context: context, request: request, status: status)
    }

    /// "“Full name” contains a control character (U+0000) …", naming the field by its label
    /// when the catalogue has one.
    private func inputMessage(_ refused: InputRefused, _ context: Context) -> String {
        switch refused.reason {
        case .badEncoding:
            return renderer.text("error_input_encoding_text", context)
        case .controlCharacter(let scalar):
            let character = ControlCharacters.name(scalar)
            guard let label = FieldLabels.label(refused.field, renderer.catalogue, context.language) else {
                return renderer.text("error_input_control_text", context, ["character": character])
            }
            return renderer.text("error_input_control_field_text", context, ["field": label, "character": character])
        }
    }
}
