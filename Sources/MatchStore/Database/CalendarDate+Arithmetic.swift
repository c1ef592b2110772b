import Foundation

extension CalendarDate {
    /// The day `days` later (earlier when negative), by the Gregorian calendar.
    public func adding(days: Int) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? .current
        let start = calendar.date(from: DateComponents(year: year, month: month, day: day)) ?? Date()
        let moved = calendar.date(byAdding: .day, value: days, to: start) ?? start
        let parts = calendar.dateComponents([.year, .month, .day], from: moved)
        return CalendarDate(String(format: "%04d-%02d-%02d", parts.year ?? year, parts.month ?? month, parts.day ?? day)) ?? self
    }
}
