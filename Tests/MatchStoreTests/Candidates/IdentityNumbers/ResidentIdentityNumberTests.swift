import Foundation
@testable import MatchStore
import PropertyBased
import Testing

@Suite("Resident identity numbers (GB 11643-1999)")
struct ResidentIdentityNumberTests {
    /// 2026-11-21 12:00 China Standard Time, so birth dates are judged against a fixed day.
    static let today = Date(timeIntervalSince1970: 1_795_233_600)

    static func parse(_ text: String) throws(ResidentIdentityNumber.Problem) -> ResidentIdentityNumber {
        try ResidentIdentityNumber(text, today: today)
    }

    @Test("the standard's own example and numbers with an X or a digit as check character are accepted")
    func valid() throws {
        #expect(try Self.parse("11010519491231002X").digits == "11010519491231002X")
        #expect(try Self.parse("511921199001011231").digits == "511921199001011231")
        #expect(try Self.parse("440300199912310001").lastFour == "0001")
    }

    @Test("spaces, full-width digits and a lower-case or full-width x are what input methods type; they are normalised")
    func normalised() throws {
        #expect(try Self.parse(" 110105 19491231 002x ").digits == "11010519491231002X")
        #expect(try Self.parse("１１０１０５１９４９１２３１００２Ｘ").digits == "11010519491231002X")
        #expect(try Self.parse("110105\u{3000}19491231002ｘ").digits == "11010519491231002X")
    }

    @Test("each kind of mistake is named", arguments: [
        ("1101051949123100", ResidentIdentityNumber.Problem.wrongLength(16)),
        ("11010519491231002X1", .wrongLength(19)),
        ("", .wrongLength(0)),
        ("1101051949123100X2", .invalidCharacter(position: 17)),
        ("11010519491231002Y", .invalidCharacter(position: 18)),
        ("11O10519491231002X", .invalidCharacter(position: 3)),
        ("١١010519491231002X", .invalidCharacter(position: 1)),
        ("001051194912310023", .unknownAddressCode),
        ("991051194912310023", .unknownAddressCode),
        ("110105194913310021", .invalidBirthDate),  // month 13
        ("110105190002290022", .invalidBirthDate),  // 1900 was not a leap year
        ("110105189912310025", .invalidBirthDate),  // before 1900
        ("110105203001010016", .invalidBirthDate),  // in the future
        ("110105194912310021", .checkCharacterMismatch),
    ])
    func problems(text: String, problem: ResidentIdentityNumber.Problem) {
        #expect(throws: problem) { try Self.parse(text) }
    }

    @Test("29 February is a birth date in leap years only; today is allowed, tomorrow is not")
    func leapYearsAndToday() throws {
        #expect(throws: Never.self) { try Self.parse(Self.complete("11010520000229001")) }
        #expect(throws: ResidentIdentityNumber.Problem.invalidBirthDate) { try Self.parse(Self.complete("11010520230229001")) }
        #expect(throws: Never.self) { try Self.parse(Self.complete("11010520261121001")) }
        #expect(throws: ResidentIdentityNumber.Problem.invalidBirthDate) { try Self.parse(Self.complete("11010520261122001")) }
    }

    @Test("the number never shows in interpolation, debug output or a dump: only the last four characters")
    func neverPrinted() throws {
        let number = try Self.parse("511921199001011231")
        var dumped = ""
        dump(number, to: &dumped)
        for text in ["\(number)", String(reflecting: number), dumped, "\([number])"] {
            #expect(!text.contains("5119211990"), "\(text)")
            #expect(text.contains("1231"))
        }
        #expect(number.masked == "**************1231")
        // The problems say what is wrong without repeating what was typed.
        let message = "\(ResidentIdentityNumber.Problem.checkCharacterMismatch)"
        #expect(message.allSatisfy { !$0.isNumber })
    }

    @Test("every generated valid number is accepted and round-trips")
    func generatedAreValid() async {
        await propertyCheck(count: 500, input: Self.bodies) { body in
            let text = Self.complete(body)
            #expect((try? Self.parse(text))?.digits == text, "\(text)")
        }
    }

    @Test("changing any one character of a valid number is always caught; in the sequence digits and the check character, by the checksum")
    func singleChangesFail() async {
        await propertyCheck(count: 300, input: Self.bodies, Gen.int(in: 0...17), Gen.int(in: 1...10)) { body, position, shift in
            var characters = Array(Self.complete(body))
            let alphabet: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "X"]
            let choices = position == 17 ? alphabet : Array(alphabet.prefix(10))
            if position < 17 && shift == 10 { return }  // the same digit again: not a change
            let old = choices.firstIndex(of: characters[position]) ?? 0
            characters[position] = choices[(old + shift) % choices.count]
            let changed = String(characters)
            #expect(throws: ResidentIdentityNumber.Problem.self, "\(changed)") { try Self.parse(changed) }
            if position >= 14 {
                #expect(throws: ResidentIdentityNumber.Problem.checkCharacterMismatch, "\(changed)") { try Self.parse(changed) }
            }
            // Wherever the change is, the checksum alone catches it (MOD 11-2 detects every single substitution).
            let digits = characters.prefix(17).compactMap(\.wholeNumberValue)
            #expect(ResidentIdentityNumber.checkCharacter(for: digits) != characters[17], "\(changed)")
        }
    }

    // MARK: - Generating valid numbers independently of the type under test

    /// 17 digits: a province code GB/T 2260 uses, four more address digits, a real birth date
    /// from 1930 to 2008, and a sequence number.
    static let provinces = [11, 13, 22, 31, 35, 44, 46, 50, 51, 54, 65, 81, 83]
    static let bodies = zip(Gen.int(in: 0...(provinces.count - 1)), Gen.int(in: 0...9999), Gen.int(in: 0...(79 * 365)), Gen.int(in: 0...999))
        .map { parts in
            String(format: "%02d%04d", provinces[parts.0], parts.1) + birthDate(daysAfter1930: parts.2) + String(format: "%03d", parts.3)
        }

    static func birthDate(daysAfter1930 days: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let start = calendar.date(from: DateComponents(year: 1930, month: 1, day: 1)) ?? Date()
        let date = calendar.date(byAdding: .day, value: days, to: start) ?? start
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d%02d%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// Appends the check character computed the ISO 7064 way (p = 2(p + a) mod 11), not with
    /// the weight table the type uses, so the two methods check each other.
    static func complete(_ body: String) -> String {
        var p = 0
        for character in body { p = (p + (character.wholeNumberValue ?? 0)) * 2 % 11 }
        let value = (12 - p) % 11
        return body + (value == 10 ? "X" : String(value))
    }
}
