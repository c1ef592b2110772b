import Foundation

/// A `talentmatch` that keeps running (`serve`, `demo` while it serves): started, watched until
/// it prints a line, then stopped with a signal as a person would with Ctrl-C.
final class BackgroundCommand: @unchecked Sendable {
    let process = Process()
    private let output = Mutexed<String>()

    init(_ arguments: [String], environment: [String: String], in folder: String? = nil, executable: URL = CommandLine.executable) throws {
        process.executableURL = executable
        process.arguments = arguments
        process.environment = CommandLine.environment(environment)
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        pipe.fileHandleForReading.readabilityHandler = { [output] handle in
            let data = handle.availableData
            guard !data.isEmpty else { handle.readabilityHandler = nil; return }
            output.update { $0 = ($0 ?? "") + String(decoding: data, as: UTF8.self) }
        }
        try process.run()
    }

    /// Everything printed so far, standard output and error interleaved.
    var printed: String { output.current() ?? "" }

    /// Waits up to `seconds` for `text` to appear; false if the process ended or time ran out.
    func waitFor(_ text: String, seconds: Double = 120) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if printed.contains(text) { return true }
            if !process.isRunning { return printed.contains(text) }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    /// Sends `signal` and waits up to 30 s; the exit status, or nil if it did not stop.
    func stop(_ signal: Int32 = SIGINT) async throws -> Int32? {
        if process.isRunning { kill(process.processIdentifier, signal) }
        for _ in 0..<300 where process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        guard !process.isRunning else {
            kill(process.processIdentifier, SIGKILL)
            return nil
        }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}
