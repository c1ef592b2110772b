import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file a command writes, named by an option, or standard output without one.
///
/// `check` runs before the command does its work (a night's export, a large solve), so that a
/// mistyped folder is found at once; `save` is atomic (a temporary file beside the target,
/// then a rename), so a failure never leaves half a file. A folder that does not exist, or a
/// target that is a folder, is an `InputProblem` (exit 2); a folder this user may not write,
/// or a full disk, is a `FileSystemFailure` (exit 1).
enum OutputFile {
    static func check(_ path: String?, option: String) throws {
        guard let path else { return }
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
            throw InputProblem(option: option, value: path, "is a folder; give a file name inside it")
        }
        let folder = self.folder(of: path)
        guard stat(folder, &status) == 0 else {
            let code = errno
            throw code == ENOENT || code == ENOTDIR
                ? InputProblem(option: option, value: path, "the folder \(folder) does not exist")
                : FileSystemFailure("write to", folder, errno: code)
        }
        guard status.st_mode & S_IFMT == S_IFDIR else { throw InputProblem(option: option, value: path, "\(folder) is a file, not a folder") }
        guard access(folder, W_OK) == 0 else { throw FileSystemFailure("write to the folder", folder, errno: errno) }
    }

    /// Writes `bytes` to `path`, or to standard output when `path` is nil.
    static func save(_ bytes: [UInt8], to path: String?, option: String) throws {
        guard let path else {
            FileHandle.standardOutput.write(Data(bytes))
            return
        }
        try check(path, option: option)
        let temporary = folder(of: path) + "/.\(URL(fileURLWithPath: path).lastPathComponent).\(getpid()).partial"
        let descriptor = open(temporary, O_CREAT | O_EXCL | O_WRONLY, 0o644)
        guard descriptor >= 0 else { throw FileSystemFailure("write", path, errno: errno) }
        var written = 0
        var failure: Int32 = 0
        bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let count = write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if count < 0 { failure = errno; return }
                written += count
            }
        }
        if failure == 0, fsync(descriptor) != 0 { failure = errno }
        close(descriptor)
        if failure == 0, rename(temporary, path) != 0 { failure = errno }
        guard failure == 0 else {
            unlink(temporary)
            throw FileSystemFailure("write", path, errno: failure)
        }
    }

    private static func folder(of path: String) -> String {
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return parent.isEmpty ? "." : parent
    }
}
