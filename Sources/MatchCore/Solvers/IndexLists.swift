/// Many short lists of dense indices stored back to back (compressed sparse rows).
///
/// One allocation for millions of rankings instead of millions of arrays: this is what keeps
/// a 1M-candidate instance within memory and cache budgets. List `i` is
/// `items[starts[i] ..< starts[i + 1]]`.
public struct IndexLists: Sendable, Equatable {
    /// `count + 1` offsets into `items`, non-decreasing, starting at 0.
    public private(set) var starts: [Int32]
    public private(set) var items: [Int32]

    public init() {
        starts = [0]
        items = []
    }

    /// Builds from already flattened storage.
    /// - Precondition: `starts` is non-empty, starts at 0, never decreases and ends at `items.count`.
    public init(starts: [Int32], items: [Int32]) {
        precondition(starts.first == 0 && Int(starts.last ?? -1) == items.count, "malformed list offsets")
        self.starts = starts
        self.items = items
    }

    /// Builds from nested arrays (convenient for small instances and tests).
    public init(_ lists: [[Int32]]) {
        var starts: [Int32] = [0]
        starts.reserveCapacity(lists.count + 1)
        var items: [Int32] = []
        for list in lists {
            items.append(contentsOf: list)
            starts.append(Int32(items.count))
        }
        self.starts = starts
        self.items = items
    }

    public var count: Int { starts.count - 1 }

    public func range(of list: Int) -> Range<Int> {
        Int(starts[list])..<Int(starts[list + 1])
    }

    public subscript(list: Int) -> ArraySlice<Int32> {
        items[range(of: list)]
    }

    /// Appends one list at the end.
    public mutating func append(contentsOf list: some Sequence<Int32>) {
        items.append(contentsOf: list)
        starts.append(Int32(items.count))
    }

    public mutating func reserveCapacity(lists: Int, items itemCount: Int) {
        starts.reserveCapacity(lists + 1)
        items.reserveCapacity(itemCount)
    }
}
