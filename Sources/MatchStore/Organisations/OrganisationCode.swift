/// The shape of an office's or centre's code, as `offices` and `centres` CHECK it (Schema/0002):
/// checked first, so a bad code is named instead of refused by the database.
enum OrganisationCode {
    static func isValid(_ code: String) -> Bool {
        guard (2...40).contains(code.count), let first = code.unicodeScalars.first, isLetterOrDigit(first) else { return false }
        return code.unicodeScalars.allSatisfy { isLetterOrDigit($0) || $0 == "-" || $0 == "_" }
    }

    static func isValidName(_ name: String) -> Bool {
        (1...100).contains(name.count) && !name.allSatisfy(\.isWhitespace) && ControlCharacters.first(in: name) == nil
    }

    private static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}
