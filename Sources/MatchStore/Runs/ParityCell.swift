/// One line of a night's parity report for one office (ADR 0054): of the candidates who ranked
/// the office's posts, those of one household type or those who ranked its posts in one
/// region, how many were placed on its posts and the sum of the choices they received.
/// Counts only; the console suppresses those under five when it shows them.
public struct ParityCell: Sendable, Equatable {
    public enum Dimension: String, Sendable {
        case household
        case region
    }

    /// Where a candidate's household registration lies against the office's region.
    public enum Household: String, Sendable, CaseIterable {
        /// Inside the office's region.
        case local
        /// Outside it, in the same province.
        case province
        /// In another province.
        case other
        /// None held (no consent to sensitive data, or not given).
        case unknown
    }

    public let dimension: Dimension
    /// A `Household` raw value, or a region code.
    public let key: String
    public let applicants: Int
    public let placed: Int
    /// The sum of the whole-list ranks the placed candidates received (1 = first choice).
    public let choiceSum: Int

    public init(dimension: Dimension, key: String, applicants: Int, placed: Int, choiceSum: Int) {
        self.dimension = dimension
        self.key = key
        self.applicants = applicants
        self.placed = placed
        self.choiceSum = choiceSum
    }
}
