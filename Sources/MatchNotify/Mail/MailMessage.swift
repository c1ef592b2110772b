import Foundation

/// One e-mail as RFC 5322 text with MIME: a UTF-8 subject as RFC 2047 encoded-words, a
/// UTF-8 plain-text body in base64, CRLF line ends, what a relay expects on a sendmail
/// interface's standard input.
///
/// The Message-ID is derived from the outbox message, so that when a crash makes the worker
/// send a message twice (at least once), a receiving system can recognise the repeat.
public struct MailMessage: Sendable, Equatable {
    public let from: MailAddress
    public let to: String
    public let subject: String
    public let body: String
    public let language: String
    public let messageID: String
    public let date: Date

    public init(from: MailAddress, to: String, subject: String, body: String, language: String, messageID: String, date: Date = Date()) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.language = language
        self.messageID = messageID
        self.date = date
    }

    /// The message as the relay receives it.
    public var rendered: String {
        let headers = [
            "From: " + from.header,
            "To: " + to,
            "Subject: " + EncodedWords.encode(subject, headerName: "Subject"),
            "Date: " + Self.rfc5322Date(date),
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
            "Content-Language: " + language,
            // RFC 3834: an automatic message; vacation responders stay quiet.
            "Auto-Submitted: auto-generated",
        ]
        let normalised = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        let encoded = Data(normalised.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + encoded + "\r\n"
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }
}

/// A sender as "Display Name <address>": the name may be Chinese, the address is ASCII.
public struct MailAddress: Sendable, Equatable {
    public let name: String
    public let address: String

    public init(name: String, address: String) {
        self.name = name
        self.address = address
    }

    /// Reads `Name <address>` or a bare address; nil when there is no usable address.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let open = trimmed.lastIndex(of: "<"), trimmed.hasSuffix(">") {
            let address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            let name = trimmed[..<open].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            guard Self.isAddress(address) else { return nil }
            self.init(name: name, address: address)
        } else {
            guard Self.isAddress(trimmed) else { return nil }
            self.init(name: "", address: trimmed)
        }
    }

    var header: String {
        guard !name.isEmpty else { return address }
        let printable = name.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 32 && !"\"\\<>,;:@".unicodeScalars.contains($0) }
        return (printable ? name : EncodedWords.encode(name, headerName: "From")) + " <\(address)>"
    }

    static func isAddress(_ text: String) -> Bool {
        text.wholeMatch(of: /[^@\s<>]+@[^@\s<>]+/) != nil && text.unicodeScalars.allSatisfy(\.isASCII)
    }
}
