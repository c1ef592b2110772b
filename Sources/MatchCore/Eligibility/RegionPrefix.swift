/// A region code as integers, so "is this registration inside that rule's region?" and
/// "same county / prefecture / province?" are integer compares in the scoring loop instead
/// of `String` prefix tests.
///
/// The digits are padded on the right to twelve (`5119` → `511900000000`) and the length is
/// kept: `a` contains `b` exactly when `b` has at least `a`'s digits and `b`'s padded value
/// lies in `a`'s padded value + `0 ..< 10^(12 - a's length)` — the same answer as
/// `RegionCode.contains`, for every code, normalised or not.
struct RegionPrefix: Sendable, Equatable {
    /// The digits padded with zeros to twelve.
    let padded12: UInt64
    /// The number of significant digits (2 … 12).
    let length: UInt8

    /// A placeholder for a missing registration; never consulted (callers check presence).
    static let nowhere = RegionPrefix(padded12: 0, length: 12)

    private init(padded12: UInt64, length: UInt8) {
        self.padded12 = padded12
        self.length = length
    }

    init(_ code: RegionCode) {
        var value: UInt64 = 0
        var count = 0
        for byte in code.digits.utf8.prefix(12) {
            value = value * 10 + UInt64(byte &- UInt8(ascii: "0"))
            count += 1
        }
        precondition(count >= 1 && code.digits.utf8.count <= 12, "a region code has 2 to 12 ASCII digits")
        padded12 = value * Self.powers[12 - count]
        length = UInt8(count)
    }

    /// True when `other` is this region or lies inside it (`RegionCode.contains`).
    @inline(__always)
    func contains(_ other: RegionPrefix) -> Bool {
        other.length >= length && other.padded12 &- padded12 < Self.powers[12 - Int(length)]
    }

    /// The six-digit padded form (`RegionCode.padded`) as an integer.
    var padded6: Int32 { Int32(padded12 / 1_000_000) }

    /// `10^n` for `n` in `0...12`.
    static let powers: [UInt64] = (0...12).map { exponent in (0..<exponent).reduce(1) { product, _ in product * 10 } }
}
