/// A code from the undergraduate specialty catalogue (本科专业目录), such as `080901` or
/// `010103K`.
///
/// The six digits nest: discipline (门类, first two), class (专业类, first four) and the
/// specialty itself. The optional `T` (特设) or `K` (国家控制) suffix marks the specialty's
/// status in the catalogue; it does not change what the specialty is, so fit ignores it.
public struct SpecialtyCode: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The six catalogue digits, without suffix.
    public let code6: String
    /// `T`, `K`, `TK` or empty.
    public let suffix: String

    public init?(_ text: some StringProtocol) {
        let digits = text.prefix(6)
        let rest = text.dropFirst(6)
        guard digits.count == 6, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              rest.count <= 2, rest.allSatisfy({ $0 == "T" || $0 == "K" }) else {
            return nil
        }
        code6 = String(digits)
        suffix = String(rest)
    }

    /// The four-digit class (专业类), e.g. `0809`.
    public var classCode: String { String(code6.prefix(4)) }
    /// The two-digit discipline (学科门类), e.g. `08`.
    public var disciplineCode: String { String(code6.prefix(2)) }

    /// How closely this specialty fits a required one, on the code → class → discipline ladder.
    public func fit(to required: SpecialtyCode) -> SpecialtyFit {
        if code6 == required.code6 { return .sameCode }
        if classCode == required.classCode { return .sameClass }
        if disciplineCode == required.disciplineCode { return .sameDiscipline }
        return .none
    }

    public var description: String { code6 + suffix }

    public static func < (lhs: SpecialtyCode, rhs: SpecialtyCode) -> Bool { lhs.description < rhs.description }
}

/// A rung on the specialty-fit ladder, best first.
public enum SpecialtyFit: Int, Sendable, Comparable, CaseIterable, Codable {
    case none = 0
    case sameDiscipline = 1
    case sameClass = 2
    case sameCode = 3

    public static func < (lhs: SpecialtyFit, rhs: SpecialtyFit) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The accepted rung as files spell it (`talentmatch.instance/1`, stored explanations).
    public var code: String {
        switch self {
        case .sameCode: "same-code"
        case .sameClass: "same-class"
        case .sameDiscipline: "same-discipline"
        case .none: "none"
        }
    }

    /// A rung a requirement can accept, from its code; nil for anything else (`none` included).
    public init?(code: String) {
        guard let fit = Self.allCases.first(where: { $0 != .none && $0.code == code }) else { return nil }
        self = fit
    }
}
