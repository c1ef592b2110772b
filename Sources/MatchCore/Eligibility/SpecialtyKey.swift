/// A vacancy's specialty requirement as integers: the six catalogue digits and the accepted
/// rungs as a bit mask (bit `rung.rawValue`), so `Eligibility.bestAcceptedFit` becomes a few
/// integer compares in the scoring loop.
struct SpecialtyKey: Sendable, Equatable {
    /// `SpecialtyCode.code6` as a number (`080901` → 80901); fixed width, so a prefix of the
    /// digits is a quotient by a power of ten.
    let code: Int32
    /// Accepted rungs; `.none` is never a bit, matching `bestAcceptedFit`, which never
    /// returns `.none`.
    let accepted: UInt8

    init(_ requirement: SpecialtyRequirement) {
        code = Self.number(requirement.code)
        var mask: UInt8 = 0
        for rung in requirement.accepted where rung != .none { mask |= 1 << UInt8(rung.rawValue) }
        accepted = mask
    }

    /// The six digits of a catalogue code as a number.
    static func number(_ code: SpecialtyCode) -> Int32 {
        var value: Int32 = 0
        for byte in code.code6.utf8 { value = value * 10 + Int32(byte &- UInt8(ascii: "0")) }
        return value
    }

    /// `SpecialtyCode.fit(to:)` on numbers: 3 same code, 2 same class, 1 same discipline, 0.
    @inline(__always)
    static func fit(_ specialty: Int32, _ required: Int32) -> Int {
        if specialty == required { return 3 }
        if specialty / 100 == required / 100 { return 2 }
        return specialty / 10_000 == required / 10_000 ? 1 : 0
    }
}
