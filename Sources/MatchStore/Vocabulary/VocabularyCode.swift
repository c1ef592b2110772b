/// A term of the database's vocabulary: one enumeration per kind of code, its cases in the
/// canonical order, each raw value spelled as the schema's CHECK constraints spell it.
///
/// Every reader takes its codes from these types: validation and the CSV (`codes`), the
/// API and the gateway (option lists, catalogue keys `<prefix>_<code>`), the nightly
/// snapshot (the engine's types, and the bit-packed sets of `PackedCodes`). Tests check
/// each against the schema's CHECKs, the contract's enumerations and both catalogues, so a
/// code added here and forgotten elsewhere fails a test that names the place
/// (docs/architecture.md walks through adding an introduction mode).
public protocol VocabularyCode: RawRepresentable, CaseIterable, Sendable, Hashable where RawValue == String {
    /// The message-catalogue prefix: a code's label is `<prefix>_<code>` in each language.
    static var cataloguePrefix: String { get }
}

extension VocabularyCode {
    /// Every code, in canonical order.
    public static var codes: [String] { allCases.map(\.rawValue) }

    /// The catalogue key of this code's label.
    public var catalogueKey: String { "\(Self.cataloguePrefix)_\(rawValue)" }
}
