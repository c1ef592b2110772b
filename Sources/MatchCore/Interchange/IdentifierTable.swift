/// Interns identifiers given as raw UTF-8 bytes into dense `Int32` symbols, in first-seen
/// order, without creating a `String` per occurrence.
///
/// Tuned for 48 M lookups into a million ids, where cache misses dominate: a slot packs 32
/// bits of the hash with the symbol, so a probe touches one slot; keys up to 15 bytes are
/// kept inline in a 16-byte record, so confirming a hit touches one more line. Longer keys
/// live in an arena.
struct IdentifierTable {
    /// `hash >> 32 << 32 | (symbol + 1)`; 0 is empty.
    private var slots: [UInt64]
    private var mask: Int
    /// Two words per symbol: up to 15 key bytes little-endian, the length in the top byte
    /// (255: long key, stored in `arena` from `longStart[symbol]`).
    private var records: [UInt64] = []
    private var arena: [UInt8] = []
    private var longStart: [Int: Range<Int>] = [:]
    private(set) var count = 0

    init(expected: Int = 1024) {
        var size = 16
        while size < expected * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    /// The symbol for `key`, and whether it was new.
    mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> (symbol: Int32, inserted: Bool) {
        let hash = Self.hash(key)
        let tag = hash & 0xFFFF_FFFF_0000_0000
        let (low, high) = Self.pack(key)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            if entry & 0xFFFF_FFFF_0000_0000 == tag {
                let symbol = Int(entry & 0xFFFF_FFFF) - 1
                if records[2 * symbol] == low, records[2 * symbol + 1] == high, isLongMatch(symbol, key, high) {
                    return (Int32(symbol), false)
                }
            }
            slot = (slot + 1) & mask
        }
        let symbol = count
        count += 1
        slots[slot] = tag | UInt64(symbol + 1)
        records.append(low)
        records.append(high)
        if high >> 56 == 255 {
            longStart[symbol] = arena.count..<(arena.count + key.count)
            arena.append(contentsOf: key)
        }
        if count * 2 > slots.count { grow() }
        return (Int32(symbol), true)
    }

    /// Touches the slots and records that `keys` will probe, all at once, so the cache misses
    /// of a whole ranking overlap instead of queueing one behind another. Returns a
    /// meaningless checksum so the loads are not optimised away.
    func warm(_ bytes: UnsafeBufferPointer<UInt8>, _ keys: [Range<Int>], hashes: inout [UInt64]) -> UInt64 {
        var checksum: UInt64 = 0
        hashes.removeAll(keepingCapacity: true)
        slots.withUnsafeBufferPointer { slots in
            for range in keys {
                let hash = Self.hash(UnsafeBufferPointer(rebasing: bytes[range]))
                hashes.append(hash)
                checksum &+= slots[Int(truncatingIfNeeded: hash) & mask]
            }
        }
        records.withUnsafeBufferPointer { records in
            slots.withUnsafeBufferPointer { slots in
                for hash in hashes {
                    let entry = slots[Int(truncatingIfNeeded: hash) & mask]
                    if entry != 0 { checksum &+= records[2 * (Int(entry & 0xFFFF_FFFF) - 1)] }
                }
            }
        }
        return checksum
    }

    /// The identifier of a symbol as a `String`.
    func string(_ symbol: Int) -> String {
        if let range = longStart[symbol] { return String(decoding: arena[range], as: UTF8.self) }
        let length = Int(records[2 * symbol + 1] >> 56)
        var bytes: [UInt8] = []
        for index in 0..<length {
            let word = index < 8 ? records[2 * symbol] : records[2 * symbol + 1]
            bytes.append(UInt8(truncatingIfNeeded: word >> (8 * UInt64(index % 8))))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A short key as two words; a long key as its first 15 bytes' hash marker and length 255.
    private static func pack(_ key: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        guard key.count <= 15 else { return (hash(key), 255 << 56 | UInt64(key.count & 0xFF_FFFF)) }
        var low: UInt64 = 0
        var high = UInt64(key.count) << 56
        for (index, byte) in key.enumerated() {
            if index < 8 { low |= UInt64(byte) << (8 * UInt64(index)) } else { high |= UInt64(byte) << (8 * UInt64(index - 8)) }
        }
        return (low, high)
    }

    private func isLongMatch(_ symbol: Int, _ key: UnsafeBufferPointer<UInt8>, _ high: UInt64) -> Bool {
        guard high >> 56 == 255, let range = longStart[symbol] else { return true }
        return range.count == key.count && arena[range].elementsEqual(key)
    }

    private mutating func grow() {
        let size = slots.count * 2
        var fresh = [UInt64](repeating: 0, count: size)
        let newMask = size - 1
        for entry in slots where entry != 0 {
            let symbol = Int(entry & 0xFFFF_FFFF) - 1
            let (low, high) = (records[2 * symbol], records[2 * symbol + 1])
            let hash = rehash(symbol, low, high)
            var slot = Int(truncatingIfNeeded: hash) & newMask
            while fresh[slot] != 0 { slot = (slot + 1) & newMask }
            fresh[slot] = entry
        }
        slots = fresh
        mask = newMask
    }

    private func rehash(_ symbol: Int, _ low: UInt64, _ high: UInt64) -> UInt64 {
        if let range = longStart[symbol] {
            return arena[range].withUnsafeBufferPointer { Self.hash($0) }
        }
        let length = Int(high >> 56)
        var bytes = [UInt8](repeating: 0, count: length)
        for index in 0..<length {
            let word = index < 8 ? low : high
            bytes[index] = UInt8(truncatingIfNeeded: word >> (8 * UInt64(index % 8)))
        }
        return bytes.withUnsafeBufferPointer { Self.hash($0) }
    }

    /// FNV-1a over the bytes, then a SplitMix64 finaliser so that short, similar ids spread.
    private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var value: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in key { value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
