import Foundation

/// The position after which the next page starts, as an opaque token.
///
/// Opaque (base64url of a tagged id) so that clients pass it back rather than build one;
/// the tag lets a later version change the key without misreading old tokens.
public struct KeysetCursor: Sendable, Equatable {
    public let after: Int64

    public init(after: Int64) {
        self.after = after
    }

    /// Reads a token; nil when it is not one a listing produced.
    public init?(token: String) {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard token.count <= 64, let data = Data(base64Encoded: base64),
              let text = String(data: data, encoding: .utf8), text.hasPrefix("k1:"),
              let id = Int64(text.dropFirst(3)), id >= 0 else { return nil }
        after = id
    }

    public var token: String {
        Data("k1:\(after)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The id to list after: 0 (before every row) without a token.
    static func start(_ token: String?) -> Int64? {
        guard let token else { return 0 }
        return KeysetCursor(token: token)?.after
    }
}
