import Foundation

/// A mainland resident identity number (公民身份号码, GB 11643-1999): a six-digit address
/// code, an eight-digit birth date, a three-digit sequence number and a check character
/// (ISO 7064 MOD 11-2, `0`–`9` or `X`). The same layout is used by the residence permits of
/// Hong Kong, Macau and Taiwan residents (address codes 81, 82, 83), which are accepted too.
///
/// **Fairness.** TalentMatch never scores or uses age or sex. The birth date and the
/// sequence number's parity (which encodes sex) are read only to catch typing mistakes; this
/// type keeps no field and offers no accessor for either, and the engine (MatchCore) cannot
/// see this type at all. The number exists only to find duplicate accounts and to be read
/// back by the person it belongs to.
///
/// **Address code.** Only the province-level prefix is checked against the codes GB/T 2260
/// has ever used. The full six digits are deliberately *not* looked up in the regions table:
/// a number keeps the address code of the county where it was first issued, and counties
/// have been merged, split and renumbered every year since 1984, so many valid numbers carry
/// codes that today's table no longer lists.
///
/// Never logged: `description`, `debugDescription` and the mirror show only the last four
/// characters, so string interpolation or `dump` cannot leak the number into a log line.
public struct ResidentIdentityNumber: Sendable, Hashable {
    /// The 18 characters, ASCII digits with an upper-case `X` as check character. Hash it,
    /// seal it, or hand it to its owner; never log, render or bind it into SQL.
    public let digits: String

    /// What is wrong with a typed number; each case names one thing a person can correct.
    /// None of them repeats the number.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        /// Not 18 characters once spaces are removed.
        case wrongLength(Int)
        /// A character that is not a digit (or, only in the last place, `X`); 1-based position.
        case invalidCharacter(position: Int)
        /// The first two digits are no province-level code GB/T 2260 has used.
        case unknownAddressCode
        /// Digits 7–14 are not a real date between 1900-01-01 and today.
        case invalidBirthDate
        /// The check character does not match the first 17 digits: at least one is mistyped.
        case checkCharacterMismatch

        public var description: String {
            switch self {
            case .wrongLength(let count): "an ID number has 18 characters, not \(count)"
            case .invalidCharacter(let position): "character \(position) must be a digit (only the 18th may be X)"
            case .unknownAddressCode: "the first two digits are not a province code"
            case .invalidBirthDate: "characters 7 to 14 are not a valid date"
            case .checkCharacterMismatch: "the check character does not match; a digit is mistyped"
            }
        }
    }

    /// Province-level codes of GB/T 2260, including those retired or added since the first
    /// numbers were issued (46 Hainan from 1988, 50 Chongqing from 1997), and 71 Taiwan, 81 Hong
    /// Kong, 82 Macau, 83 Taiwan residents' permits.
    static let provinceCodes: Set<Int> = [
        11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
        50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
    ]

    /// Weights of positions 1–17: 2^(18−i) mod 11.
    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    /// The check character for each remainder of the weighted sum mod 11.
    static let checkCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    /// Parses what a person typed. Spaces (also the full-width one), full-width digits and a
    /// lower-case or full-width x are accepted, since Chinese input methods produce them.
    /// `today` bounds the birth date; pass it to make tests independent of the clock.
    public init(_ typed: String, today: Date = Date()) throws(Problem) {
        let characters = Self.normalised(typed)
        guard characters.count == 18 else { throw .wrongLength(characters.count) }
        var values: [Int] = []
        for (index, character) in characters.enumerated() {
            if let digit = character.wholeNumberValue, character.isASCII {
                values.append(digit)
            } else if character == "X", index == 17 {
                values.append(10)
            } else {
                throw .invalidCharacter(position: index + 1)
            }
        }
        guard Self.provinceCodes.contains(values[0] * 10 + values[1]) else { throw .unknownAddressCode }
        let birth = values[6..<14].reduce(0) { $0 * 10 + $1 }
        guard Self.isPlausibleBirthDate(birth, today: today) else { throw .invalidBirthDate }
        guard Self.checkCharacter(for: values.prefix(17)) == characters[17] else { throw .checkCharacterMismatch }
        digits = String(characters)
    }

    /// The last four characters, the only part ever shown again (e.g. `**************002X`).
    public var masked: String { String(repeating: "*", count: 14) + lastFour }

    public var lastFour: String { String(digits.suffix(4)) }

    /// ISO 7064 MOD 11-2 over the first 17 digits.
    static func checkCharacter(for body: some Collection<Int>) -> Character {
        let sum = zip(body, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return checkCharacters[sum % 11]
    }

    private static func normalised(_ typed: String) -> [Character] {
        typed.unicodeScalars.compactMap { scalar -> Character? in
            switch scalar.value {
            case 0x20, 0x3000, 0x09: nil  // spaces, ideographic space, tab
            case 0xFF10...0xFF19: Character(String(scalar.value - 0xFF10))  // ０–９
            case 0x78, 0xFF38, 0xFF58: "X"  // x, Ｘ, ｘ
            default: Character(scalar)
            }
        }
    }

    /// A real calendar date (YYYYMMDD) from 1900-01-01 up to `today` in China Standard Time.
    private static func isPlausibleBirthDate(_ value: Int, today: Date) -> Bool {
        let year = value / 10_000, month = value / 100 % 100, day = value % 100
        guard year >= 1900, (1...12).contains(month), day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard day <= lengths[month - 1] else { return false }
        return value <= todayInChina(today)
    }

    private static func todayInChina(_ now: Date) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600) ?? .gmt
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        return (parts.year ?? 0) * 10_000 + (parts.month ?? 0) * 100 + (parts.day ?? 0)
    }
}

extension ResidentIdentityNumber: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { masked }
    public var debugDescription: String { "ResidentIdentityNumber(\(masked))" }
    public var customMirror: Mirror { Mirror(self, children: ["masked": masked]) }
}
