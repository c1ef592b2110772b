extension JSONReader {
    /// Finishes a string that contains escapes, decoding it into `scratch`.
    mutating func readEscapedString(from start: Int) throws(InputError) -> StringToken {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""): return .decoded
            case UInt8(ascii: "\\"): try readEscape()
            case ..<0x20: throw syntaxError("no control characters inside a string")
            default: scratch.append(byte)
            }
        }
        throw syntaxError("'\"' to close the string")
    }

    private mutating func readEscape() throws(InputError) {
        guard index < bytes.count else { throw syntaxError("an escape") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(byte)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try readHex4()
            if (0xD800..<0xDC00).contains(scalar), index + 1 < bytes.count,
               bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                index += 2
                let low = try readHex4()
                guard (0xDC00..<0xE000).contains(low) else { throw syntaxError("a low surrogate") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            let decoded = Unicode.Scalar(scalar) ?? "\u{FFFD}"
            scratch.append(contentsOf: String(Character(decoded)).utf8)
        default: throw syntaxError("a valid escape")
        }
    }

    private mutating func readHex4() throws(InputError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw syntaxError("four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw syntaxError("a hex digit")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    /// An integer without fraction or exponent, within Int64.
    mutating func readInteger() throws(InputError) -> Int64 {
        guard let first = peek(), first == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            throw error("expected an integer")
        }
        let negative = first == UInt8(ascii: "-")
        if negative { index += 1 }
        var value: Int64 = 0
        var digits = 0
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int64(bytes[index] - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { throw error("integer out of range") }
            value = sum
            index += 1
            digits += 1
        }
        guard digits > 0 else { throw syntaxError("digits") }
        if index < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[index]) {
            throw error("expected a whole number")
        }
        return negative ? -value : value
    }

    /// A whole number in 0 ... UInt64.max: a lottery seed uses all 64 bits.
    mutating func readUnsignedInteger() throws(InputError) -> UInt64 {
        guard let first = peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            throw error(peek() == UInt8(ascii: "-") ? "must not be negative" : "expected a whole number")
        }
        var value: UInt64 = 0
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(UInt64(bytes[index] - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { throw error("integer out of range (at most \(UInt64.max))") }
            value = sum
            index += 1
        }
        if index < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[index]) {
            throw error("expected a whole number")
        }
        return value
    }

    /// A JSON number as a correctly rounded Double (Clinger's fast path, else the standard library).
    mutating func readNumber() throws(InputError) -> Double {
        guard let first = peek(), first == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            throw error("expected a number")
        }
        let start = index
        let negative = first == UInt8(ascii: "-")
        if negative { index += 1 }
        var mantissa: UInt64 = 0
        var significant = 0
        var exponent = 0
        var sawDigit = false
        func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        while index < bytes.count, isDigit(bytes[index]) {
            if significant < 19 { mantissa = mantissa * 10 + UInt64(bytes[index] - 48); if mantissa > 0 { significant += 1 } } else { exponent += 1 }
            index += 1
            sawDigit = true
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count, isDigit(bytes[index]) {
                if significant < 19 { mantissa = mantissa * 10 + UInt64(bytes[index] - 48); if mantissa > 0 { significant += 1 }; exponent -= 1 }
                index += 1
                sawDigit = true
            }
        }
        guard sawDigit else { throw syntaxError("digits") }
        var explicit = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            var sign = 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
                index += 1
            }
            guard index < bytes.count, isDigit(bytes[index]) else { throw syntaxError("exponent digits") }
            while index < bytes.count, isDigit(bytes[index]) {
                explicit = min(explicit * 10 + Int(bytes[index] - 48), 100_000)
                index += 1
            }
            explicit *= sign
        }
        exponent += explicit
        if significant <= 15, abs(exponent) <= 22 {
            let value = exponent >= 0 ? Double(mantissa) * Self.powersOfTen[exponent] : Double(mantissa) / Self.powersOfTen[-exponent]
            return negative ? -value : value
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else { throw error("number out of range") }
        return value
    }

    static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// Skips any value, checking its syntax.
    mutating func skipValue() throws(InputError) {
        guard let byte = peek() else { throw syntaxError("a value") }
        switch byte {
        case UInt8(ascii: "{"):
            index += 1
            var first = true
            while try nextKey(first: first) != nil { first = false; try skipValue() }
        case UInt8(ascii: "["):
            index += 1
            var first = true
            while try nextElement(first: first) { first = false; try skipValue() }
        case UInt8(ascii: "\""): _ = try readString()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: _ = try readNumber()
        }
    }

    private mutating func literal(_ word: StaticString) throws(InputError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw syntaxError("\(word)") }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { throw syntaxError("\(word)") }
        index += count
    }

    mutating func readBool() throws(InputError) -> Bool {
        if peek() == UInt8(ascii: "t") { try literal("true"); return true }
        if peek() == UInt8(ascii: "f") { try literal("false"); return false }
        throw error("expected true or false")
    }
}
