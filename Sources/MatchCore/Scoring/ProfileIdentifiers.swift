/// Input positions of profile ids, for resolving tens of millions of ranking entries
/// (ADR 0014): `[String: Int32]` hashes each `String` with SipHash and compares with Unicode
/// canonical equivalence, which cost more than all the scoring. This table digests the raw
/// UTF-8 bytes in one pass (first 8 bytes as a word, the rest FNV-1a, a SplitMix64
/// finaliser) and compares bytes; an id of up to 8 bytes is matched by its 16-byte slot alone.
///
/// Byte equality is `String` equality only for ASCII, so the table is used only when every
/// id is ASCII, and then only for ASCII keys; anything else goes to a `[String: Int32]`
/// (built lazily), so answers are always exactly what a dictionary gives.
struct ProfileIdentifiers {
    /// One key's digest: where it probes and what its slot must hold.
    struct Digest {
        var hash: UInt64
        /// Slot word 0 without the index: `hash >> 40 << 40 | length << 32`.
        var meta: UInt64
        /// The first 8 bytes, little-endian, zero-padded (slot word 1).
        var prefix: UInt64
        var length: Int
    }

    private let ids: [String]
    /// Two words per slot: `meta | (index + 1)` (0 = empty) and the prefix. Empty when some
    /// id is not ASCII.
    private var slots: [UInt64] = []
    private var mask = 0
    /// Every id's bytes back to back; id `i` is `arena[starts[i] ..< starts[i + 1]]`.
    private var arena: [UInt8] = []
    private var starts: [Int] = [0]
    private var dictionary: [String: Int32]?
    /// The position of the first id equal to an earlier one, if any.
    private(set) var firstDuplicate: Int?
    /// A sum of the slots `append(positionsOf:to:scratch:)` touched ahead of use; kept so
    /// the touching loads are not optimised away.
    private(set) var warmth: UInt64 = 0

    init(_ ids: [String]) {
        self.ids = ids
        var digests: [Digest] = []
        digests.reserveCapacity(ids.count)
        for id in ids {
            var id = id
            guard let digest = id.withUTF8(Self.digest) else { break }
            digests.append(digest)
        }
        guard digests.count == ids.count else {
            buildDictionary()
            return
        }
        var size = 16
        while size < ids.count * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: 2 * size)
        mask = size - 1
        for (index, var id) in ids.enumerated() {
            let fresh = id.withUTF8 { insert($0, digests[index], index: index) }
            if !fresh { firstDuplicate = index; return }
        }
    }

    /// The position of `id`, as `[String: Int32]` would give it, or nil when unknown.
    mutating func index(of id: String) -> Int32? {
        if !slots.isEmpty {
            var id = id
            let found: Int32 = id.withUTF8 { bytes in Self.digest(bytes).map { find(bytes, $0) } ?? -2 }
            if found != -2 { return found >= 0 ? found : nil }
        }
        if dictionary == nil { buildDictionary() }
        return dictionary?[id]
    }

    /// Appends the positions of `ids` to `items`, or returns the index in `ids` of the first
    /// unknown one (having appended those before it).
    ///
    /// All keys are digested and their slots touched first, a loop of independent loads, so
    /// the cache misses of a whole ranking overlap instead of queueing one behind another.
    mutating func append(positionsOf ids: [String], to items: inout [Int32], scratch: inout [Digest]) -> Int? {
        scratch.removeAll(keepingCapacity: true)
        if !slots.isEmpty {
            for var id in ids {
                guard let digest = id.withUTF8(Self.digest) else { break }
                scratch.append(digest)
            }
        }
        guard scratch.count == ids.count else {
            for (position, id) in ids.enumerated() {
                guard let index = index(of: id) else { return position }
                items.append(index)
            }
            return nil
        }
        let mask = self.mask
        warmth = slots.withUnsafeBufferPointer { slots in
            scratch.reduce(warmth) { $0 &+ slots[2 * (Int(truncatingIfNeeded: $1.hash) & mask)] }
        }
        for (position, digest) in scratch.enumerated() {
            var index: Int32
            if digest.length <= 8 {
                index = find(UnsafeBufferPointer(start: nil, count: 0), digest)
            } else {
                var id = ids[position]
                index = id.withUTF8 { find($0, digest) }
            }
            guard index >= 0 else { return position }
            items.append(index)
        }
        return nil
    }

    private mutating func buildDictionary() {
        var dictionary: [String: Int32] = [:]
        for (index, id) in ids.enumerated() where dictionary.updateValue(Int32(index), forKey: id) != nil {
            if firstDuplicate == nil { firstDuplicate = index }
        }
        self.dictionary = dictionary
    }

    /// The index of the key, -1 when absent. `key` is consulted only beyond its 8th byte.
    private func find(_ key: UnsafeBufferPointer<UInt8>, _ digest: Digest) -> Int32 {
        var slot = Int(truncatingIfNeeded: digest.hash) & mask
        return slots.withUnsafeBufferPointer { slots in
            while true {
                let entry = slots[2 * slot]
                if entry == 0 { return -1 }
                if entry & ~0xFFFF_FFFF == digest.meta, slots[2 * slot + 1] == digest.prefix {
                    let index = Int(entry & 0xFFFF_FFFF) - 1
                    if digest.length <= 8 || matchesTail(index, key) { return Int32(index) }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Adds the key at `index`; false when an equal key is already there.
    private mutating func insert(_ key: UnsafeBufferPointer<UInt8>, _ digest: Digest, index: Int) -> Bool {
        guard find(key, digest) < 0 else { return false }
        var slot = Int(truncatingIfNeeded: digest.hash) & mask
        while slots[2 * slot] != 0 { slot = (slot + 1) & mask }
        slots[2 * slot] = digest.meta | UInt64(index + 1)
        slots[2 * slot + 1] = digest.prefix
        arena.append(contentsOf: key)
        starts.append(arena.count)
        return true
    }

    private func matchesTail(_ index: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[index]
        guard starts[index + 1] - start == key.count else { return false }
        return arena.withUnsafeBufferPointer { arena in (8..<key.count).allSatisfy { arena[start + $0] == key[$0] } }
    }

    /// The key's digest in one pass over its bytes, or nil when it is not ASCII.
    static func digest(_ key: UnsafeBufferPointer<UInt8>) -> Digest? {
        var prefix: UInt64 = 0
        var high: UInt8 = 0
        for index in 0..<min(8, key.count) {
            prefix |= UInt64(key[index]) << (8 * UInt64(index))
            high |= key[index]
        }
        var value = prefix ^ UInt64(key.count) &* 0x9E37_79B9_7F4A_7C15
        for index in min(8, key.count)..<key.count {
            value = (value ^ UInt64(key[index])) &* 0x0000_0100_0000_01B3
            high |= key[index]
        }
        guard high < 0x80 else { return nil }
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        value ^= value >> 31
        return Digest(hash: value, meta: (value >> 40) << 40 | UInt64(min(key.count, 255)) << 32, prefix: prefix, length: key.count)
    }
}
