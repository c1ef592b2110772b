import Foundation
import HTTPTypes
import Hummingbird
import Logging
import OpenAPIRuntime

/// The outermost middleware: accepts a sane `X-Request-Id` or makes one, echoes it on every
/// response, puts it in the log metadata, and renders every error as a problem document,
/// so that no error leaves the server as anything else.
struct RequestIDMiddleware<Context: RequestContext>: RouterMiddleware {
    static var headerName: HTTPField.Name { HTTPField.Name("X-Request-Id")! }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let requestID = Self.accepted(request.headers[Self.headerName]) ?? UUID().uuidString.lowercased()
        var logger = context.logger
        logger[metadataKey: "request_id"] = .string(requestID)
        let info = RequestInfo(requestID: requestID, remoteAddress: Self.remoteAddress(context), logger: logger)
        var response: Response
        do {
            response = try await RequestInfo.$current.withValue(info) { try await next(request, context) }
        } catch {
            let problem = ProblemMapping.problem(for: error)
            if problem.kind == .internalError || problem.kind == .unavailable {
                logger.error("request failed", metadata: ["error": "\(Self.loggable(error))", "path": "\(request.uri.path)"])
            }
            response = problem.response(requestID: requestID)
        }
        response.headers[Self.headerName] = requestID
        return response
    }

    /// The cause without the request: the runtime's `ServerError` description repeats the
    /// request's headers, bearer token included, which must never reach a log.
    static func loggable(_ error: any Error) -> String {
        if let server = error as? ServerError { return "\(server.operationID): \(String(reflecting: server.underlyingError))" }
        return String(reflecting: error)
    }

    /// A client's id is kept when it is short, visible ASCII; anything else is replaced.
    static func accepted(_ value: String?) -> String? {
        guard let value, (1...200).contains(value.count),
              value.allSatisfy({ (0x21...0x7e).contains($0.asciiValue ?? 0) })
        else { return nil }
        return value
    }

    private static func remoteAddress(_ context: Context) -> String {
        guard let context = context as? any RemoteAddressRequestContext, let address = context.remoteAddress else { return "" }
        return address.ipAddress ?? "\(address)"
    }
}
