/// Which published edition a reference table came from, and where it was published.
public struct ReferenceEdition: Sendable, Equatable {
    public enum Dataset: String, Sendable {
        case regions, specialties, designations, boundaries
    }

    public let dataset: Dataset
    public let edition: String
    public let source: String
    /// The date the edition took effect (`YYYY-MM-DD`): new region codes are valid from it,
    /// and codes missing from it are retired on it.
    public let effectiveDate: String

    /// What the schema and the contract allow an edition's name and source to be, in characters.
    public static let editionLengths = 1...100
    public static let sourceLengths = 1...500

    public init(dataset: Dataset, edition: String, source: String, effectiveDate: String) {
        self.dataset = dataset
        self.edition = edition
        self.source = source
        self.effectiveDate = effectiveDate
    }
}

/// The kinds of list that designate regions as underserved.
public enum DesignationKind: String, Sendable, CaseIterable {
    case keyAssistanceCounty = "key_assistance_county"
    case hardshipArea = "hardship_area"
    case westernDevelopment = "western_development"

    /// Only hardship lists grade regions (categories 1 to 6).
    public var hasCategory: Bool { self == .hardshipArea }
}

/// A designation list as an office loads it: the kind, the edition and whether it is complete.
public struct DesignationList: Sendable, Equatable {
    public let kind: DesignationKind
    public let title: String
    /// A partial list leaves absent regions *unknown*, not *not designated*.
    public let complete: Bool
    public let edition: ReferenceEdition

    public init(kind: DesignationKind, title: String, complete: Bool, edition: ReferenceEdition) {
        self.kind = kind
        self.title = title
        self.complete = complete
        self.edition = edition
    }
}
