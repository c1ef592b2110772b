import Foundation
import Hummingbird
import MatchStore

/// The profile form. Without JavaScript, the specialty search and the region pickers work
/// by submitting the form with a different button: the page comes back with everything
/// typed so far kept, and the next level of choices filled in.
struct ProfileRoutes {
    let gateway: CandidateGateway

    func register(on router: RouterGroup<GatewayRequestContext>) {
        router.get("/profile") { request, context in
            let id = try gateway.requireCandidate(request, context)
            guard let record = try await CandidateProfileStore(database: gateway.database).load(candidateID: id) else {
                throw HTTPError(.notFound)
            }
            let form = try await ProfileForm.from(record, lookup: ReferenceLookup(database: gateway.database))
            return try await page(form, IdentityNumberField(), FormState(), candidateID: id, request, context)
        }
        router.post("/profile") { request, context in try await submit(request, context) }
    }

    private func submit(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let id = try gateway.requireCandidate(request, context)
        let lookup = ReferenceLookup(database: gateway.database)
        let form = ProfileForm(context.form)
        let identity = IdentityNumberField(context.form)
        let sensitive = try await ConsentStore(database: gateway.database).isLive(.sensitiveData, candidateID: id)
        guard context.form["action"] == "save" else {
            return try await page(form, identity, FormState(), candidateID: id, request, context)
        }
        var state = FormState()
        let record = try await form.validate(into: &state, lookup: lookup, sensitiveConsent: sensitive) { gateway.renderer.text($0, context) }
        let intent = identity.validate(into: &state, sensitiveConsent: sensitive) { gateway.renderer.text($0, context, $1) }
        guard state.isValid, let record, let intent else {
            return try await page(form, identity, state, candidateID: id, request, context, status: .unprocessableContent)
        }
        var change = IdentityNumberChange.keep
        switch intent {
        case .keep: break
        case .remove: change = .remove
        case .replace(let number): change = .replace(try gateway.identityNumbers.seal(number, candidateID: id))
        }
        do {
            try await CandidateProfileStore(database: gateway.database)
                .save(candidateID: id, record, identityNumber: change, source: gateway.source(request, context))
        } catch let refusal as IdentityNumberRefusal {
            state.fail(IdentityNumberField.name, gateway.renderer.text(IdentityNumberField.messageKey(refusal), context))
            return try await page(form, identity, state, candidateID: id, request, context, status: .unprocessableContent)
        }
        return .seeOther("/profile?saved=1")
    }

    private func page(
        _ form: ProfileForm, _ identity: IdentityNumberField, _ state: FormState, candidateID: Int64, _ request: Request,
        _ context: GatewayRequestContext, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let lookup = ReferenceLookup(database: gateway.database)
        let t = { (key: String) in gateway.renderer.text(key, context) }
        var data = state.templateData(fields: ["education", "title", "experience_years", "specialty", "modes", "hukou", "current", "id_number"])
        data["id_number_typed"] = identity.typed
        data["id_number_remove"] = identity.remove
        if let stored = try await IdentityNumberStore(database: gateway.database).ciphertext(candidateID: candidateID) {
            data["id_number_on_file"] = true
            // Only the last four characters ever reach a page; a number the keys cannot open shows as on file.
            data["id_number_masked"] = (try? gateway.identityNumbers.open(stored, candidateID: candidateID))?.masked ?? t("profile_id_number_unreadable")
        }
        data["saved"] = request.uri.queryParameters["saved"] != nil
        data["sensitive_consent"] = try await ConsentStore(database: gateway.database).isLive(.sensitiveData, candidateID: candidateID)
        let renderer = gateway.renderer
        data["education_options"] = renderer.options(EducationCode.self, context) { $0 == form.education }
        data["title_options"] = renderer.options(TitleCode.self, context) { $0 == form.title }
        data["experience_years"] = form.experienceYears
        data["hukou_type_options"] = renderer.options(HouseholdTypeCode.self, context) { $0 == form.hukouType }
        data["mode_options"] = renderer.options(IntroductionModeCode.self, context, mark: "checked", explained: true) { form.modes.contains($0) }
        data["programme_options"] = renderer.options(ProgrammeCode.self, context, mark: "checked") { form.programmes.contains($0) }
        data["hardship_willing"] = form.hardshipWilling
        let chosen = try await lookup.specialties(codes: form.specialties)
        let matches = try await lookup.specialties(matching: form.specialtyQuery)
        let found = matches.filter { !form.specialties.contains($0.code) }
        data["chosen_specialties"] = chosen.map { ["code": $0.code, "name": $0.name, "class_name": $0.className] }
        data["found_specialties"] = found.map { ["code": $0.code, "name": $0.name, "class_name": $0.className] }
        data["searched"] = !form.specialtyQuery.isEmpty
        data["nothing_found"] = matches.isEmpty
        data["specialty_q"] = form.specialtyQuery
        data["hukou_pickers"] = try await RegionPicker.pickers(prefix: "hukou", form.hukou, lookup: lookup, text: t)
        data["current_pickers"] = try await RegionPicker.pickers(prefix: "current", form.current, lookup: lookup, text: t)
        return gateway.renderer.page("profile", titleKey: "profile_title", data: data, context: context, request: request, status: status)
    }
}

/// Province → prefecture → county selects, each filled from the level above.
enum RegionPicker {
    static let levels = ["province", "prefecture", "county"]

    static func pickers(prefix: String, _ chosen: [String], lookup: ReferenceLookup, text: (String) -> String) async throws -> [[String: Any]] {
        var result: [[String: Any]] = []
        var parent: String?
        for (index, level) in levels.enumerated() {
            if index > 0 && parent == nil { break }
            let options = try await lookup.regions(under: parent)
            if options.isEmpty { break }
            let selected = index < chosen.count ? chosen[index] : ""
            result.append([
                "name": "\(prefix)_\(level)", "label": text("region_\(level)"),
                "options": options.map { ["code": $0.code, "name": $0.name, "selected": $0.code == selected] },
            ])
            parent = options.contains { $0.code == selected } ? selected : nil
        }
        return result
    }
}
