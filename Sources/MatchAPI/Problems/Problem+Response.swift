import Foundation
import Hummingbird

extension Problem {
    static let contentType = "application/problem+json"

    private struct Document: Encodable {
        let type: String
        let title: String
        let status: Int
        let detail: String
        let instance: String?
        let errors: [FieldError]?
    }

    /// The JSON document; `instance` is the request id, so a person can quote it to support.
    func documentBytes(requestID: String?) -> ByteBuffer {
        let document = Document(type: type, title: kind.title, status: Int(status.code), detail: detail, instance: requestID,
                                errors: errors.isEmpty ? nil : errors)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(document)) ?? Data("{}".utf8)
        return ByteBuffer(bytes: data)
    }

    func response(requestID: String?) -> Response {
        var headers = self.headers
        headers[.contentType] = Self.contentType
        return Response(status: status, headers: headers, body: .init(byteBuffer: documentBytes(requestID: requestID)))
    }
}
