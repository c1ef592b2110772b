import Testing
@testable import MatchCore

@Suite("Profile id lookup answers as a String dictionary does")
struct ProfileIdentifiersTests {
    @Test("ASCII ids, long and short, are found; unknown ids are not")
    func asciiLookup() {
        let ids = (0..<500).map { $0 % 3 == 0 ? "vacancy-with-a-long-identifier-\($0)" : "v\($0)" }
        var index = ProfileIdentifiers(ids)
        #expect(index.firstDuplicate == nil)
        for (position, id) in ids.enumerated() { #expect(index.index(of: id) == Int32(position)) }
        #expect(index.index(of: "v") == nil)
        #expect(index.index(of: "vacancy-with-a-long-identifier-1") == nil)
        #expect(index.index(of: "") == nil)
    }

    @Test("The first repeated id is reported, as the dictionary's updateValue would")
    func duplicates() {
        #expect(ProfileIdentifiers(["a", "b", "c", "b", "a"]).firstDuplicate == 3)
        #expect(ProfileIdentifiers(["é", "x", "e\u{301}"]).firstDuplicate == 2)
    }

    @Test("Canonically equivalent keys match as String equality says, ASCII ids or not")
    func canonicalEquivalence() {
        // U+212A KELVIN SIGN is canonically equivalent to "K"; U+037E to ";".
        var ascii = ProfileIdentifiers(["K1", "a;b"])
        #expect(ascii.index(of: "\u{212A}1") == 0)
        #expect(ascii.index(of: "a\u{037E}b") == 1)
        var unicode = ProfileIdentifiers(["café", "K"])
        #expect(unicode.index(of: "cafe\u{301}") == 0)
        #expect(unicode.index(of: "\u{212A}") == 1)
        #expect(unicode.index(of: "cafe") == nil)
    }
}
