#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file or folder a command reads, named by an option. A path that does not exist or is the
/// wrong kind is an `InputProblem` naming the option (exit 2); a file the system will not let
/// this user read is a `FileSystemFailure` (exit 1). Never a Foundation error code.
enum InputFile {
    /// The whole file, read straight into a byte array (instances reach 500 MB: no extra copy).
    static func bytes(_ path: String, option: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw problem(opening: path, option: option, errno: errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw FileSystemFailure("read", path, errno: errno) }
        guard status.st_mode & S_IFMT != S_IFDIR else { throw InputProblem(option: option, value: path, "is a folder, not a file") }
        let size = Int(status.st_size)
        var failure: Int32 = 0
        var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            while count < size {
                let got = read(descriptor, buffer.baseAddress! + count, size - count)
                if got < 0 { failure = errno; break }
                if got == 0 { break }
                count += got
            }
        }
        guard failure == 0 else { throw FileSystemFailure("read", path, errno: failure) }
        // A pipe or a file still growing: read on to its end.
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let got = read(descriptor, &chunk, chunk.count)
            if got < 0 { throw FileSystemFailure("read", path, errno: errno) }
            if got == 0 { break }
            bytes.append(contentsOf: chunk[0..<got])
        }
        return bytes
    }

    /// A UTF-8 text file (a byte-order mark is kept for the caller to skip).
    static func text(_ path: String, option: String) throws -> String {
        let content = try bytes(path, option: option)
        guard let text = String(validating: content, as: UTF8.self) else {
            throw InputProblem(option: option, value: path, "is not UTF-8 text; save it as \"CSV UTF-8\"")
        }
        return text
    }

    /// A folder that must exist, e.g. `--reference-dir`.
    static func requireFolder(_ path: String, option: String) throws {
        var status = stat()
        guard stat(path, &status) == 0 else { throw problem(opening: path, option: option, errno: errno, folder: true) }
        guard status.st_mode & S_IFMT == S_IFDIR else { throw InputProblem(option: option, value: path, "is a file, not a folder") }
    }

    private static func problem(opening path: String, option: String, errno code: Int32, folder: Bool = false) -> any Error {
        switch code {
        case ENOENT: InputProblem(option: option, value: path, folder ? "no such folder" : "no such file")
        case ENOTDIR: InputProblem(option: option, value: path, "a part of the path is a file, not a folder")
        default: FileSystemFailure("read", path, errno: code)
        }
    }
}
