import Foundation

/// What commands print for people. Results go to stdout; progress and warnings to stderr,
/// so that `talentmatch db url` and friends stay usable in scripts.
enum Console {
    /// One line on stdout, flushed at once: into a pipe (a journal, `| tee`, a test watching for
    /// "Serving …") stdout is block-buffered, and a long-running `demo` or `serve` would hold its
    /// last lines until it exits.
    static func say(_ line: String) {
        print(line)
        fflush(nil)
    }

    static func progress(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
