/// Strings written many times, quoted and escaped once.
///
/// A national snapshot names each of its million candidates about 30 times (once per
/// priority list they are on) and each vacancy 300 times (in rankings), in an order that
/// jumps all over the table. Measured at that scale, the write was bound by memory latency,
/// not by copying: an offsets table plus a byte table cost two cache misses per id. So when
/// every quoted string fits (ids almost always do), each one lives in its own 16-byte slot,
/// length first, and a write touches one cache line. The block is allocated by hand so that
/// a write costs no reference counting either.
final class QuotedStrings {
    private static let slotSize = 16

    /// Either `slotSize`-byte slots (`ends` empty), or all strings back to back.
    private let bytes: UnsafeMutableBufferPointer<UInt8>
    /// Without slots: `ends[i]` is where string `i - 1` ends and string `i` starts.
    private let ends: UnsafeMutableBufferPointer<Int>
    let averageLength: Int

    /// Slots were used: every quoted string fitted in one (the offsets table is then empty).
    private var isSlotted: Bool { ends.isEmpty }

    init(_ strings: [String]) {
        var builder = JSONWriter(reserving: strings.count * 12)
        var ends = [0]
        ends.reserveCapacity(strings.count + 1)
        for text in strings {
            builder.appendQuoted(text)
            ends.append(builder.bytes.count)
        }
        averageLength = strings.isEmpty ? 0 : (builder.bytes.count + strings.count - 1) / strings.count
        let longest = zip(ends, ends.dropFirst()).map { $1 - $0 }.max() ?? 0
        if longest < Self.slotSize {
            bytes = .allocate(capacity: max(1, strings.count * Self.slotSize))
            bytes.initialize(repeating: 0)
            for index in strings.indices {
                let slot = index * Self.slotSize
                bytes[slot] = UInt8(ends[index + 1] - ends[index])
                for offset in ends[index]..<ends[index + 1] { bytes[slot + 1 + offset - ends[index]] = builder.bytes[offset] }
            }
            self.ends = .allocate(capacity: 0)
        } else {
            bytes = .allocate(capacity: max(1, builder.bytes.count))
            _ = bytes.initialize(from: builder.bytes)
            self.ends = .allocate(capacity: ends.count)
            _ = self.ends.initialize(from: ends)
        }
    }

    deinit {
        bytes.deallocate()
        ends.deallocate()
    }

    /// Writes string `index` as a value, or as a key with `asKey`.
    /// - Precondition: `index` is one of the strings given at creation.
    func write(_ index: Int, into writer: inout JSONWriter, asKey: Bool = false) {
        if isSlotted {
            precondition(index >= 0 && (index + 1) * Self.slotSize <= bytes.count, "no quoted string \(index)")
            let slot = index * Self.slotSize
            writer.encoded(UnsafeBufferPointer(rebasing: bytes[(slot + 1)..<(slot + 1 + Int(bytes[slot]))]), asKey: asKey)
        } else {
            precondition(index >= 0 && index + 1 < ends.count, "no quoted string \(index)")
            writer.encoded(UnsafeBufferPointer(rebasing: bytes[ends[index]..<ends[index + 1]]), asKey: asKey)
        }
    }
}
