import Foundation

/// All text the gateway shows, per language, from `Resources/messages/<lang>.json`.
///
/// Templates hold no words: they read `t.<key>`. Keys use underscores because Mustache
/// reads dots as nesting. A key missing from a catalogue is a build-time mistake, caught
/// by a test that compares the catalogues, and shows as the key itself rather than crashing.
struct MessageCatalogue: Sendable {
    private let messages: [Language: [String: String]]

    init(messages: [Language: [String: String]]) {
        self.messages = messages
    }

    static func load(from directory: URL) throws -> MessageCatalogue {
        var messages: [Language: [String: String]] = [:]
        for language in Language.allCases {
            let data = try Data(contentsOf: directory.appendingPathComponent("\(language.rawValue).json"))
            messages[language] = try JSONDecoder().decode([String: String].self, from: data)
        }
        return MessageCatalogue(messages: messages)
    }

    func table(_ language: Language) -> [String: String] {
        messages[language] ?? [:]
    }

    func keys(_ language: Language) -> Set<String> {
        Set(table(language).keys)
    }

    /// The message, with `{name}` placeholders filled in.
    func text(_ key: String, _ language: Language, _ arguments: [String: String] = [:]) -> String {
        var text = messages[language]?[key] ?? key
        for (name, value) in arguments {
            text = text.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return text
    }
}
