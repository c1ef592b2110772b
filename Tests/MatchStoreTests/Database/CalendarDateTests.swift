import Foundation
import MatchStore
import Testing

@Suite("Calendar dates at the door")
struct CalendarDateTests {
    @Test("real days parse and print back the same", arguments: ["2026-11-21", "2024-02-29", "2000-02-29", "1999-12-31"])
    func realDays(_ text: String) {
        #expect(CalendarDate(text)?.description == text)
    }

    @Test("impossible or malformed days are refused", arguments: [
        "2026-13-45", "2026-02-30", "2025-02-29", "1900-02-29", "2026-04-31", "2026-00-10", "2026-1-5", " 2026-11-21", "20261121", "",
    ])
    func refused(_ text: String) {
        #expect(CalendarDate(text) == nil)
    }

    @Test("today is dated in China Standard Time")
    func todayInChina() throws {
        // 2026-11-21 17:30 UTC is already 2026-11-22 01:30 in Beijing.
        let instant = try #require(ISO8601DateFormatter().date(from: "2026-11-21T17:30:00Z"))
        #expect(CalendarDate.today(now: instant).description == "2026-11-22")
        #expect(CalendarDate("2026-11-21")! < CalendarDate("2026-11-22")!)
    }
}
