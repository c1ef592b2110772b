import Foundation
import Hummingbird
import MatchStore

/// A centre's CSV of posts in the console (docs/vacancy-csv.md, the API's rules): "Check" runs
/// the import as a dry run and shows every problem by row and column; "Import" writes the file,
/// all or nothing (a file with any problem writes nothing and shows the same table).
struct ConsoleImportRoutes {
    let console: StaffConsole

    func register(on router: RouterGroup<GatewayRequestContext>) {
        router.get("posts/import") { request, context in
            _ = try editor(request, context)
            return page(nil, request, context)
        }
        router.post("posts/import") { request, context in try await upload(request, context) }
    }

    /// A centre editor's identity and centre; anyone else finds nothing here.
    private func editor(_ request: Request, _ context: GatewayRequestContext) throws -> (StaffIdentity, Int64) {
        let staff = try console.requireStaff(request, context)
        guard staff.may(.vacanciesWrite), let centre = staff.centreID else { throw HTTPError(.notFound) }
        return (staff, centre)
    }

    private func upload(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let (staff, centre) = try editor(request, context)
        let text = context.form.raw("file") ?? ""
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return page(nil, request, context, error: console.renderer.text("console_import_no_file", context), status: .unprocessableContent)
        }
        let dryRun = context.form["action"] != "import"
        let report = try await VacancyStore(database: console.database(for: staff)).importCSV(
            text, centreID: centre, dryRun: dryRun, context: AuditContext(actor: staff.actor, source: console.gateway.source(request, context)))
        return page(report, request, context, status: report.problems.isEmpty ? .ok : .unprocessableContent)
    }

    private func page(_ report: VacancyImportReport?, _ request: Request, _ context: GatewayRequestContext, error: String? = nil,
                      status: HTTPResponse.Status = .ok) -> Response {
        var data: [String: Any] = ["error": error ?? ""]
        if let report {
            let t = { (key: String, count: Int) in console.renderer.text(key, context, ["count": String(count)]) }
            data["report"] = [
                "committed": report.committed,
                "outcome": report.committed ? t("console_import_done", report.rows)
                    : report.problems.isEmpty ? t("console_import_ready", report.rows) : t("console_import_problems", report.problems.count),
                "counts": [t("console_import_created", report.created), t("console_import_updated", report.updated),
                           t("console_import_unchanged", report.unchanged), t("console_import_invalid", report.invalid)],
                "has_problems": !report.problems.isEmpty,
                "problems": report.problems.map { ["row": $0.row, "column": $0.column, "message": $0.message] },
            ] as [String: Any]
        }
        return console.renderer.consolePage("console_import", titleKey: "console_import_title", data: data, context: context,
                                            request: request, status: status)
    }
}
