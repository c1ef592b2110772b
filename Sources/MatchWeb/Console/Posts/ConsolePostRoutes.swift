import Foundation
import Hummingbird
import MatchStore

/// A centre's posts in the console (and an office's, read-only): the list with search, a status
/// filter and paging; each post's page; opening and closing; the CSV export for Excel. Every
/// read runs scoped (`StaffConsole.database(for:)`), and another centre's post is 404, exactly
/// like a post that does not exist (ADR 0016).
struct ConsolePostRoutes {
    let console: StaffConsole

    static let pageSize = 50

    func register(on router: RouterGroup<GatewayRequestContext>) {
        router.get("posts") { request, context in try await list(request, context) }
        router.get("posts/export.csv") { request, context in try await export(request, context) }
        router.get("posts/:id") { request, context in try await show(request, context) }
        router.post("posts/:id/open") { request, context in try await move(request, context, to: .open) }
        router.post("posts/:id/close") { request, context in try await move(request, context, to: .closed) }
    }

    /// The signed-in person, if their role reads posts (else 404: nothing here for them).
    private func reader(_ request: Request, _ context: GatewayRequestContext) throws -> StaffIdentity {
        let staff = try console.requireStaff(request, context)
        guard staff.may(.vacanciesRead) else { throw HTTPError(.notFound) }
        return staff
    }

    private func scope(_ staff: StaffIdentity) -> VacancyScope {
        staff.centreID.map(VacancyScope.centre) ?? .office(staff.officeID)
    }

    private func list(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let staff = try reader(request, context)
        let query = request.uri.queryParameters
        let status = query["status"].flatMap { VacancyStatus(rawValue: String($0)) }
        let search = query["q"].map { String($0).trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : String($0.prefix(100)) }
        let store = VacancyStore(database: console.database(for: staff))
        let page: KeysetPage<VacancyFill>
        do {
            page = try await store.list(scope: scope(staff), status: status, search: search,
                                        cursor: query["after"].map(String.init), limit: Self.pageSize)
        } catch VacancyStoreError.invalidCursor {
            return .seeOther("/console/posts")
        }
        let t = { (key: String) in console.renderer.text(key, context) }
        let rows: [[String: Any]] = page.items.map { post in
            ["id": post.id, "external_id": post.externalID, "title": post.title, "region": post.regionCode,
             "status": t("console_post_status_" + post.status.rawValue), "seats": post.seats, "pending": post.pending,
             "accepted": post.accepted, "unfilled": post.unfilled]
        }
        var filter = ["q": search ?? ""]
        if let status { filter["status"] = status.rawValue }
        let next = page.nextCursor.map { cursor in
            "/console/posts?" + (filter.merging(["after": cursor]) { $1 }).sorted { $0.key < $1.key }
                .map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        }
        let statuses: [[String: Any]] = VacancyStatus.allCases.map {
            ["value": $0.rawValue, "label": t("console_post_status_" + $0.rawValue), "selected": $0 == status]
        }
        let data: [String: Any] = [
            "posts": rows, "has_posts": !rows.isEmpty, "q": search ?? "", "statuses": statuses, "next": next ?? "",
            "filtered": search != nil || status != nil, "can_import": staff.may(.vacanciesWrite) && staff.centreID != nil,
        ]
        return console.renderer.consolePage("console_posts", titleKey: "console_posts_title", data: data, context: context, request: request)
    }

    private func show(_ request: Request, _ context: GatewayRequestContext, status: HTTPResponse.Status = .ok,
                      message: String? = nil) async throws -> Response {
        let staff = try reader(request, context)
        let id = try postID(context)
        let post: Vacancy
        do {
            post = try await VacancyStore(database: console.database(for: staff)).get(id: id, scope: scope(staff))
        } catch VacancyStoreError.notFound {
            throw HTTPError(.notFound)
        }
        let t = { (key: String) in console.renderer.text(key, context) }
        let draft = post.draft
        let writable = staff.may(.vacanciesWrite) && staff.centreID == post.centreID
        let data: [String: Any] = [
            "heading": draft.title, "id": post.id, "external_id": draft.externalID, "region": draft.regionCode,
            "status": t("console_post_status_" + post.status.rawValue), "seats": draft.seats, "target": draft.target.map(String.init) ?? "",
            "description": draft.description, "pending": post.pendingOffers, "accepted": post.acceptedOffers,
            "centre": post.centreCode,
            "can_open": writable && post.status == .draft, "can_edit": writable && post.status != .closed, "can_close": writable && post.status != .closed,
            "message": message ?? "",
        ]
        return console.renderer.consolePage("console_post", titleKey: "console_posts_title", data: data, context: context,
                                            request: request, status: status)
    }

    private func move(_ request: Request, _ context: GatewayRequestContext, to next: VacancyStatus) async throws -> Response {
        let staff = try reader(request, context)
        let id = try postID(context)
        // Only a centre writes its posts; an office's staff (or another centre's) see 404 here too.
        guard staff.may(.vacanciesWrite), let centre = staff.centreID else { throw HTTPError(.notFound) }
        let store = VacancyStore(database: console.database(for: staff))
        let audit = AuditContext(actor: staff.actor, source: console.gateway.source(request, context))
        do {
            _ = next == .open ? try await store.open(id: id, centreID: centre, context: audit)
                : try await store.close(id: id, centreID: centre, context: audit)
        } catch VacancyStoreError.notFound {
            throw HTTPError(.notFound)
        } catch VacancyStoreError.illegalTransition, VacancyStoreError.closed {
            return try await show(request, context, status: .conflict, message: console.renderer.text("console_post_cannot_move", context))
        } catch VacancyStoreError.invalid(let problems) {
            let fields = problems.map(\.pointer).joined(separator: ", ")
            return try await show(request, context, status: .unprocessableContent,
                                  message: console.renderer.text("console_post_cannot_open", context, ["fields": fields]))
        }
        return .seeOther("/console/posts/\(id)")
    }

    private func export(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let staff = try reader(request, context)
        let csv = try await VacancyStore(database: console.database(for: staff)).exportCSV(scope: scope(staff))
        // The API's export (docs/vacancy-csv.md): UTF-8 with a byte-order mark, which Excel needs.
        var response = Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(string: csv)))
        response.headers[.contentDisposition] = "attachment; filename=\"posts-\(staff.centreCode ?? staff.officeCode).csv\""
        return response
    }

    private func postID(_ context: GatewayRequestContext) throws -> Int64 {
        guard let text = context.parameters.get("id"), let id = Int64(text), id > 0 else { throw HTTPError(.notFound) }
        return id
    }
}
