import Foundation
import Hummingbird
import Logging

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
            if problem.status.code >= 500 {
                logger.error("request failed", metadata: ["error": "\(String(reflecting: error))", "path": "\(request.uri.path)"])
            }
            response = problem.response(requestID: requestID)
        }
        response.headers[Self.headerName] = requestID
        return response
    }

    /// A client's id is kept when it is short, visible ASCII; anything else is replaced.
    static func accepted(_ value: String?) -> String? {
        guard let value, (1...200).contains(value.count), value.allSatisfy({ $0.isASCII && !$0.isWhitespace && $0.asciiValue! >= 0x21 })
        else { return nil }
        return value
    }

    private static func remoteAddress(_ context: Context) -> String {
        guard let context = context as? any RemoteAddressRequestContext, let address = context.remoteAddress else { return "" }
        return address.ipAddress ?? "\(address)"
    }
}
