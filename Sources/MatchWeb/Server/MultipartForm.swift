import Foundation

/// The fields of a `multipart/form-data` body (RFC 7578), for the console's file uploads: each
/// part's name and its content as UTF-8 text (a CSV file is a field like any other, checked by
/// the same rule). Only the console takes multipart bodies (`RequestInputMiddleware`).
enum MultipartForm {
    /// The boundary of a `multipart/form-data` content type, or nil for any other type.
    static func boundary(_ contentType: String) -> String? {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first?.lowercased() == "multipart/form-data" else { return nil }
        for part in parts.dropFirst() where part.lowercased().hasPrefix("boundary=") {
            let value = part.dropFirst("boundary=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            return (1...70).contains(value.count) ? value : nil
        }
        return nil
    }

    /// Each part's name and content, in order; nil when the body is not well-formed.
    static func fields(_ body: String, boundary: String) -> [(String, String)]? {
        let delimiter = "--" + boundary
        var pieces = body.components(separatedBy: delimiter)
        guard pieces.count >= 3, pieces.last?.hasPrefix("--") == true else { return nil }
        pieces.removeFirst()
        pieces.removeLast()
        var fields: [(String, String)] = []
        for piece in pieces {
            // (Ranges, not offsets: Swift counts "\r\n" as one character.)
            guard let start = piece.range(of: "\r\n"), start.lowerBound == piece.startIndex,
                  let split = piece.range(of: "\r\n\r\n"), split.lowerBound >= start.upperBound else { return nil }
            let headers = piece[start.upperBound..<split.lowerBound]
            guard let name = headers.firstMatch(of: /(?i)content-disposition:\s*form-data;[^\r\n]*?\bname="([^"]*)"/)?.1 else { return nil }
            var content = String(piece[split.upperBound...])
            guard content.hasSuffix("\r\n") else { return nil }
            content.removeLast()
            fields.append((String(name), content))
        }
        return fields
    }
}
