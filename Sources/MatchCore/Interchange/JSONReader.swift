/// A pull parser over UTF-8 bytes, written for speed on documents of hundreds of megabytes:
/// no intermediate tree, no `String` per value, strings returned as byte ranges.
///
/// Callers walk the document with `beginObject`/`nextKey` and `beginArray`/`nextElement`,
/// keeping `path` up to date, so every error carries a JSON pointer.
/// - Precondition: `bytes` stays valid while the reader is used (see `InstanceDocument`).
struct JSONReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    var path: [JSONPathStep] = []
    /// Decoded bytes of the last string that contained escapes.
    var scratch: [UInt8] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// A string just read: either raw bytes of the input, or (with escapes) `scratch`.
    enum StringToken {
        case raw(Range<Int>)
        case decoded
    }

    func error(_ message: String) -> InputError {
        if isAtEnd, message.hasPrefix("expected ") { return truncated(expecting: String(message.dropFirst("expected ".count))) }
        return InputError(path.pointer, message)
    }

    /// A syntax error, with the byte offset, line and column of the offending byte.
    func syntaxError(_ expected: String) -> InputError {
        if isAtEnd { return truncated(expecting: expected) }
        var line = 1
        var column = 1
        for offset in 0..<min(index, bytes.count) {
            if bytes[offset] == UInt8(ascii: "\n") { line += 1; column = 1 } else { column += 1 }
        }
        let found = index < bytes.count ? "'\(Unicode.Scalar(bytes[index]))'" : "end of input"
        return InputError(path.pointer, "JSON does not parse at byte \(index) (line \(line), column \(column)): expected \(expected), found \(found)")
    }

    /// Nothing but whitespace is left: the document stopped in the middle (a copy cut short,
    /// a disk that filled up), which a person should hear as such, not as a wrong value.
    private var isAtEnd: Bool {
        var offset = index
        while offset < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[offset]) { offset += 1 }
        return offset >= bytes.count
    }

    private func truncated(expecting expected: String) -> InputError {
        InputError(path.pointer, "the file is not complete JSON: it ends after \(bytes.count) bytes, where \(expected) should follow")
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    /// The next significant byte, or nil at the end.
    mutating func peek() -> UInt8? {
        skipWhitespace()
        return index < bytes.count ? bytes[index] : nil
    }

    mutating func expect(_ byte: UInt8, _ what: String) throws(InputError) {
        guard peek() == byte else { throw syntaxError(what) }
        index += 1
    }

    mutating func beginObject() throws(InputError) {
        guard peek() == UInt8(ascii: "{") else { throw error("expected an object") }
        index += 1
    }

    /// The next key of the current object (position after its colon), or nil at `}`.
    /// - Parameter first: true before the first key of the object.
    mutating func nextKey(first: Bool) throws(InputError) -> StringToken? {
        if peek() == UInt8(ascii: "}") { index += 1; return nil }
        if !first { try expect(UInt8(ascii: ","), "',' or '}'") }
        guard peek() == UInt8(ascii: "\"") else { throw syntaxError("a key in quotes") }
        let key = try readString()
        try expect(UInt8(ascii: ":"), "':'")
        return key
    }

    mutating func beginArray() throws(InputError) {
        guard peek() == UInt8(ascii: "[") else { throw error("expected an array") }
        index += 1
    }

    /// Moves to the next element of the current array; false at `]`.
    mutating func nextElement(first: Bool) throws(InputError) -> Bool {
        if peek() == UInt8(ascii: "]") { index += 1; return false }
        if !first { try expect(UInt8(ascii: ","), "',' or ']'") }
        return true
    }

    /// Consumes `null` if it comes next.
    mutating func readNull() -> Bool {
        guard peek() == UInt8(ascii: "n"), index + 4 <= bytes.count,
              bytes[index + 1] == UInt8(ascii: "u"), bytes[index + 2] == UInt8(ascii: "l"), bytes[index + 3] == UInt8(ascii: "l")
        else { return false }
        index += 4
        return true
    }

    /// Whether a string token equals an ASCII literal.
    func token(_ token: StringToken, is literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        let start = literal.utf8Start
        switch token {
        case .raw(let range):
            guard range.count == count else { return false }
            for offset in 0..<count where bytes[range.lowerBound + offset] != start[offset] { return false }
            return true
        case .decoded:
            guard scratch.count == count else { return false }
            for offset in 0..<count where scratch[offset] != start[offset] { return false }
            return true
        }
    }

    func string(_ token: StringToken) -> String {
        switch token {
        case .raw(let range): String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        case .decoded: String(decoding: scratch, as: UTF8.self)
        }
    }

    mutating func readString() throws(InputError) -> StringToken {
        guard peek() == UInt8(ascii: "\"") else { throw error("expected a string") }
        index += 1
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return .raw(start..<(index - 1))
            }
            if byte == UInt8(ascii: "\\") { return try readEscapedString(from: start) }
            if byte < 0x20 { throw syntaxError("no control characters inside a string") }
            index += 1
        }
        throw syntaxError("'\"' to close the string")
    }
}
