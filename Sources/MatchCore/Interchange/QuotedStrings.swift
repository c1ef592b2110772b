/// Strings written many times, quoted and escaped once.
///
/// A national snapshot names each of its million candidates about 30 times (once per
/// priority list they are on) and each vacancy 300 times (in rankings): copying prepared
/// bytes is several times cheaper than walking a `String` for every occurrence.
struct QuotedStrings {
    private let bytes: [UInt8]
    /// `ends[i]` is where string `i - 1` ends and string `i` starts; `ends[0] == 0`.
    private let ends: [Int]

    init(_ strings: [String]) {
        var builder = JSONWriter(reserving: strings.count * 12)
        var ends = [0]
        ends.reserveCapacity(strings.count + 1)
        for text in strings {
            builder.appendQuoted(text)
            ends.append(builder.bytes.count)
        }
        bytes = builder.bytes
        self.ends = ends
    }

    /// The mean quoted length, for sizing a document before writing it.
    var averageLength: Int { ends.count > 1 ? (bytes.count + ends.count - 2) / (ends.count - 1) : 0 }

    /// Writes string `index` as a value, or as a key with `asKey`.
    func write(_ index: Int, into writer: inout JSONWriter, asKey: Bool = false) {
        bytes.withUnsafeBufferPointer { all in
            writer.encoded(UnsafeBufferPointer(rebasing: all[ends[index]..<ends[index + 1]]), asKey: asKey)
        }
    }
}
