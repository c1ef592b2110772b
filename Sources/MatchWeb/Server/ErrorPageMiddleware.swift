import Hummingbird

/// Turns errors into pages in the reader's language: 403 (forged form), 404 (not yours or
/// not there), 413, 429 (with Retry-After), and 500 without internal details.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext
    let renderer: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let redirect as RedirectError {
            return .seeOther(redirect.location)
        } catch let error as any HTTPResponseError {
            let status = error.status
            let key: String = switch status.code {
            case 403: "error_forbidden"
            case 404: "error_not_found"
            case 413: "error_too_large"
            case 429: "error_too_many"
            default: status.code >= 500 ? "error_server" : "error_bad_request"
            }
            var response = renderer.page("error", titleKey: key, data: ["message": renderer.text(key + "_text", context)],
                                         context: context, request: request, status: status)
            if let retry = (error as? HTTPError)?.headers[.retryAfter] { response.headers[.retryAfter] = retry }
            return response
        } catch {
            context.logger.error("gateway request failed: \(String(reflecting: error))")
            return renderer.page("error", titleKey: "error_server", data: ["message": renderer.text("error_server_text", context)],
                                 context: context, request: request, status: .internalServerError)
        }
    }
}
