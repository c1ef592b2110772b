import Foundation

/// The commands a document shows, read from its fenced code blocks as a reader would copy
/// them: indentation (blocks inside list items) removed, `\` continuations joined, comments
/// dropped. The test follows the docs as they change: a new line is run, or classified here.
struct DocumentedCommand: Sendable, CustomStringConvertible {
    enum Kind: Equatable, Sendable {
        /// `talentmatch …` (or `swift run -c release talentmatch …`), as a shell line.
        case talentmatch
        /// `curl …` against the running server.
        case curl
        /// Not run here, and why.
        case skipped(String)
    }

    let file: String
    let line: Int
    /// The line as a shell would run it: `swift run -c release talentmatch` is `talentmatch`.
    let text: String
    let kind: Kind

    var description: String { "\(file):\(line): \(text)" }

    /// Every line of every code block of `file` (a path relative to the package).
    static func read(_ file: String, root: String) throws -> [DocumentedCommand] {
        let lines = try String(contentsOfFile: root + "/" + file, encoding: .utf8).components(separatedBy: "\n")
        var commands: [DocumentedCommand] = []
        var block: (language: String, indent: Int, start: Int)?
        var pending = "", pendingLine = 0
        for (offset, raw) in lines.enumerated() {
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") {
                block = block == nil ? (String(trimmed.dropFirst(3)), raw.prefix { $0 == " " }.count, offset + 1) : nil
                continue
            }
            guard let open = block else { continue }
            if !["sh", "bash", "shell"].contains(open.language) {
                if open.start == offset, !open.language.isEmpty {
                    commands.append(.init(file: file, line: offset, text: "```\(open.language) block", kind: .skipped(Self.otherLanguage(open.language))))
                }
                continue
            }
            let content = String(raw.dropFirst(min(open.indent, raw.prefix { $0 == " " }.count)))
            if pending.isEmpty { pendingLine = offset + 1 }
            if content.hasSuffix("\\") {
                pending += content.dropLast() + " "
                continue
            }
            let joined = Self.withoutComment(pending + content).trimmingCharacters(in: .whitespaces)
            pending = ""
            guard !joined.isEmpty else { continue }
            commands.append(.init(file: file, line: pendingLine, text: Self.local(joined), kind: Self.kind(of: Self.local(joined))))
        }
        return commands
    }

    /// `swift run -c release talentmatch` runs the same binary as `talentmatch` here.
    private static func local(_ line: String) -> String {
        line.replacingOccurrences(of: "swift run -c release talentmatch", with: "talentmatch")
    }

    /// The text before a `#` that starts a comment (outside quotes).
    private static func withoutComment(_ line: String) -> String {
        var quote: Character?
        var previous: Character = " "
        for (index, character) in zip(line.indices, line) {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "#", previous == " " || index == line.startIndex {
                return String(line[..<index])
            }
            previous = character
        }
        return line
    }

    private static func kind(of line: String) -> Kind {
        if line.hasPrefix("talentmatch ") { return .talentmatch }
        if line.hasPrefix("curl ") { return .curl }
        let word = String(line.prefix { !$0.isWhitespace })
        if line.hasPrefix("swift test") { return .skipped("runs this very test suite") }
        if line.hasPrefix("swift build") {
            return .skipped("a release build of this package (about 20 minutes on two cores); these tests run the debug build of the same sources")
        }
        if line.contains("$DEST") || line.contains("$PG_BACKUP_URL") {
            return .skipped("the backup host's dump script: needs root for /backup and a production database URL")
        }
        if ["systemctl", "journalctl", "useradd", "install", "apt-get", "rm", "cp", "mv", "alias"].contains(word) {
            return .skipped("needs root and systemd on the target host (installs files under /usr and /etc, manages units)")
        }
        if ["kubectl", "podman", "cd"].contains(word) {
            return .skipped("needs a Kubernetes cluster or a container engine (root), which this machine does not have")
        }
        if ["#!/bin/sh", "set", "pg_dump", "find"].contains(word) || word.hasPrefix("DEST=") || word.hasPrefix("STAMP=") {
            return .skipped("the backup host's dump script: needs root for /backup and a production database URL")
        }
        if word == "pg_restore" {
            return .skipped("restores into another server (db.example.internal) as its superuser; rehearsed by hand, see the runbook's last section")
        }
        return .skipped("UNCLASSIFIED")
    }

    private static func otherLanguage(_ language: String) -> String {
        switch language {
        case "sql": "SQL for psql, as a superuser (roles, databases) or the owner; not a talentmatch command"
        case "csv": "a file's contents, not a command"
        default: "a \(language) block, not a command"
        }
    }
}
