import Foundation
import HummingbirdTesting
import NIOCore

/// A response body as JSON, for assertions.
struct JSONBody {
    let object: Any?

    init(_ response: TestResponse) {
        object = try? JSONSerialization.jsonObject(with: Data(buffer: response.body), options: [.fragmentsAllowed])
    }

    subscript(_ key: String) -> Any? { (object as? [String: Any])?[key] }

    var string: [String: String] {
        ((object as? [String: Any]) ?? [:]).compactMapValues { $0 as? String }
    }

    /// The pointers of a problem document's `errors`.
    var pointers: [String] {
        ((self["errors"] as? [[String: Any]]) ?? []).compactMap { $0["pointer"] as? String }
    }

    var problemType: String? { (self["type"] as? String).map { $0.replacingOccurrences(of: "https://talentmatch.example/problems/", with: "") } }
}

extension ByteBuffer {
    static func json(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }
}

extension TestResponse {
    var isProblem: Bool { headers[.contentType] == "application/problem+json" }
}
