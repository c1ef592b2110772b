import MatchStore

/// Cursor and page-size parameters of the listings, read the same way everywhere: the
/// cursor is MatchStore's opaque `KeysetCursor` (the last id of the previous page, so a page
/// is an index range scan, never an offset scan).
enum PageCursor {
    static func encode(lastID: Int64) -> String {
        KeysetCursor(after: lastID).token
    }

    /// The id the previous page ended at, or nil for the first page.
    static func decode(_ text: String?) throws -> Int64? {
        guard let text else { return nil }
        guard let cursor = KeysetCursor(token: text), cursor.after > 0 else {
            throw Problem.invalid("/query/cursor", "not a cursor this API issued; pass the `next` value of a page")
        }
        return cursor.after
    }

    static func limit(_ value: Int?) throws -> Int {
        let limit = value ?? 50
        guard (1...500).contains(limit) else { throw Problem.invalid("/query/limit", "must be 1 to 500, got \(limit)") }
        return limit
    }
}
