import Foundation
import MatchStore

/// The profile form's fields as submitted (or as loaded), before validation.
struct ProfileForm {
    var education = ""
    var title = "none"
    var experienceYears = "0"
    var specialties: [String] = []
    var specialtyQuery = ""
    var hukou: [String] = []
    var hukouType = ""
    var current: [String] = []
    var modes: [String] = []
    var programmes: [String] = []
    var hardshipWilling = false

    init() {}

    init(_ form: FormData) {
        education = form["education"]
        title = form["title"]
        experienceYears = form["experience_years"]
        var seen = Set<String>()
        specialties = form.all("specialty").filter { seen.insert($0).inserted }
        specialtyQuery = form["specialty_q"]
        hukou = RegionPicker.levels.map { form["hukou_\($0)"] }.prefix(while: { !$0.isEmpty }).map { $0 }
        hukouType = form["hukou_type"]
        current = RegionPicker.levels.map { form["current_\($0)"] }.prefix(while: { !$0.isEmpty }).map { $0 }
        modes = form.all("modes")
        programmes = form.all("programmes")
        hardshipWilling = form["hardship_willing"] == "yes"
    }

    static func from(_ record: CandidateProfileRecord, lookup: ReferenceLookup) async throws -> ProfileForm {
        var form = ProfileForm()
        form.education = record.complete ? record.education : ""
        form.title = record.title
        form.experienceYears = String(record.experienceYears)
        form.specialties = record.specialties
        if let code = record.hukouRegion { form.hukou = try await lookup.path(to: code).map(\.code) }
        form.hukouType = record.hukouType ?? ""
        if let code = record.currentRegion { form.current = try await lookup.path(to: code).map(\.code) }
        form.modes = record.complete ? record.acceptedModes : []
        form.programmes = record.programmes
        form.hardshipWilling = record.hardshipWilling
        return form
    }

    /// The record to store, or nil with every problem recorded beside its field.
    func validate(
        into state: inout FormState, lookup: ReferenceLookup, sensitiveConsent: Bool, text: (String) -> String
    ) async throws -> CandidateProfileRecord? {
        if !EducationCode.codes.contains(education) { state.fail("education", text("error_education")) }
        if !TitleCode.codes.contains(title) { state.fail("title", text("error_title")) }
        let years = Int(experienceYears)
        if years == nil || !(0...60).contains(years!) { state.fail("experience_years", text("error_experience")) }
        if specialties.isEmpty || specialties.count > CandidateLimits.maxSpecialties {
            state.fail("specialty", text("error_specialty_count"))
        } else if try await lookup.specialties(codes: specialties).count != specialties.count {
            state.fail("specialty", text("error_specialty_unknown"))
        }
        if modes.isEmpty || !modes.allSatisfy(IntroductionModeCode.codes.contains) { state.fail("modes", text("error_modes")) }
        if !programmes.allSatisfy(ProgrammeCode.codes.contains) { state.fail("programmes", text("error_programmes")) }
        let hukouCode = try await region(hukou, lookup: lookup)
        if sensitiveConsent, hukouCode == nil, !hukou.isEmpty { state.fail("hukou", text("error_region")) }
        if sensitiveConsent, !hukouType.isEmpty, !HouseholdTypeCode.codes.contains(hukouType) { state.fail("hukou", text("error_region")) }
        let currentCode = try await region(current, lookup: lookup)
        if currentCode == nil, !current.isEmpty { state.fail("current", text("error_region")) }
        guard state.isValid, let years else { return nil }
        return CandidateProfileRecord(
            fullName: "", contact: "", education: education, title: title, experienceYears: years,
            hukouRegion: sensitiveConsent ? hukouCode : nil, hukouType: sensitiveConsent && !hukouType.isEmpty ? hukouType : nil,
            currentRegion: currentCode, acceptedModes: modes, programmes: programmes, hardshipWilling: hardshipWilling,
            specialties: specialties, complete: true
        )
    }

    /// The deepest chosen region, if the chosen levels really nest (province, then its prefecture, then its county).
    private func region(_ chosen: [String], lookup: ReferenceLookup) async throws -> String? {
        guard let deepest = chosen.last else { return nil }
        let path = try await lookup.path(to: deepest).map(\.code)
        return path == chosen ? deepest : nil
    }
}
