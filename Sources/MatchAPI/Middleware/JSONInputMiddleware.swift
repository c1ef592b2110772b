import Foundation
import Hummingbird
import MatchStore

/// Checks every JSON body once, before any handler decodes it, for what the contract never
/// allows anywhere: `null` (no field of openapi.yaml is nullable; the generated decoder would
/// read `"policy": null` as "absent", so `{"policy": null, "date": null}` was a valid what-if),
/// and a control character in any string (`ControlCharacters`: a NUL would reach PostgreSQL).
/// Each is refused naming every place by its JSON pointer. Malformed JSON is left to the
/// decoder, which names where it breaks.
struct JSONInputMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            return try await next(request, context)
        }
        var request = request
        let body = try await request.collectBody(upTo: .max)
        if let document = try? JSONSerialization.jsonObject(with: Data(buffer: body), options: [.fragmentsAllowed]) {
            var found = Findings()
            Self.inspect(document, at: "", into: &found)
            if !found.nulls.isEmpty {
                throw Problem(.badRequest, "null is not a value in this API: leave a field out instead",
                              errors: found.nulls.map { .init(pointer: $0, detail: "null is not allowed; leave the field out") })
            }
            if !found.controls.isEmpty {
                throw Problem(.validation, "text may not hold control characters",
                              errors: found.controls.map { .init(pointer: $0.pointer, detail: "contains the control character \($0.character)") })
            }
        }
        return try await next(request, context)
    }

    struct Findings {
        var nulls: [String] = []
        var controls: [(pointer: String, character: String)] = []
    }

    static func inspect(_ value: Any, at pointer: String, into found: inout Findings) {
        switch value {
        case is NSNull:
            found.nulls.append(pointer)
        case let text as String:
            if let refused = ControlCharacters.first(in: text) { found.controls.append((pointer, ControlCharacters.name(refused))) }
        case let object as [String: Any]:
            for (key, member) in object.sorted(by: { $0.key < $1.key }) {
                let place = pointer + "/" + key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
                if let refused = ControlCharacters.first(in: key) { found.controls.append((place, ControlCharacters.name(refused))) }
                inspect(member, at: place, into: &found)
            }
        case let array as [Any]:
            for (index, element) in array.enumerated() { inspect(element, at: pointer + "/\(index)", into: &found) }
        default:
            break
        }
    }
}
