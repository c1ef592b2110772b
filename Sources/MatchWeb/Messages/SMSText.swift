/// Fits an SMS into one message: 70 characters when any character needs UCS-2 (every
/// Chinese text), 160 when all are plain ASCII, the provider's signature included. A text
/// too long has its longest free-text value (a post's title, an office's name) shortened with
/// "…" until it fits; everything else (a code, a deadline) is kept whole.
enum SMSText {
    struct Fitted: Equatable {
        let text: String
        /// The values of the placeholders the text uses, as filled in.
        let parameters: [String: String]
    }

    static func limit(for text: String, signatureLength: Int) -> Int {
        let ascii = text.unicodeScalars.allSatisfy { $0.isASCII } && signatureLength == 0
        return (ascii ? 160 : 70) - signatureLength
    }

    /// Characters as an SMS counts them: UTF-16 code units (a character outside the basic
    /// plane takes two).
    static func length(_ text: String) -> Int {
        text.utf16.count
    }

    static func fit(template: String, arguments: [String: String], shortenable: [String], signatureLength: Int) -> Fitted {
        let used = Set(Placeholders.names(in: template))
        var values = arguments.filter { used.contains($0.key) }
        var text = Placeholders.fill(template, values)
        // "…" would make a plain-ASCII text UCS-2 and so cost it 90 characters.
        let ellipsis = limit(for: text, signatureLength: signatureLength) == 160 ? "..." : "…"
        var exhausted: Set<String> = []
        while length(text) > limit(for: text, signatureLength: signatureLength) {
            let candidates = shortenable.filter { values[$0] != nil && !exhausted.contains($0) }
            guard let longest = candidates.max(by: { values[$0, default: ""].count < values[$1, default: ""].count }),
                  let value = values[longest] else { break }
            let shortened = shorten(value, by: length(text) - limit(for: text, signatureLength: signatureLength), ellipsis: ellipsis)
            // A value down to its first character cannot give more: try the next, or send what is left.
            guard shortened.count < value.count else {
                exhausted.insert(longest)
                continue
            }
            values[longest] = shortened
            text = Placeholders.fill(template, values)
        }
        return Fitted(text: text, parameters: values)
    }

    /// `value` about `over` characters shorter, ending in `ellipsis`, never below one character of its own.
    static func shorten(_ value: String, by over: Int, ellipsis: String) -> String {
        let stem = value.hasSuffix(ellipsis) ? String(value.dropLast(ellipsis.count)) : value
        let keep = max(1, value.count - over - ellipsis.count)
        return String(stem.prefix(keep)) + ellipsis
    }
}
