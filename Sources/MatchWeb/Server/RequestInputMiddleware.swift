import Hummingbird
import MatchStore

/// Reads what a request brings, once, and refuses what no handler should see: a control
/// character or broken percent-encoding in any query parameter or form field (issue 13: a
/// NUL in `contact`, `full_name` or `specialty_q` reached PostgreSQL and gave 500). Every
/// text input is checked here, in one place, rather than field by field in each handler.
/// A POST's fields are left in `context.form` for the session middleware (CSRF) and the
/// handlers.
struct RequestInputMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        for (name, value) in request.uri.queryParameters {
            try Self.check(String(name), String(value))
        }
        var context = context
        var request = request
        if request.method == .post {
            // The console's uploads (a centre's CSV of posts) are files in multipart forms, and larger.
            if request.uri.path.hasPrefix("/console/"), let boundary = MultipartForm.boundary(request.headers[.contentType] ?? "") {
                let body = try await request.collectBody(upTo: Self.maxConsoleUpload)
                guard let fields = MultipartForm.fields(String(buffer: body), boundary: boundary) else {
                    throw InputRefused(field: "form", reason: .badEncoding)
                }
                for (name, value) in fields { try Self.check(name, value) }
                context.form = FormData(pairs: fields)
            } else {
                let body = try await request.collectBody(upTo: context.maxUploadSize)
                context.form = try Self.form(String(buffer: body))
            }
        }
        return try await next(request, context)
    }

    /// A console upload: a CSV of a centre's posts (the API's import takes the same).
    static let maxConsoleUpload = 8 * 1024 * 1024

    /// The fields of an `application/x-www-form-urlencoded` body, every one checked.
    static func form(_ body: String) throws(InputRefused) -> FormData {
        var pairs: [(String, String)] = []
        for part in body.split(separator: "&", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(pieces[0]) else { throw InputRefused(field: String(pieces[0]), reason: .badEncoding) }
            guard let value = pieces.count > 1 ? decode(pieces[1]) : "" else { throw InputRefused(field: name, reason: .badEncoding) }
            try check(name, value)
            pairs.append((name, value))
        }
        return FormData(pairs: pairs)
    }

    static func check(_ name: String, _ value: String) throws(InputRefused) {
        if let refused = ControlCharacters.first(in: value) ?? ControlCharacters.first(in: name) {
            throw InputRefused(field: name, reason: .controlCharacter(refused))
        }
    }

    private static func decode(_ text: Substring) -> String? {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
