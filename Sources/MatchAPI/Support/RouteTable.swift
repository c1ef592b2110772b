import HTTPTypes
import OpenAPIRuntime
import Synchronization

/// The operations of `openapi.yaml` as (method, path template) pairs, recorded by letting the
/// generated code register its handlers here first: the contract's own list, so the 405
/// check can never drift from the routes.
final class RouteTable: ServerTransport, Sendable {
    struct Route: Sendable, Equatable {
        let method: HTTPRequest.Method
        /// The template's segments; `nil` stands for a `{parameter}`.
        let segments: [String?]
    }

    private let recorded = Mutex<[Route]>([])

    var routes: [Route] { recorded.withLock { $0 } }

    func register(
        _ handler: @escaping @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?),
        method: HTTPRequest.Method, path: String
    ) throws {
        let segments = path.split(separator: "/").map { $0.hasPrefix("{") && $0.hasSuffix("}") ? nil : String($0) }
        recorded.withLock { $0.append(Route(method: method, segments: segments)) }
    }

    /// The methods a path accepts (HEAD with GET), in the order the Allow header lists them;
    /// empty when no operation has this path.
    static func methods(for path: String, in routes: [Route]) -> [HTTPRequest.Method] {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let declared = routes.filter { route in
            route.segments.count == parts.count && zip(route.segments, parts).allSatisfy { $0 == nil || $0 == $1 }
        }.map(\.method)
        guard !declared.isEmpty else { return [] }
        let order: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete]
        let accepted = Set(declared + (declared.contains(.get) ? [.head] : []))
        return order.filter(accepted.contains)
    }
}
