import Foundation

/// Dates as candidates read them: China Standard Time, to the minute.
enum DateText {
    /// "2026-11-28 02:00".
    static func format(_ date: Date) -> String {
        let p = parts(date)
        return String(format: "%04d-%02d-%02d %02d:%02d", p.year ?? 0, p.month ?? 0, p.day ?? 0, p.hour ?? 0, p.minute ?? 0)
    }

    /// "11-28 02:00": the same without the year, where every character counts (an SMS).
    static func short(_ date: Date) -> String {
        let p = parts(date)
        return String(format: "%02d-%02d %02d:%02d", p.month ?? 0, p.day ?? 0, p.hour ?? 0, p.minute ?? 0)
    }

    private static func parts(_ date: Date) -> DateComponents {
        GatewayConfiguration.chinaStandardTime.dateComponents([.year, .month, .day, .hour, .minute], from: date)
    }
}
