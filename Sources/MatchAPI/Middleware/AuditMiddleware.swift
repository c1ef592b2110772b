import Hummingbird
import MatchStore

/// Records every write the API accepted in the audit log: who (the token), what (method,
/// route and status), when (the row's time) and from where (the client's address). Stores
/// record the domain change itself in the same transaction as the change; this row records
/// the request that asked for it, for writes of every kind.
struct AuditMiddleware<Context: RequestContext>: RouterMiddleware {
    let database: Database

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard ![.get, .head, .options].contains(request.method), let principal = RequestInfo.current.principal else {
            return try await next(request, context)
        }
        let response = try await next(request, context)
        guard response.status.code < 400 else { return response }
        let info = RequestInfo.current
        let route = context.endpointPath ?? request.uri.path
        try await AuditLog.record(
            actor: principal.actor, action: "api \(request.method.rawValue) \(route)", subject: request.uri.path,
            details: ["status": "\(response.status.code)", "request_id": info.requestID],
            source: info.remoteAddress, in: database
        )
        return response
    }
}
