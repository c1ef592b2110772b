/// Why an input cannot be matched, and where: the place is a JSON pointer (RFC 6901) into
/// the instance document, such as `/vacancies/17/capacity`, so a person can find and fix it.
///
/// The same pointers are used for in-memory instances, where they name the same positions
/// (candidate and vacancy indices are the order of the input).
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    public let pointer: String
    public let message: String

    public init(_ pointer: String, _ message: String) {
        self.pointer = pointer
        self.message = message
    }

    public var description: String {
        "\(pointer.isEmpty ? "/" : pointer): \(message)"
    }
}

extension InputError {
    /// Escapes one reference token as RFC 6901 requires (`~` → `~0`, `/` → `~1`).
    public static func token(_ raw: String) -> String {
        raw.replacing("~", with: "~0").replacing("/", with: "~1")
    }
}
