import Foundation

/// The fields of a form as `RequestInputMiddleware` read them; a name may repeat (checkboxes).
struct FormData: Sendable, Equatable {
    private(set) var pairs: [(String, String)] = []

    init() {}

    init(pairs: [(String, String)]) {
        self.pairs = pairs
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
