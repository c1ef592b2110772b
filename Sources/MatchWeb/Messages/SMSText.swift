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
        while length(text) > limit(for: text, signatureLength: signatureLength) {
            let candidates = shortenable.filter { (values[$0]?.count ?? 0) > 1 }
            guard let longest = candidates.max(by: { (values[$0]?.count ?? 0) < (values[$1]?.count ?? 0) }),
                  let value = values[longest] else { break }
            let over = length(text) - limit(for: text, signatureLength: signatureLength)
            let keep = max(1, value.count - over - (value.hasSuffix("…") ? 0 : 1))
            values[longest] = String(value.prefix(keep)).replacing(/…$/, with: "") + "…"
            text = Placeholders.fill(template, values)
        }
        return Fitted(text: text, parameters: values)
    }
}
