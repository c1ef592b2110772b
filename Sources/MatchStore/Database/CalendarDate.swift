import Foundation

/// A calendar day, `YYYY-MM-DD`, checked at the door: a night, an edition's effective date.
///
/// Every date a person types is parsed here once, so `2026-13-45` and `2026-02-30` are refused
/// with the same words in the CLI and the API, before PostgreSQL could refuse them with its own.
/// The text form is what PostgreSQL's `date` type reads.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Nil unless `text` is exactly `YYYY-MM-DD` and names a real day of the Gregorian calendar.
    public init?(_ text: String) {
        guard let match = text.wholeMatch(of: /(\d{4})-(\d{2})-(\d{2})/),
              let year = Int(match.1), let month = Int(match.2), let day = Int(match.3),
              year >= 1, (1...12).contains(month), (1...Self.days(inMonth: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Today in China Standard Time, where every office's night is dated.
    public static func today(in timeZone: TimeZone = chinaStandardTime, now: Date = Date()) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        let text = String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
        return CalendarDate(text) ?? CalendarDate(unchecked: 1970, 1, 1)
    }

    public static let chinaStandardTime = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600)!

    /// What a person is told when a date does not parse.
    public static let expectation = "a calendar date, YYYY-MM-DD"

    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    private static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
