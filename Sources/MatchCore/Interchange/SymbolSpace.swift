/// The ids of one kind (candidates or vacancies): interned symbols, where each was declared
/// (its position in the input array) and where it was first referenced.
struct SymbolSpace {
    let kind: String
    let section: String
    var table: IdentifierTable
    /// Per symbol: declaring position, or -1 while only referenced.
    var declared: [Int32] = []
    var firstReference: [ReferenceSite?] = []
    /// Per position: the declared symbol, or -1 when the entry had no id (yet).
    var symbolAt: [Int32] = []

    init(kind: String, section: String, expected: Int) {
        self.kind = kind
        self.section = section
        table = IdentifierTable(expected: expected)
    }

    private mutating func intern(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64? = nil) -> (Int32, Bool) {
        let (symbol, inserted) = if let hash { table.intern(key, hash: hash) } else { table.intern(key) }
        if inserted {
            declared.append(-1)
            firstReference.append(nil)
        }
        return (symbol, inserted)
    }

    /// Records that the entry at `position` declares `key`.
    mutating func declare(_ key: UnsafeBufferPointer<UInt8>, at position: Int) throws(InputError) {
        let (symbol, _) = intern(key)
        if declared[Int(symbol)] >= 0 {
            throw InputError(
                "/\(section)/\(position)/id",
                "duplicate \(kind) id '\(table.string(Int(symbol)))' (already declared at /\(section)/\(declared[Int(symbol)]))"
            )
        }
        declared[Int(symbol)] = Int32(position)
        while symbolAt.count <= position { symbolAt.append(-1) }
        symbolAt[position] = symbol
    }

    /// The symbol for a reference, remembering the first place it was used.
    /// `hash`, when given, is `IdentifierTable.hash(key)`, computed earlier by `warm`.
    mutating func reference(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64? = nil, site: ReferenceSite) -> Int32 {
        // Only a new symbol can lack a declaration and a first use, so only it is recorded.
        let (symbol, inserted) = intern(key, hash: hash)
        if inserted { firstReference[Int(symbol)] = site }
        return symbol
    }

    /// Dense index (declaring position) per symbol; fails on the first undeclared id.
    func resolve(entries: Int) throws(InputError) -> [Int32] {
        for position in 0..<entries where position >= symbolAt.count || symbolAt[position] < 0 {
            throw InputError("/\(section)/\(position)", "missing 'id'")
        }
        for (symbol, position) in declared.enumerated() where position < 0 {
            let id = table.string(symbol)
            let place = firstReference[symbol]?.pointer(id: id) ?? "/\(section)"
            throw InputError(place, "unknown \(kind) id '\(id)'")
        }
        return declared
    }

    func ids(entries: Int) -> [String] {
        (0..<entries).map { table.string(Int(symbolAt[$0])) }
    }
}
