/// A set of codes as a bitmask, bit *i* for the *i*-th case in canonical order: how the
/// nightly snapshot reads a text[] of codes per candidate as one integer (decoding a text
/// array per row cost more than the rest of the row at a million candidates).
///
/// The SQL that packs and the table that unpacks both come from `Code.allCases`, so the bit
/// order is defined once and cannot drift between them.
public enum PackedCodes<Code: VocabularyCode> {
    /// How many bits a packed set takes.
    public static var width: Int { Code.allCases.count }

    /// SQL turning the text[] column `column` into the bitmask.
    static func sql(_ column: String) -> String {
        Code.allCases.enumerated().map { "(CASE WHEN '\($0.element.rawValue)' = ANY(\(column)) THEN \(1 << $0.offset) ELSE 0 END)" }
            .joined(separator: " + ")
    }

    /// Every subset, indexed by its bitmask.
    static var subsets: [Set<Code>] {
        let all = Array(Code.allCases)
        return (0..<(1 << all.count)).map { mask in
            Set(all.enumerated().filter { mask & (1 << $0.offset) != 0 }.map(\.element))
        }
    }
}
