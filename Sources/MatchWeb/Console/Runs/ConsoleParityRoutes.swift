import Foundation
import Hummingbird
import MatchStore

/// The parity report of a night (issue 15, ADR 0054): for the office's part of a committed
/// run, placement rate and mean choice received by household type and by region, with counts,
/// cells under five people suppressed, and the same as CSV. Read as the night counted it
/// (`match_run_parity`), through the reader's scope: another office's part, a run of another
/// market, or a centre's editor finds nothing (404).
struct ConsoleParityRoutes {
    let console: StaffConsole

    func register(on router: RouterGroup<GatewayRequestContext>) {
        router.get("runs/:id/parity") { request, context in try await page(request, context) }
        router.get("runs/:id/parity.csv") { request, context in try await csv(request, context) }
    }

    private func report(_ request: Request, _ context: GatewayRequestContext) async throws -> (RunParityReader.Report, ParityTable) {
        let staff = try console.requireStaff(request, context)
        guard staff.may(.runsRead), staff.centreID == nil,
              let id = context.parameters.get("id").flatMap({ Int64($0) }),
              let report = try await RunParityReader(database: console.database(for: staff)).report(runID: id, officeID: staff.officeID)
        else { throw HTTPError(.notFound) }
        let t = { (key: String) in console.renderer.text(key, context) }
        let table = ParityTable(report, words: .init(suppressed: t("console_parity_suppressed"), hidden: t("console_parity_hidden"),
                                                     none: t("console_parity_none")),
                                householdLabel: { t("console_parity_household_" + $0) })
        return (report, table)
    }

    private func page(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let (report, table) = try await report(request, context)
        let rows = { (rows: [ParityTable.Row]) in
            rows.map { ["label": $0.label, "code": $0.code, "applicants": $0.applicants, "placed": $0.placed, "rate": $0.rate, "mean": $0.meanChoice] }
        }
        let data: [String: Any] = [
            "heading": console.renderer.text("console_parity_heading", context, ["date": report.date, "run": String(report.runID)]),
            "run": report.runID, "counted": !report.household.isEmpty,
            "committed": report.status == "committed",
            "household": rows(table.household), "regions": rows(table.regions), "has_regions": !table.regions.isEmpty,
        ]
        return console.renderer.consolePage("console_parity", titleKey: "console_parity_title", data: data, context: context, request: request)
    }

    private func csv(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let (report, table) = try await report(request, context)
        let t = { (key: String) in console.renderer.text(key, context) }
        let header = ["table", "group", "code", "applicants", "placed", "rate", "mean"].map { t("console_parity_csv_" + $0) }
        let body = table.csv(header: header, householdName: t("console_parity_by_household"), regionName: t("console_parity_by_region"))
        var response = Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: body)))
        response.headers[.contentDisposition] = "attachment; filename=\"parity-run-\(report.runID).csv\""
        return response
    }
}
