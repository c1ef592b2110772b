import Foundation

/// A real SMTP server on loopback for the tests: Debian's python3-aiosmtpd, run by
/// `Tests/mail/smtp-server.py`, writing every message it accepts to a folder as received.
/// `.ci/run` installs the package; the README names it.
public final class SMTPTestServer: @unchecked Sendable {
    public let port: Int
    public let folder: URL
    private let process = Process()

    /// The repository's `Tests/mail/smtp-server.py`.
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("mail/smtp-server.py").path

    /// Starts the server on `port` (a free one by default) and waits until it listens.
    /// - Parameters:
    ///   - delay: seconds it waits before accepting each message (a slow relay).
    ///   - refusing: recipients starting with this are refused for good (550).
    public init(port: Int? = nil, folder: URL? = nil, delay: Double = 0, refusing: String = "") async throws {
        self.port = try port ?? Self.freePort()
        self.folder = folder ?? FileManager.default.temporaryDirectory.appendingPathComponent("smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: self.folder, withIntermediateDirectories: true)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [Self.script, String(self.port), self.folder.path, "--delay", String(delay)]
            + (refusing.isEmpty ? [] : ["--refuse-rcpt", refusing])
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<200 {
            if Self.listening(self.port) { return }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw SMTPTestServerError("the SMTP server did not start on port \(self.port) (is python3-aiosmtpd installed?)")
    }

    /// Stops the server; the messages stay in the folder.
    public func stop() async {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        for _ in 0..<100 where process.isRunning { try? await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// Every message received so far, oldest first, as the raw text the server got.
    public func messages() throws -> [ReceivedMail] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".eml") && !$0.hasPrefix(".") }
        return try names.sorted().map { ReceivedMail(raw: try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)) }
    }

    /// A port nothing listens on now.
    public static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(descriptor, pointer, length) == 0 && getsockname(descriptor, pointer, &length) == 0
            }
        }
        guard bound else { throw SMTPTestServerError("no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    public static func listening(_ port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}

/// One message as the SMTP server received it, with its headers unfolded and its base64
/// body decoded, for the tests to read.
public struct ReceivedMail: Sendable {
    public let raw: String

    public init(raw: String) {
        self.raw = raw
    }

    private var parts: (headers: String, body: String) {
        let normalised = raw.replacingOccurrences(of: "\r\n", with: "\n")
        guard let split = normalised.range(of: "\n\n") else { return (normalised, "") }
        return (String(normalised[..<split.lowerBound]), String(normalised[split.upperBound...]))
    }

    /// A header's value as written (folded lines joined).
    public func header(_ name: String) -> String? {
        let unfolded = parts.headers.replacingOccurrences(of: "\n ", with: " ")
        for line in unfolded.split(separator: "\n") where line.lowercased().hasPrefix(name.lowercased() + ":") {
            return String(line.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    /// A header's text with RFC 2047 encoded-words decoded.
    public func decodedHeader(_ name: String) -> String? {
        guard let value = header(name) else { return nil }
        guard value.contains("=?") else { return value }
        var bytes: [UInt8] = []
        for match in value.matches(of: /=\?UTF-8\?B\?([A-Za-z0-9+\/=]*)\?=/.ignoresCase()) {
            bytes += Data(base64Encoded: String(match.1)).map(Array.init) ?? []
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The body, base64 decoded when the message says so.
    public var text: String {
        let body = parts.body
        guard header("Content-Transfer-Encoding")?.lowercased() == "base64" else { return body }
        let joined = body.split(whereSeparator: \.isWhitespace).joined()
        return Data(base64Encoded: joined).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}

public struct SMTPTestServerError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
