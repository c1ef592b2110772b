/// Input positions of profile ids, for resolving tens of millions of ranking entries
/// (ADR 0014): `[String: Int32]` hashes each `String` with SipHash and compares with Unicode
/// canonical equivalence, which cost more than all the scoring. This table hashes the raw
/// UTF-8 bytes and compares bytes, and a lookup of an id of up to 8 bytes touches one
/// 16-byte slot.
///
/// Byte equality is `String` equality only for ASCII, so the table is used only when every
/// id is ASCII, and then only for ASCII keys; anything else goes to a `[String: Int32]`
/// (built lazily), so answers are always exactly what a dictionary gives.
struct ProfileIdentifiers {
    private let ids: [String]
    /// Two words per slot: `tag << 40 | length << 32 | (index + 1)` (0 = empty) and the id's
    /// first 8 bytes, little-endian, zero-padded. Empty when some id is not ASCII.
    private var slots: [UInt64] = []
    private var mask = 0
    /// Every id's bytes back to back; id `i` is `arena[starts[i] ..< starts[i + 1]]`.
    private var arena: [UInt8] = []
    private var starts: [Int] = [0]
    private var dictionary: [String: Int32]?
    /// The position of the first id equal to an earlier one, if any.
    private(set) var firstDuplicate: Int?
    /// A sum of the slots `append(positionsOf:to:)` touched ahead of use; kept so the
    /// touching loads are not optimised away.
    private(set) var warmth: UInt64 = 0

    init(_ ids: [String]) {
        self.ids = ids
        guard ids.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) else {
            buildDictionary()
            return
        }
        var size = 16
        while size < ids.count * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: 2 * size)
        mask = size - 1
        for (index, id) in ids.enumerated() {
            var id = id
            let fresh = id.withUTF8 { insert($0, index: index) }
            if !fresh, firstDuplicate == nil { firstDuplicate = index; return }
        }
    }

    /// The position of `id`, as `[String: Int32]` would give it, or nil when unknown.
    mutating func index(of id: String) -> Int32? {
        if !slots.isEmpty {
            var id = id
            let found: Int32 = id.withUTF8 { bytes in
                bytes.allSatisfy({ $0 < 0x80 }) ? find(bytes) : -2
            }
            if found != -2 { return found >= 0 ? found : nil }
        }
        if dictionary == nil { buildDictionary() }
        return dictionary?[id]
    }

    /// Appends the positions of `ids` to `items`, or returns the index in `ids` of the first
    /// unknown one (having appended those before it).
    ///
    /// All keys are hashed and their slots touched first, a loop of independent loads, so the
    /// cache misses of a whole ranking overlap instead of queueing one behind another.
    mutating func append(positionsOf ids: [String], to items: inout [Int32], hashes: inout [UInt64]) -> Int? {
        hashes.removeAll(keepingCapacity: true)
        if !slots.isEmpty {
            for id in ids {
                var id = id
                guard let hash = id.withUTF8({ bytes in bytes.allSatisfy { $0 < 0x80 } ? Self.hash(bytes) : nil }) else { break }
                hashes.append(hash)
            }
        }
        guard hashes.count == ids.count else {
            for (position, id) in ids.enumerated() {
                guard let index = index(of: id) else { return position }
                items.append(index)
            }
            return nil
        }
        let mask = self.mask
        warmth = slots.withUnsafeBufferPointer { slots in
            hashes.reduce(warmth) { $0 &+ slots[2 * (Int(truncatingIfNeeded: $1) & mask)] }
        }
        for (position, id) in ids.enumerated() {
            var id = id
            let index = id.withUTF8 { find($0, hash: hashes[position]) }
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

    /// The index of `key`, -1 when absent.
    private func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64? = nil) -> Int32 {
        let hash = hash ?? Self.hash(key)
        let meta = Self.meta(hash: hash, length: key.count)
        let prefix = Self.prefix(key)
        var slot = Int(truncatingIfNeeded: hash) & mask
        return slots.withUnsafeBufferPointer { slots in
            while true {
                let entry = slots[2 * slot]
                if entry == 0 { return -1 }
                if entry & ~0xFFFF_FFFF == meta, slots[2 * slot + 1] == prefix {
                    let index = Int(entry & 0xFFFF_FFFF) - 1
                    if key.count <= 8 || matchesTail(index, key) { return Int32(index) }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Adds `key` at `index`; false when an equal key is already there.
    private mutating func insert(_ key: UnsafeBufferPointer<UInt8>, index: Int) -> Bool {
        guard find(key) < 0 else { return false }
        let hash = Self.hash(key)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[2 * slot] != 0 { slot = (slot + 1) & mask }
        slots[2 * slot] = Self.meta(hash: hash, length: key.count) | UInt64(index + 1)
        slots[2 * slot + 1] = Self.prefix(key)
        arena.append(contentsOf: key)
        starts.append(arena.count)
        return true
    }

    private func matchesTail(_ index: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[index]
        guard starts[index + 1] - start == key.count else { return false }
        return arena.withUnsafeBufferPointer { arena in (8..<key.count).allSatisfy { arena[start + $0] == key[$0] } }
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

    /// FNV-1a with a SplitMix64 finaliser (as `IdentifierTable.hash`).
    private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        IdentifierTable.hash(key)
    }
}
