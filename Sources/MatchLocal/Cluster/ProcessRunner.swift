import Foundation
import Subprocess

/// Runs the PostgreSQL server programs (`initdb`, `pg_ctl`) and captures what they print.
///
/// PostgreSQL refuses to run as root, and these machines (and CI) run as root. When the
/// effective user is root the programs run as the unprivileged `postgres` account through
/// `runuser`, which is the account the Debian package creates.
///
/// swift-subprocess rather than Foundation's `Process`: waiting for a child from a Swift
/// concurrency thread with `Process.waitUntilExit()` can hang on Linux.
struct ProcessRunner: Sendable {
    /// The result of one finished program.
    struct Outcome: Sendable {
        var status: Int32
        var output: String
    }

    /// The account to drop to, or nil to run as the current user.
    let runAsUser: String?

    static func forCurrentUser() -> ProcessRunner {
        ProcessRunner(runAsUser: geteuid() == 0 ? ServerAccount.name : nil)
    }

    /// Runs `executable` with `arguments` and waits for it; stderr is folded into the output.
    func run(_ executable: String, _ arguments: [String]) async throws(ClusterError) -> Outcome {
        let (program, fullArguments) = runAsUser.map { user in
            ("/usr/sbin/runuser", ["-u", user, "--", executable] + arguments)
        } ?? (executable, arguments)
        do {
            let result = try await Subprocess.run(
                .path(.init(program)), arguments: Arguments(fullArguments),
                output: .string(limit: 1 << 20), error: .combinedWithOutput
            )
            let status: Int32 = switch result.terminationStatus {
            case .exited(let code): code
            case .signaled(let signal): 128 + signal
            }
            return Outcome(status: status, output: result.standardOutput)
        } catch {
            throw .cannotRun(program: executable, reason: "\(error)")
        }
    }
}

/// The unprivileged operating-system account that owns clusters when we start as root.
enum ServerAccount {
    static let name = "postgres"

    /// Fails clearly when a folder above `path` is closed to the server account: initdb would
    /// otherwise say only "Permission denied" (mktemp -d makes such folders, mode 0700).
    static func checkReachable(_ path: String) throws(ClusterError) {
        guard geteuid() == 0 else { return }
        var url = URL(fileURLWithPath: path).deletingLastPathComponent()
        while url.path != "/" {
            if let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
               let mode = attributes[.posixPermissions] as? Int, mode & 0o001 == 0,
               (attributes[.ownerAccountName] as? String) != name {
                throw .cannotPrepareDirectory(
                    path: path, reason: "the '\(name)' account cannot enter \(url.path) (mode \(String(mode, radix: 8))); run: chmod o+x \(url.path)"
                )
            }
            url.deleteLastPathComponent()
        }
    }

    /// Gives `path` to the server account, so that the server can write there.
    static func takeOwnership(of path: String) throws(ClusterError) {
        guard geteuid() == 0 else { return }
        guard let entry = getpwnam(name) else {
            throw .missingServerAccount(name)
        }
        guard chown(path, entry.pointee.pw_uid, entry.pointee.pw_gid) == 0 else {
            throw .cannotPrepareDirectory(path: path, reason: String(cString: strerror(errno)))
        }
    }
}
