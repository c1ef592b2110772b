/// A candidate's contact: an e-mail address or a mainland mobile number, normalised so that
/// the same person cannot register twice by changing case or spacing.
enum ContactAddress {
    static func normalise(_ text: String) -> String? {
        let compact = text.filter { !$0.isWhitespace && $0 != "-" }
        if compact.wholeMatch(of: /(\+?86)?1[3-9][0-9]{9}/) != nil {
            return String(compact.suffix(11))
        }
        let lower = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard lower.count <= 254, lower.wholeMatch(of: /[^@\s]+@[^@\s]+\.[^@\s]+/) != nil else { return nil }
        return lower
    }
}
