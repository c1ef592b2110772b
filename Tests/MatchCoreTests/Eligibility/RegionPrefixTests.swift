import PropertyBased
import Testing
@testable import MatchCore

@Suite("Integer region and specialty keys agree with the String rules")
struct RegionPrefixTests {
    static let codes = ["11", "51", "5119", "511921", "511902", "5101", "510104", "510012", "511921001", "511921001002", "511921002", "01", "0101"]
        .compactMap { RegionCode($0) }
    static let specialties = ["080901", "080902K", "080701", "081001", "090101", "010101", "010103K"].compactMap { SpecialtyCode($0) }

    @Test("contains, padded6 and the native-place ladder match RegionCode for every pair of codes")
    func regionPrefix() {
        for outer in Self.codes {
            for inner in Self.codes {
                #expect(RegionPrefix(outer).contains(RegionPrefix(inner)) == outer.contains(inner), "\(outer) ⊇ \(inner)")
            }
            #expect(String(format: "%06d", RegionPrefix(outer).padded6) == outer.padded)
        }
    }

    @Test("Specialty fit on numbers equals SpecialtyCode.fit, and masks never hold .none")
    func specialtyFit() {
        for a in Self.specialties {
            for b in Self.specialties {
                #expect(SpecialtyKey.fit(SpecialtyKey.number(a), SpecialtyKey.number(b)) == a.fit(to: b).rawValue, "\(a) → \(b)")
            }
        }
        var requirement = SpecialtyRequirement(code: Self.specialties[0], accepted: [.sameClass])
        requirement.accepted.insert(.none)
        #expect(SpecialtyKey(requirement).accepted == 1 << 2)
    }
}
