import Foundation

/// RFC 2047 encoded-words for header text that is not plain ASCII: `=?UTF-8?B?…?=`, each
/// word at most 75 characters and holding whole characters only, words folded onto
/// continuation lines so that no header line passes 78 characters.
enum EncodedWords {
    /// Bytes of UTF-8 per word: 45 bytes are 60 base64 characters, 72 with the delimiters.
    static let bytesPerWord = 45

    static func encode(_ text: String, headerName: String) -> String {
        let isPlain = text.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 32 && $0.value < 127 }
        if isPlain, !text.contains("=?"), headerName.count + 2 + text.count <= 78 { return text }
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > bytesPerWord {
                words.append(word(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(word(chunk)) }
        return words.joined(separator: "\r\n ")
    }

    private static func word(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?" + Data(bytes).base64EncodedString() + "?="
    }

    /// The text of a header made of encoded-words (for tests and the sink's own check).
    static func decode(_ header: String) -> String {
        let unfolded = header.replacingOccurrences(of: "\r\n ", with: " ")
        guard unfolded.contains("=?") else { return unfolded }
        var bytes: [UInt8] = []
        for match in unfolded.matches(of: /=\?UTF-8\?B\?([A-Za-z0-9+\/=]*)\?=/.ignoresCase()) {
            bytes += Data(base64Encoded: String(match.1)).map(Array.init) ?? []
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
