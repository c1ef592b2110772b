import Foundation

/// What commands print for people. Results go to stdout; progress and warnings to stderr,
/// so that `talentmatch db url` and friends stay usable in scripts.
enum Console {
    /// Flushed at once: stdout is block-buffered when piped, and `demo` then serves for hours,
    /// so without the flush its last lines (the address to open) would sit in the buffer
    /// while a reader or a script waits for them.
    static func say(_ line: String) {
        print(line)
        fflush(nil)
    }

    static func progress(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
