import Dispatch
import Foundation

/// A QR code as an SVG image, drawn by the `qrencode` tool (Debian's package of the same name,
/// installed by .ci/run and named in the README), for the authenticator's enrolment link.
/// The page shows it as a `data:` image, which the Content-Security-Policy allows, beside the
/// key in text for anyone who cannot scan.
enum QRCodeImage {
    /// Where qrencode is looked for: TALENTMATCH_QRENCODE, else the PATH's directories.
    static func executable(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let path = environment["TALENTMATCH_QRENCODE"], FileManager.default.isExecutableFile(atPath: path) { return path }
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return folders.map { "\($0)/qrencode" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The SVG as a `data:` URL, or nil when qrencode is missing or fails (the page then
    /// shows the key alone, which every authenticator app accepts typed in).
    static func dataURL(for text: String) async -> String? {
        guard let executable = executable() else { return nil }
        return await withCheckedContinuation { continuation in
            // qrencode is a short child process; it runs on a Dispatch thread, not an event loop.
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(returning: run(executable, text).map { "data:image/svg+xml;base64," + $0.base64EncodedString() })
            }
        }
    }

    private static func run(_ executable: String, _ text: String) -> Data? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-t", "SVG", "--svg-path", "-l", "M", "-m", "2", "-s", "6", "-o", "-", text]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 && !data.isEmpty ? data : nil
    }
}
