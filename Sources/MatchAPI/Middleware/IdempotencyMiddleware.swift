import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import MatchStore

/// `Idempotency-Key` on POST, PUT and PATCH: the first answer (any status below 500) is
/// stored per token and key, and a retry with the same request gets it again without running
/// twice. The same key with a different request is refused (422); a key whose first request
/// is still running gets 409.
struct IdempotencyMiddleware<Context: RequestContext>: RouterMiddleware {
    let store: IdempotencyStore

    static var headerName: HTTPField.Name { HTTPField.Name("Idempotency-Key")! }
    static var replayedHeader: HTTPField.Name { HTTPField.Name("Idempotent-Replayed")! }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard [.post, .put, .patch].contains(request.method), let key = request.headers[Self.headerName],
              let principal = RequestInfo.current.principal
        else { return try await next(request, context) }
        guard (1...200).contains(key.count) else {
            throw Problem(.badRequest, "the Idempotency-Key header is 1 to 200 characters",
                          errors: [.init(pointer: "/headers/Idempotency-Key", detail: "1 to 200 characters")])
        }
        var request = request
        let body = try await request.collectBody(upTo: .max)
        let fingerprint = Self.fingerprint(request, body: body)
        switch try await store.reserve(tokenID: principal.tokenID, key: key, fingerprint: fingerprint) {
        case .replay(let stored):
            var headers: HTTPFields = [Self.replayedHeader: "true"]
            if let type = stored.contentType { headers[.contentType] = type }
            return Response(status: .init(code: stored.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: stored.body)))
        case .inProgress:
            throw Problem(.conflict, "a request with this Idempotency-Key is still being processed; retry later")
        case .mismatch:
            throw Problem(.idempotencyKeyReused, "this Idempotency-Key was used for a different request; use a new key")
        case .reserved:
            return try await runAndStore(request, context: context, next: next, tokenID: principal.tokenID, key: key)
        }
    }

    private func runAndStore(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response, tokenID: Int64, key: String
    ) async throws -> Response {
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            // A refused request changed nothing, so a retry may run it again.
            try? await store.release(tokenID: tokenID, key: key)
            throw error
        }
        let (collected, bytes) = try await Self.collect(response)
        if response.status.code < 500 {
            try await store.complete(tokenID: tokenID, key: key, response: .init(
                status: Int(response.status.code), contentType: response.headers[.contentType], body: bytes))
        } else {
            try? await store.release(tokenID: tokenID, key: key)
        }
        return collected
    }

    /// Method, path with query, and body: what makes two requests "the same request".
    static func fingerprint(_ request: Request, body: ByteBuffer) -> Data {
        var hasher = SHA256()
        hasher.update(data: Data("\(request.method.rawValue)\n\(request.uri.description)\n".utf8))
        hasher.update(data: Data(body.readableBytesView))
        return Data(hasher.finalize())
    }

    /// Reads a response body into memory so it can be stored and still be sent.
    private static func collect(_ response: Response) async throws -> (Response, [UInt8]) {
        let writer = CollectingWriter()
        var copy = response
        let body = copy.body
        try await body.write(writer.erased())
        let bytes = writer.box.bytes
        copy.body = .init(byteBuffer: ByteBuffer(bytes: bytes))
        return (copy, bytes)
    }
}

/// A response-body writer that keeps what is written.
private struct CollectingWriter: ResponseBodyWriter {
    final class Box: @unchecked Sendable {
        var bytes: [UInt8] = []
    }

    let box = Box()

    func erased() -> any ResponseBodyWriter { self }

    mutating func write(_ buffer: ByteBuffer) async throws {
        box.bytes.append(contentsOf: buffer.readableBytesView)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
