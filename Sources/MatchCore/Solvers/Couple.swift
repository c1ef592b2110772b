/// Two candidates who apply together (家属随调) with one joint ranking of vacancy pairs.
///
/// A member is left out of a pair only where the pair says so (`none`), so the couple never
/// ends up split in a way it did not list.
public struct Couple: Sendable, Equatable {
    /// Dense candidate indices of the two members; they differ.
    public var first: Int32
    public var second: Int32
    /// Joint ranking, best first.
    public var choices: [CouplePair]

    public init(first: Int32, second: Int32, choices: [CouplePair]) {
        precondition(first != second, "a couple has two different members")
        self.first = first
        self.second = second
        self.choices = choices
    }
}

/// One entry of a couple's ranking: where each member goes, `CouplePair.none` meaning
/// that member stays unplaced.
public struct CouplePair: Sendable, Equatable {
    public static let none: Int32 = -1
    public var first: Int32
    public var second: Int32

    public init(first: Int32, second: Int32) {
        precondition(first >= 0 || second >= 0, "a couple's pair places at least one member")
        self.first = first
        self.second = second
    }
}
