import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file system refused a read or a write that was well asked for: permission denied, a
/// read-only or full disk. A failure of the environment, so exit status 1 (a path that does
/// not exist, or is a folder, is the person's mistake: an `InputProblem`).
struct FileSystemFailure: Error, Sendable, CustomStringConvertible {
    let description: String

    /// `cannot write /srv/out.csv: permission denied`.
    init(_ action: String, _ path: String, errno code: Int32) {
        description = "cannot \(action) \(path): \(Self.reason(code))"
    }

    /// A Foundation file error that slipped through: its path and the system's reason, not
    /// `NSCocoaErrorDomain Code=4`.
    init(_ error: CocoaError) {
        let path = error.filePath ?? error.url?.path ?? "a file"
        if let posix = error.underlying as? POSIXError {
            description = "cannot use \(path): \(Self.reason(posix.code.rawValue))"
        } else if error.code == .fileNoSuchFile || error.code == .fileReadNoSuchFile {
            description = "\(path) does not exist"
        } else {
            description = "cannot use \(path): the file system refused (\(error.code.rawValue))"
        }
    }

    /// The C library's words for `code`, in lower case to sit inside a sentence.
    static func reason(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        return text.prefix(1).lowercased() + text.dropFirst()
    }
}
