import Foundation

/// The facts a message carries that its subject does not hold (a code, a link's token, an
/// inviter's name), as the JSON object stored in `outbox_messages.payload`.
enum OutboxPayload {
    static func json(_ facts: [String: String]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: facts, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func decode(_ text: String) -> [String: String] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String]) ?? [:]
    }
}
