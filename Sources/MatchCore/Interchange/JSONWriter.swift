/// Appends JSON to a byte buffer with a fixed key order and a fixed number format, so the
/// same result always serialises to the same bytes on any machine.
///
/// Numbers: integers in decimal; doubles in Swift's shortest round-trip form (`71.2`,
/// `74.0`), which the standard library computes exactly and identically everywhere.
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    /// Whether the next value at the current level needs a comma first. Enclosing levels'
    /// flags wait in `outerNeedsComma`; the hot path (30M values in a national snapshot)
    /// touches only this one Bool.
    private var needsComma = false
    private var outerNeedsComma: [Bool] = []

    public init(reserving capacity: Int = 1 << 16) {
        bytes.reserveCapacity(capacity)
    }

    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        outerNeedsComma.append(needsComma)
        needsComma = false
    }

    public mutating func endObject() {
        needsComma = outerNeedsComma.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }

    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        outerNeedsComma.append(needsComma)
        needsComma = false
    }

    public mutating func endArray() {
        needsComma = outerNeedsComma.removeLast()
        bytes.append(UInt8(ascii: "]"))
    }

    /// Writes `"key":`; the value written next belongs to it.
    public mutating func key(_ name: String) {
        separate()
        appendQuoted(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    public mutating func string(_ value: String) {
        separate()
        appendQuoted(value)
    }

    /// Writes a string given as bytes that need no escaping (ASCII letters, digits, `-`, `_`).
    /// - Precondition: no byte is a quote, a backslash or a control character.
    public mutating func plainString(_ text: ArraySlice<UInt8>) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: text)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Writes JSON that is already encoded: a value, or with `asKey` a quoted key and its colon.
    /// - Precondition: `json` is one complete JSON value (a quoted string, for a key).
    mutating func encoded(_ json: UnsafeBufferPointer<UInt8>, asKey: Bool) {
        separate()
        if json.count <= 24 {
            // Ids are a few bytes: a byte loop into reserved capacity is far cheaper than a
            // call to memmove each (measured: memmove was 9% of a national night's CPU).
            for byte in json { bytes.append(byte) }
        } else {
            bytes.append(contentsOf: json)
        }
        if asKey {
            bytes.append(UInt8(ascii: ":"))
            needsComma = false
        }
    }

    public mutating func int(_ value: Int) {
        separate()
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(value.magnitude)
    }

    public mutating func uint(_ value: UInt64) {
        separate()
        bytes.append(contentsOf: String(value).utf8)
    }

    /// Writes the shortest decimal that reads back as `value`, exactly as `value.description`
    /// spells it ("20.0", "0.3333", "1e-05").
    ///
    /// Scores and their parts are rounded to 4 decimals, and a national snapshot holds 30M of
    /// them: for such values the digits are produced from the scaled integer directly, which
    /// gives the same text (a 4-decimal value's shortest round-trip form is itself) at a
    /// fraction of the cost. Anything else takes `description`.
    /// - Precondition: `value` is finite (JSON has no NaN or infinity).
    public mutating func double(_ value: Double) {
        precondition(value.isFinite, "JSON cannot represent \(value)")
        separate()
        let scaled = (value * 10_000).rounded()
        guard value != 0, scaled.magnitude < 1e13, scaled / 10_000 == value else {
            bytes.append(contentsOf: value.description.utf8)
            return
        }
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        let units = UInt64(scaled.magnitude)
        appendDigits(units / 10_000)
        bytes.append(UInt8(ascii: "."))
        var fraction = units % 10_000
        guard fraction > 0 else { bytes.append(UInt8(ascii: "0")); return }
        var width = 4
        while fraction % 10 == 0 { fraction /= 10; width -= 1 }
        let start = bytes.count
        for _ in 0..<width {
            bytes.append(UInt8(ascii: "0") + UInt8(fraction % 10))
            fraction /= 10
        }
        bytes[start...].reverse()
    }

    /// Decimal digits of `value`, most significant first, without a temporary array.
    private mutating func appendDigits(_ value: UInt) {
        appendDigits(UInt64(value))
    }

    private mutating func appendDigits(_ value: UInt64) {
        let start = bytes.count
        var rest = value
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        bytes[start...].reverse()
    }

    public mutating func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    public mutating func null() {
        separate()
        bytes.append(contentsOf: "null".utf8)
    }

    /// Starts a new line (between large array entries, so files diff well).
    public mutating func newline() {
        bytes.append(UInt8(ascii: "\n"))
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = true
    }

    mutating func appendQuoted(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        // Ids and codes, written millions of times a night, need no escaping: copy them whole.
        var text = text
        let copied = text.withUTF8 { utf8 in
            guard !utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 }) else { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        if !copied { appendEscaped(text) }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscaped(_ text: String) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case ..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            default: bytes.append(byte)
            }
        }
    }
}
