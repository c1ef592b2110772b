/// Interns identifiers given as raw UTF-8 bytes into dense `Int32` symbols, in first-seen
/// order, without creating a `String` per occurrence.
///
/// Tuned for 48 M lookups into a million ids, where cache and TLB misses dominate: a slot is
/// 16 bytes holding 24 bits of the hash, the key's length, the symbol and the key's first 8
/// bytes, so a lookup of an id of up to 8 bytes touches exactly one cache line of the table.
/// Longer ids are confirmed against the key bytes in `arena` (a second access).
struct IdentifierTable {
    /// Two words per slot. Word 0: `tag << 40 | length << 32 | (symbol + 1)`, 0 when empty
    /// (`tag` = top 24 bits of the hash, `length` capped at 255). Word 1: the key's first 8
    /// bytes, little-endian, zero-padded.
    private var slots: [UInt64]
    private var mask: Int
    /// Every key's bytes, back to back, in symbol order; symbol `s` is
    /// `arena[keyStart[s] ..< keyStart[s + 1]]`.
    private var arena: [UInt8] = []
    private var keyStart: [Int] = [0]
    private(set) var count = 0

    init(expected: Int = 1024) {
        var size = 16
        while size < expected * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: 2 * size)
        mask = size - 1
    }

    /// The symbol for `key`, and whether it was new.
    mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> (symbol: Int32, inserted: Bool) {
        intern(key, hash: Self.hash(key))
    }

    /// Like `intern(_:)` with the key's `hash(_:)` already computed (by `warm`).
    mutating func intern(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (symbol: Int32, inserted: Bool) {
        let meta = Self.meta(hash: hash, length: key.count)
        let prefix = Self.prefix(key)
        var slot = Int(truncatingIfNeeded: hash) & mask
        let found: Int? = slots.withUnsafeBufferPointer { slots in
            while true {
                let entry = slots[2 * slot]
                if entry == 0 { return nil }
                if entry & ~0xFFFF_FFFF == meta, slots[2 * slot + 1] == prefix {
                    let symbol = Int(entry & 0xFFFF_FFFF) - 1
                    if key.count <= 8 || matchesTail(symbol, key) { return symbol }
                }
                slot = (slot + 1) & mask
            }
        }
        if let found { return (Int32(found), false) }
        let symbol = count
        count += 1
        slots[2 * slot] = meta | UInt64(symbol + 1)
        slots[2 * slot + 1] = prefix
        arena.append(contentsOf: key)
        keyStart.append(arena.count)
        if count * 2 > slots.count / 2 { grow() }
        return (Int32(symbol), true)
    }

    /// Touches the slots that `keys` will probe, all at once, so the cache misses of a whole
    /// ranking overlap instead of queueing one behind another; leaves each key's hash in
    /// `hashes` for `intern(_:hash:)`. Returns a meaningless checksum so the loads are not
    /// optimised away.
    ///
    /// Hashing and loading are separate passes on purpose: a loop that does nothing but load
    /// slots lets the out-of-order core keep many misses in flight.
    func warm(_ bytes: UnsafeBufferPointer<UInt8>, _ keys: [Range<Int>], hashes: inout [UInt64]) -> UInt64 {
        var checksum: UInt64 = 0
        hashes.removeAll(keepingCapacity: true)
        for range in keys { hashes.append(Self.hash(UnsafeBufferPointer(rebasing: bytes[range]))) }
        let mask = self.mask
        hashes.withUnsafeBufferPointer { hashes in
            slots.withUnsafeBufferPointer { slots in
                for hash in hashes { checksum &+= slots[2 * (Int(truncatingIfNeeded: hash) & mask)] }
            }
        }
        return checksum
    }

    /// The identifier of a symbol as a `String`.
    func string(_ symbol: Int) -> String {
        String(decoding: arena[keyStart[symbol]..<keyStart[symbol + 1]], as: UTF8.self)
    }

    private func matchesTail(_ symbol: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = keyStart[symbol]
        guard keyStart[symbol + 1] - start == key.count else { return false }
        return arena.withUnsafeBufferPointer { arena in
            (8..<key.count).allSatisfy { arena[start + $0] == key[$0] }
        }
    }

    private static func meta(hash: UInt64, length: Int) -> UInt64 {
        (hash >> 40) << 40 | UInt64(min(length, 255)) << 32
    }

    /// The first 8 bytes of a key, little-endian, zero-padded.
    private static func prefix(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var word: UInt64 = 0
        for index in 0..<min(8, key.count) { word |= UInt64(key[index]) << (8 * UInt64(index)) }
        return word
    }

    private mutating func grow() {
        let size = slots.count
        var fresh = [UInt64](repeating: 0, count: 2 * size)
        let newMask = size - 1
        arena.withUnsafeBufferPointer { arena in
            for slot in 0..<(slots.count / 2) where slots[2 * slot] != 0 {
                let symbol = Int(slots[2 * slot] & 0xFFFF_FFFF) - 1
                let key = UnsafeBufferPointer(rebasing: arena[keyStart[symbol]..<keyStart[symbol + 1]])
                var target = Int(truncatingIfNeeded: Self.hash(key)) & newMask
                while fresh[2 * target] != 0 { target = (target + 1) & newMask }
                fresh[2 * target] = slots[2 * slot]
                fresh[2 * target + 1] = slots[2 * slot + 1]
            }
        }
        slots = fresh
        mask = newMask
    }

    /// FNV-1a over the bytes, then a SplitMix64 finaliser so that short, similar ids spread.
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var value: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in key { value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
