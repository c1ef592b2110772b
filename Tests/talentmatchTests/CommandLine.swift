import Foundation

/// Runs the built `talentmatch` executable as a user would, capturing what it prints.
///
/// The executable sits beside the test bundle in the build folder, so tests exercise the
/// real argument parsing, exit codes and output, not a function called in-process.
struct CommandLine {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String

        /// The lines printed on standard error, without empty ones.
        var errorLines: [Substring] { stderr.split(separator: "\n") }
    }

    static var executable: URL {
        let testBinary = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
        var folder = URL(fileURLWithPath: testBinary).deletingLastPathComponent()
        // On Linux the test runner may live inside TalentMatchPackageTests.xctest/ or beside it.
        while !FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("talentmatch").path), folder.path != "/" {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("talentmatch")
    }

    static func run(_ arguments: [String], environment extra: [String: String] = [:], in folder: String? = nil) throws -> Result {
        try run(executable: executable, arguments, environment: extra, in: folder)
    }

    /// Runs any program (a shell for the documented `curl` lines) with the same capture.
    static func run(executable: URL, _ arguments: [String], environment extra: [String: String] = [:], in folder: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment(extra)
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let errData = Mutexed<Data>()
        let reader = Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !reader.isFinished { usleep(1000) }
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData.get(), as: UTF8.self)
        )
    }

    /// This process's environment without DATABASE_URL, plus `extra`.
    static func environment(_ extra: [String: String]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = nil
        for (key, value) in extra { environment[key] = value }
        return environment
    }
}

/// A value handed from a reader thread back to the test.
final class Mutexed<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value?
    func set(_ newValue: Value) { lock.withLock { value = newValue } }
    func get() -> Value where Value == Data { lock.withLock { value ?? Data() } }
    func update(_ change: (inout Value?) -> Void) { lock.withLock { change(&value) } }
    func current() -> Value? { lock.withLock { value } }
}
