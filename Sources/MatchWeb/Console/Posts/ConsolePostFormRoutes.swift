import Foundation
import Hummingbird
import MatchStore

/// A centre editor's forms for a new post and for changing one (issue 15): the API's rules
/// (`VacancyForm` reads the fields as the CSV does, `VacancyDraft.problems` and the store's
/// reference checks judge them), each error beside its field in the person's language, and
/// everything typed kept. A form with any problem writes nothing. Only a centre's editor
/// reaches these pages; anyone else, and another centre's post, is 404 (ADR 0016).
struct ConsolePostFormRoutes {
    let console: StaffConsole

    func register(on router: RouterGroup<GatewayRequestContext>) {
        router.get("posts/new") { request, context in
            _ = try editor(request, context)
            return form(VacancyForm(values: ["min_education": "associate", "min_title": "none", "min_experience_years": "0"]),
                        id: nil, request, context)
        }
        router.post("posts/new") { request, context in try await save(request, context, id: nil) }
        router.get("posts/:id/edit") { request, context in try await edit(request, context) }
        router.post("posts/:id/edit") { request, context in
            try await save(request, context, id: try postID(context))
        }
    }

    /// The edit form, filled from the stored post; a closed post is never changed, so it has none.
    private func edit(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let (staff, _) = try editor(request, context)
        let id = try postID(context)
        let post = try await stored(id, staff)
        guard post.status != .closed else { return .seeOther("/console/posts/\(id)") }
        return form(VacancyForm(post.draft), id: id, request, context)
    }

    /// A centre editor and their centre; anyone else finds nothing here.
    private func editor(_ request: Request, _ context: GatewayRequestContext) throws -> (StaffIdentity, Int64) {
        let staff = try console.requireStaff(request, context)
        guard staff.may(.vacanciesWrite), let centre = staff.centreID else { throw HTTPError(.notFound) }
        return (staff, centre)
    }

    private func stored(_ id: Int64, _ staff: StaffIdentity) async throws -> Vacancy {
        guard let centre = staff.centreID else { throw HTTPError(.notFound) }
        do {
            return try await VacancyStore(database: console.database(for: staff)).get(id: id, scope: .centre(centre))
        } catch VacancyStoreError.notFound {
            throw HTTPError(.notFound)
        }
    }

    private func save(_ request: Request, _ context: GatewayRequestContext, id: Int64?) async throws -> Response {
        let (staff, centre) = try editor(request, context)
        if let id { _ = try await stored(id, staff) }
        var values: [String: String] = [:]
        for field in VacancyForm.fields { values[field] = context.form[field] }
        // Checkboxes send one value each; the form's field holds them as the CSV's list.
        values["accepted_modes"] = context.form.all("accepted_modes").joined(separator: ";")
        let entered = VacancyForm(values: values)
        let (draft, problems) = entered.read()
        guard problems.isEmpty else {
            return form(entered, id: id, request, context, problems: problems.map(\.field))
        }
        let store = VacancyStore(database: console.database(for: staff))
        let audit = AuditContext(actor: staff.actor, source: console.gateway.source(request, context))
        do {
            let post = if let id { try await store.update(id: id, draft, centreID: centre, context: audit) }
                else { try await store.create(draft, centreID: centre, context: audit) }
            return .seeOther("/console/posts/\(post.id)")
        } catch VacancyStoreError.invalid(let found) {
            return form(entered, id: id, request, context, problems: found.map { VacancyForm.field(of: $0.pointer) ?? "title" })
        } catch VacancyStoreError.notFound {
            throw HTTPError(.notFound)
        } catch VacancyStoreError.closed, VacancyStoreError.illegalTransition {
            return .seeOther("/console/posts/\(id ?? 0)")
        }
    }

    /// The form with `values`, and beside each field in `problems` its rule in the person's
    /// language (the store's messages are English; the rule says the same for a person).
    private func form(_ entered: VacancyForm, id: Int64?, _ request: Request, _ context: GatewayRequestContext,
                      problems: [String] = []) -> Response {
        let t = { (key: String) in console.renderer.text(key, context) }
        var state = FormState(values: entered.values)
        for field in problems { state.fail(field, t("console_post_rule_" + field)) }
        var data = state.templateData(fields: VacancyForm.fields)
        let modes = Set(entered.values["accepted_modes"].map { $0.split(separator: ";").map(String.init) } ?? [])
        data["fields"] = VacancyForm.fields.map { field -> [String: Any] in
            var entry: [String: Any] = [
                "name": field, "label": t("console_form_" + field), "value": entered.values[field] ?? "",
                "error": state.error(field) ?? "", "hint": ConsolePostFormFields.hinted.contains(field) ? t("console_form_\(field)_hint") : "",
                "required": ConsolePostFormFields.required.contains(field),
            ]
            entry[ConsolePostFormFields.kind(of: field)] = true
            if let options = ConsolePostFormFields.options(of: field) {
                entry["options"] = options.map { code, key in
                    ["value": code, "label": t(key),
                     "selected": field == "accepted_modes" ? modes.contains(code) : entered.values[field] == code] as [String: Any]
                }
            }
            return entry
        }
        data["action"] = id.map { "/console/posts/\($0)/edit" } ?? "/console/posts/new"
        data["cancel"] = id.map { "/console/posts/\($0)" } ?? "/console/posts"
        data["heading"] = t(id == nil ? "console_form_new_title" : "console_form_edit_title")
        data["submit"] = t(id == nil ? "console_form_create" : "console_form_save")
        return console.renderer.consolePage("console_post_form", titleKey: "console_posts_title", data: data, context: context,
                                            request: request, status: problems.isEmpty ? .ok : .unprocessableContent)
    }

    private func postID(_ context: GatewayRequestContext) throws -> Int64 {
        guard let text = context.parameters.get("id"), let id = Int64(text), id > 0 else { throw HTTPError(.notFound) }
        return id
    }
}
