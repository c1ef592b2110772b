import Foundation

/// What commands print for people. Results go to stdout; progress and warnings to stderr,
/// so that `talentmatch db url` and friends stay usable in scripts.
enum Console {
    static func say(_ line: String) {
        print(line)
    }

    static func progress(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
