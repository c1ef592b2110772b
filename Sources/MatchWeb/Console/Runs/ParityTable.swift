import MatchStore

/// A night's parity report as the page shows it and the CSV carries it, with the same
/// suppression (ADR 0054), so that nobody can be singled out:
///
/// - a count of one to four people is shown as "<5" (zero is shown: it describes nobody);
/// - a rate or a mean is shown only when every count it is worked out from is shown, and a
///   mean choice only over five placed people or more (a mean times its count is a whole
///   number, so beside a hidden count it would narrow the count down);
/// - the household types add up to the office's applicants and placements, which its run
///   page shows, so where only one household cell of a column is under five, the next
///   smallest is hidden as well ("hidden"), or the total would give the small one away.
///   Regions overlap (a candidate ranks posts in several), so their applicants add up to
///   nothing published; their placements are each region's fill, published anyway.
struct ParityTable {
    struct Row: Equatable {
        let label: String
        let code: String
        let applicants: String
        let placed: String
        let rate: String
        let meanChoice: String
    }

    static let threshold = 5

    /// The words a suppressed, hidden and undefined cell show.
    struct Words {
        let suppressed: String
        let hidden: String
        let none: String
    }

    let household: [Row]
    let regions: [Row]

    init(_ report: RunParityReader.Report, words: Words, householdLabel: (String) -> String) {
        household = Self.rows(report.household.map { ($0, householdLabel($0.key), "") }, words: words, complementary: true)
        regions = Self.rows(report.regions.map { ($0.cell, $0.name.isEmpty ? $0.cell.key : $0.name, $0.cell.key) }, words: words,
                            complementary: false)
    }

    private enum Shown { case shown, suppressed, hidden }

    private static func rows(_ cells: [(ParityCell, String, String)], words: Words, complementary: Bool) -> [Row] {
        let applicants = shown(cells.map { $0.0.applicants }, complementary: complementary)
        let placed = shown(cells.map { $0.0.placed }, complementary: complementary)
        return cells.enumerated().map { index, entry in
            let (cell, label, code) = entry
            func text(_ value: Int, _ state: Shown) -> String {
                switch state {
                case .shown: String(value)
                case .suppressed: words.suppressed
                case .hidden: words.hidden
                }
            }
            let states = [applicants[index], placed[index]]
            let rate = cell.applicants == 0 ? words.none
                : states.contains(.suppressed) ? words.suppressed
                : states.contains(.hidden) ? words.hidden : percent(Double(cell.placed) / Double(cell.applicants))
            // A mean beside a hidden count would give the count away (mean × count is a whole number).
            let mean = cell.placed == 0 ? words.none
                : cell.placed < threshold ? words.suppressed
                : placed[index] == .hidden ? words.hidden : decimal(Double(cell.choiceSum) / Double(cell.placed))
            return Row(label: label, code: code, applicants: text(cell.applicants, applicants[index]),
                       placed: text(cell.placed, placed[index]), rate: rate, meanChoice: mean)
        }
    }

    /// Which cells of a column are shown: under five (but not zero) is suppressed; with
    /// `complementary`, a lone suppressed cell takes the smallest other non-zero cell with it.
    private static func shown(_ values: [Int], complementary: Bool) -> [Shown] {
        var states = values.map { (1..<threshold).contains($0) ? Shown.suppressed : .shown }
        if complementary, states.filter({ $0 == .suppressed }).count == 1,
           let partner = values.indices.filter({ states[$0] == .shown && values[$0] > 0 }).min(by: { values[$0] < values[$1] }) {
            states[partner] = .hidden
        }
        return states
    }

    /// `83.3%`: one decimal, the same in both languages.
    static func percent(_ share: Double) -> String {
        let tenths = Int((share * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// `1.40`: two decimals.
    static func decimal(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// The CSV for Excel: a byte-order mark, a header row in the reader's language, every
    /// cell as the page shows it (so suppressed there is suppressed here).
    func csv(header: [String], householdName: String, regionName: String) -> String {
        var lines = [header.map(Self.quoted).joined(separator: ",")]
        for (table, rows) in [(householdName, household), (regionName, regions)] {
            for row in rows {
                lines.append([table, row.label, row.code, row.applicants, row.placed, row.rate, row.meanChoice].map(Self.quoted).joined(separator: ","))
            }
        }
        return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Every cell quoted, and a leading `=`, `+`, `-` or `@` defused, so Excel runs no formula.
    static func quoted(_ text: String) -> String {
        let safe = text.first.map { "=+-@".contains($0) } == true ? "'" + text : text
        return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
