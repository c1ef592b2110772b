import Hummingbird

/// Refuses a body larger than its route accepts with 413 before any of it is parsed: JSON
/// bodies are small; CSV imports may be large (100,000 posts is tens of megabytes).
struct BodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    let jsonLimit: Int
    let csvLimit: Int

    static var csvPathPrefixes: [String] { ["/api/v1/imports/", "/api/v1/reference/imports"] }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let limit = Self.csvPathPrefixes.contains(where: request.uri.path.hasPrefix) ? csvLimit : jsonLimit
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw Self.tooLarge(limit)
        }
        var request = request
        do {
            _ = try await request.collectBody(upTo: limit)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw Self.tooLarge(limit)
        }
        return try await next(request, context)
    }

    private static func tooLarge(_ limit: Int) -> Problem {
        Problem(.payloadTooLarge, "the request body is larger than the \(limit) bytes this endpoint accepts")
    }
}
