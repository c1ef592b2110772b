import Foundation

/// The fields of an `application/x-www-form-urlencoded` body; a name may repeat (checkboxes).
struct FormData: Sendable, Equatable {
    private(set) var pairs: [(String, String)] = []

    init() {}

    init(urlEncoded body: String) {
        for part in body.split(separator: "&", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(pieces[0])
            let value = pieces.count > 1 ? Self.decode(pieces[1]) : ""
            pairs.append((name, value))
        }
    }

    private static func decode(_ text: Substring) -> String {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
    }

    /// The first value, trimmed of surrounding whitespace; "" when absent.
    subscript(_ name: String) -> String {
        (pairs.first { $0.0 == name }?.1 ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The value exactly as sent (passwords are not trimmed).
    func raw(_ name: String) -> String? {
        pairs.first { $0.0 == name }?.1
    }

    func all(_ name: String) -> [String] {
        pairs.filter { $0.0 == name }.map { $0.1.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    func has(_ name: String) -> Bool {
        pairs.contains { $0.0 == name }
    }

    static func == (lhs: FormData, rhs: FormData) -> Bool {
        lhs.pairs.elementsEqual(rhs.pairs) { $0 == $1 }
    }
}
