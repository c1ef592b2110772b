import Foundation

/// NIST SP 800-63B style: long enough, long allowed, no composition rules, not a common password.
struct PasswordPolicy: Sendable {
    enum Problem: String, Sendable, Equatable {
        case tooShort = "password_too_short"
        case tooLong = "password_too_long"
        case common = "password_common"
    }

    static let minimumLength = 12
    /// Long passphrases are welcome; the cap only keeps bcrypt's input bounded (it reads 72 bytes,
    /// so longer inputs are pre-hashed, see `PasswordHasher`).
    static let maximumLength = 256

    let common: Set<String>

    /// Loads the shipped list (one password a line; `#` starts a comment).
    static func load(from file: URL) throws -> PasswordPolicy {
        let text = try String(contentsOf: file, encoding: .utf8)
        let entries = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        return PasswordPolicy(common: Set(entries))
    }

    func problem(_ password: String) -> Problem? {
        let length = password.count
        if length < Self.minimumLength { return .tooShort }
        if length > Self.maximumLength { return .tooLong }
        if common.contains(password.lowercased()) { return .common }
        return nil
    }
}
