/// A SQL file split into the statements it holds, each with the line it starts on.
///
/// PostgresNIO speaks only the extended protocol, which takes one statement at a time, so a
/// migration file is split here. The splitter knows what can hide a semicolon: quoted
/// strings (`'…'`, `E'…'`), quoted identifiers, `--` and nested `/* */` comments, and
/// dollar-quoted bodies (`$$…$$`, `$tag$…$tag$`).
public struct SQLScript: Sendable, Equatable {
    public struct Statement: Sendable, Equatable {
        public let sql: String
        /// The 1-based line of the file on which `sql` begins.
        public let line: Int

        /// The file line holding 1-based character `position` of this statement.
        public func fileLine(atCharacter position: Int) -> Int {
            line + sql.prefix(max(position - 1, 0)).reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
        }
    }

    public let statements: [Statement]

    public init(_ text: String) {
        var splitter = Splitter(Array(text))
        statements = splitter.split()
    }
}

private struct Splitter {
    let characters: [Character]
    var index = 0
    var line = 1

    init(_ characters: [Character]) {
        self.characters = characters
    }

    mutating func split() -> [SQLScript.Statement] {
        var statements: [SQLScript.Statement] = []
        var start = 0, startLine = 1
        while index < characters.count {
            let character = characters[index]
            if character == ";" {
                append(from: start, line: startLine, to: &statements)
                index += 1
                start = index; startLine = line
            } else {
                skipToken()
            }
        }
        append(from: start, line: startLine, to: &statements)
        return statements
    }

    /// Adds the statement, trimmed of leading blank lines (keeping its line right) and comments-only text.
    private func append(from start: Int, line: Int, to statements: inout [SQLScript.Statement]) {
        var first = start, firstLine = line
        while first < index, characters[first].isWhitespace {
            if characters[first] == "\n" { firstLine += 1 }
            first += 1
        }
        let sql = String(characters[first..<index]).trimmingTrailingWhitespace
        guard !Self.isOnlyComments(sql) else { return }
        statements.append(.init(sql: sql, line: firstLine))
    }

    private mutating func skipToken() {
        let character = characters[index]
        switch character {
        case "'", "\"": skipQuoted(character)
        case "-" where peek(1) == "-": skipLineComment()
        case "/" where peek(1) == "*": skipBlockComment()
        case "$": skipDollarQuoted()
        default: advance()
        }
    }

    private func peek(_ offset: Int) -> Character? {
        index + offset < characters.count ? characters[index + offset] : nil
    }

    private mutating func advance() {
        if characters[index] == "\n" { line += 1 }
        index += 1
    }

    private mutating func skipQuoted(_ quote: Character) {
        // E'…' strings allow backslash escapes; doubling the quote escapes it everywhere.
        let backslashEscapes = quote == "'" && index > 0 && (characters[index - 1] == "E" || characters[index - 1] == "e")
        advance()
        while index < characters.count {
            if backslashEscapes, characters[index] == "\\" { advance(); if index < characters.count { advance() }; continue }
            if characters[index] == quote {
                advance()
                guard index < characters.count, characters[index] == quote else { return }
            }
            advance()
        }
    }

    private mutating func skipLineComment() {
        while index < characters.count, characters[index] != "\n" { advance() }
    }

    private mutating func skipBlockComment() {
        var depth = 0
        while index < characters.count {
            if characters[index] == "/", peek(1) == "*" { depth += 1; advance(); advance(); continue }
            if characters[index] == "*", peek(1) == "/" {
                depth -= 1; advance(); advance()
                if depth == 0 { return }
                continue
            }
            advance()
        }
    }

    private mutating func skipDollarQuoted() {
        // A tag is $$ or $name$ where name is an identifier; anything else ($1) is a plain character.
        var end = index + 1
        while end < characters.count, characters[end].isLetter || characters[end] == "_" || (end > index + 1 && characters[end].isNumber) {
            end += 1
        }
        guard end < characters.count, characters[end] == "$" else { advance(); return }
        let tag = Array(characters[index...end])
        while index <= end { advance() }
        while index < characters.count {
            if characters[index] == "$", index + tag.count <= characters.count, Array(characters[index..<index + tag.count]) == tag {
                for _ in tag { advance() }
                return
            }
            advance()
        }
    }

    private static func isOnlyComments(_ sql: String) -> Bool {
        sql.split(separator: "\n").allSatisfy { line in
            let trimmed = line.drop(while: \.isWhitespace)
            return trimmed.isEmpty || trimmed.hasPrefix("--")
        }
    }
}

extension String {
    fileprivate var trimmingTrailingWhitespace: String {
        var end = endIndex
        while end > startIndex, self[index(before: end)].isWhitespace { end = index(before: end) }
        return String(self[..<end])
    }
}
