/// A GB/T 2260 administrative division code, held in its shortest significant form.
///
/// Regions nest by prefix: province `51`, prefecture `5119`, county `511921`. The national
/// standard pads every code to six digits (`510000` is the province of Sichuan), so a padded
/// code is reduced to its significant prefix when parsed. That way `510000`, `51` and
/// `5100` all name the same province, and "is `511921` inside `5119`?" is a prefix test.
/// Twelve-digit statistical codes (townships, villages) are accepted the same way.
public struct RegionCode: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The significant digits: 2 (province), 4 (prefecture), 6 (county), 9 (township) or 12.
    public let digits: String

    /// Parses a code, reducing trailing all-zero levels. Returns nil for anything else.
    public init?(_ text: some StringProtocol) {
        guard [2, 4, 6, 9, 12].contains(text.count), text.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return nil
        }
        var significant = String(text)
        // Strip empty levels from the right: 12 → 9 → 6 → 4 → 2 digits.
        while let shorter = Self.parentLength(of: significant.count),
              significant.dropFirst(shorter).allSatisfy({ $0 == "0" }) {
            significant = String(significant.prefix(shorter))
        }
        guard !significant.allSatisfy({ $0 == "0" }) else { return nil }
        digits = significant
    }

    /// The administrative level the code names.
    public var level: RegionLevel {
        switch digits.count {
        case 2: .province
        case 4: .prefecture
        case 6: .county
        default: .township
        }
    }

    /// The six-digit padded form used in GB/T 2260 tables (`51` → `510000`).
    public var padded: String {
        digits.count >= 6 ? String(digits.prefix(6)) : digits + String(repeating: "0", count: 6 - digits.count)
    }

    /// The enclosing region one level up, or nil for a province.
    public var parent: RegionCode? {
        guard let length = Self.parentLength(of: digits.count) else { return nil }
        return RegionCode(digits.prefix(length))
    }

    /// True when `other` is this region or lies inside it.
    public func contains(_ other: RegionCode) -> Bool {
        other.digits.hasPrefix(digits)
    }

    public var description: String { digits }

    public static func < (lhs: RegionCode, rhs: RegionCode) -> Bool { lhs.digits < rhs.digits }

    private static func parentLength(of length: Int) -> Int? {
        switch length {
        case 12: 9
        case 9: 6
        case 6: 4
        case 4: 2
        default: nil
        }
    }
}

/// The levels of China's administrative divisions that TalentMatch distinguishes.
public enum RegionLevel: String, Sendable, Codable, CaseIterable {
    case province, prefecture, county, township
}
