/// One page of a listing ordered by a unique, ever-increasing key (the row id), and the
/// cursor for the next page: nil on the last page.
///
/// Keyset paging, never OFFSET: a page costs the same however deep it is, and rows inserted
/// while someone pages through get higher ids, so they never shift or repeat earlier rows.
public struct KeysetPage<Item: Sendable>: Sendable {
    public let items: [Item]
    public let nextCursor: String?

    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }

    /// The limits every listing accepts; callers outside it are clamped to it.
    public static var limitRange: ClosedRange<Int> { 1...1000 }

    /// Builds a page from up to `limit + 1` rows fetched after the cursor: the extra row
    /// only says that another page exists.
    static func from(rows: [Item], limit: Int, key: (Item) -> Int64) -> KeysetPage {
        guard rows.count > limit else { return KeysetPage(items: rows, nextCursor: nil) }
        let items = Array(rows.prefix(limit))
        return KeysetPage(items: items, nextCursor: items.last.map { KeysetCursor(after: key($0)).token })
    }
}
