import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads and writes the key file of `IdentityNumberKeys`.
///
/// A new file is created with mode 0600 in the same system call that creates it (never
/// written first and restricted afterwards), and a file that others may read is refused,
/// like ssh refuses such a private key. Group read is allowed, because Kubernetes mounts a
/// secret for a non-root pod as root:GROUP 0440.
public enum IdentityNumberKeyFile {
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case missing(path: String)
        case unreadable(path: String, errno: Int32)
        case readableByOthers(path: String)
        case invalid(path: String, IdentityNumberKeys.Problem)
        case alreadyExists(path: String)
        case notWritten(path: String, errno: Int32)

        public var description: String {
            switch self {
            case .missing(let path): "the ID-number key file \(path) does not exist"
            case .unreadable(let path, let code): "cannot read the ID-number key file \(path): \(String(cString: strerror(code)))"
            case .readableByOthers(let path): "the ID-number key file \(path) is readable by other users; run: chmod 600 \(path)"
            case .invalid(let path, let problem): "the ID-number key file \(path) is not valid: \(problem)"
            case .alreadyExists(let path): "\(path) already exists; refusing to overwrite keys"
            case .notWritten(let path, let code): "cannot write the ID-number key file \(path): \(String(cString: strerror(code)))"
            }
        }
    }

    public static func load(path: String) throws(Problem) -> IdentityNumberKeys {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw errno == ENOENT ? Problem.missing(path: path) : Problem.unreadable(path: path, errno: errno)
        }
        guard status.st_mode & 0o007 == 0 else { throw Problem.readableByOthers(path: path) }
        guard let data = FileManager.default.contents(atPath: path) else { throw Problem.unreadable(path: path, errno: EACCES) }
        do {
            return try IdentityNumberKeys(fileText: String(decoding: data, as: UTF8.self))
        } catch {
            throw .invalid(path: path, error)
        }
    }

    /// Writes a new file; refuses to replace an existing one (keys lost are data lost).
    public static func create(path: String, keys: IdentityNumberKeys) throws(Problem) {
        try writeFile(keys.fileText, to: path, flags: O_CREAT | O_EXCL | O_WRONLY)
    }

    /// Replaces the file's keys (rotation): written to a new 0600 file beside it, then renamed
    /// over it, so a crash leaves either the old file or the new one, never half of one.
    public static func replace(path: String, keys: IdentityNumberKeys) throws(Problem) {
        let temporary = path + ".new"
        unlink(temporary)
        try writeFile(keys.fileText, to: temporary, flags: O_CREAT | O_EXCL | O_WRONLY)
        guard rename(temporary, path) == 0 else { throw .notWritten(path: path, errno: errno) }
    }

    private static func writeFile(_ text: String, to path: String, flags: Int32) throws(Problem) {
        let descriptor = open(path, flags, 0o600)
        guard descriptor >= 0 else {
            throw errno == EEXIST ? Problem.alreadyExists(path: path) : Problem.notWritten(path: path, errno: errno)
        }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(descriptor) == 0 else {
            let code = errno
            unlink(path)  // no half-written key file left behind to be mistaken for a good one
            throw .notWritten(path: path, errno: code)
        }
    }
}
