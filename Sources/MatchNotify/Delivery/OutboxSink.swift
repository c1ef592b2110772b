import Foundation
import MatchStore
import MatchWeb

/// Instead of sending, writes each message to a file a person can read: what `demo` and
/// local development use (`.talentmatch/outbox/`), so that a new user sees what would have
/// gone out. One file per message, named by its outbox id, kind and channel.
public struct OutboxSink: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    public func write(_ message: OutboxMessage, _ words: ComposedMessage) -> DeliveryResult {
        let name = String(format: "%08lld-%@-%@.txt", message.id, message.kind.rawValue, message.channel.rawValue)
        let file = directory.appendingPathComponent(name)
        let text: String = switch message.channel {
        case .email:
            "To: \(message.address ?? "")\nSubject: \(words.subject)\nLanguage: \(words.language)\nChannel: e-mail\n\n\(words.body)"
        case .sms:
            "To: \(message.address ?? "")\nLanguage: \(words.language)\nChannel: SMS (\(words.sms.utf16.count) characters)\n\n\(words.sms)\n"
        }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file, options: .atomic)
            return .sent(detail: "written to \(file.path)")
        } catch {
            return .retry(reason: "cannot write \(file.path): \(error)")
        }
    }
}
