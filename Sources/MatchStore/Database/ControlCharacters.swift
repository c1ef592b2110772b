/// The one rule for text anyone may send: no control characters.
///
/// PostgreSQL's text cannot hold U+0000 (it fails the statement with SQLSTATE 22021), and the
/// other C0 and C1 controls (ESC, DEL, NEL …) are invisible on a page, in a CSV or in a log,
/// where they can hide or forge what a person reads. Tab, line feed and carriage return are
/// ordinary text in a multi-line field and stay allowed. The gateway's form reader, the API's
/// JSON reader and the posts CSV all refuse such text with this rule, naming the field.
public enum ControlCharacters {
    /// The first refused character of `text`, or nil when it is acceptable.
    public static func first(in text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first(where: isRefused)
    }

    public static func isRefused(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0x00...0x1F, 0x7F...0x9F: true
        default: false
        }
    }

    /// `U+001B`, as a message names the character.
    public static func name(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
