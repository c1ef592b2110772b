/// The shape of a staff sign-in name and contact, as Schema/0006 and 0090 CHECK them: checked
/// first, so a bad one is named instead of refused by the database.
enum StaffLogin {
    /// 3 to 100 of a-z, 0-9 and . _ @ + -, starting with a letter or digit (already lower case).
    static func isValid(_ login: String) -> Bool {
        guard (3...100).contains(login.count), let first = login.unicodeScalars.first, isLowerOrDigit(first) else { return false }
        return login.unicodeScalars.allSatisfy { isLowerOrDigit($0) || ".-_@+".unicodeScalars.contains($0) }
    }

    /// An e-mail address (something@something) or a mobile number (digits, optionally after +).
    static func isValidContact(_ contact: String) -> Bool {
        guard (3...254).contains(contact.count), !contact.contains(where: { $0.isWhitespace }),
              ControlCharacters.first(in: contact) == nil else { return false }
        if let at = contact.firstIndex(of: "@") {
            return at != contact.startIndex && contact.index(after: at) != contact.endIndex
        }
        let digits = contact.hasPrefix("+") ? contact.dropFirst() : Substring(contact)
        return (6...20).contains(digits.count) && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    private static func isLowerOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}
