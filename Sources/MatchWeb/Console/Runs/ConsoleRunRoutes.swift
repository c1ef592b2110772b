import Foundation
import Hummingbird
import MatchStore

/// The office's nights in the console (issue 15, ADR 0052): the list of the market runs it took
/// part in, newest first and paged, with its nights side by side as a chart, a table and a CSV.
/// Every read runs scoped (`StaffConsole.database(for:)`); staff who do not read runs, and a
/// centre's editor, find nothing here (404).
struct ConsoleRunRoutes {
    let console: StaffConsole

    static let pageSize = 30

    func register(on router: RouterGroup<GatewayRequestContext>) {
        router.get("runs") { request, context in try await list(request, context) }
        router.get("runs/charts/nights.csv") { request, context in try await nightsCSV(request, context) }
    }

    /// An office's staff member who reads runs; anyone else finds nothing here.
    static func reader(_ console: StaffConsole, _ request: Request, _ context: GatewayRequestContext) throws -> StaffIdentity {
        let staff = try console.requireStaff(request, context)
        guard staff.may(.runsRead), staff.centreID == nil else { throw HTTPError(.notFound) }
        return staff
    }

    /// The page of nights after run `before` (`?before=ID`), with one more to know if there is a next page.
    private func nights(_ staff: StaffIdentity, _ request: Request) async throws -> (page: [OfficeNights.Night], next: Int64?) {
        let before = request.uri.queryParameters["before"].flatMap { Int64($0) }
        let nights = try await OfficeNights(database: console.database(for: staff))
            .list(officeID: staff.officeID, before: before, limit: Self.pageSize + 1)
        let page = Array(nights.prefix(Self.pageSize))
        return (page, nights.count > Self.pageSize ? page.last?.run.id : nil)
    }

    private func list(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let staff = try Self.reader(console, request, context)
        let (page, next) = try await nights(staff, request)
        let t = { (key: String) in console.renderer.text(key, context) }
        let rows: [[String: Any]] = page.map { night in
            ["id": night.run.id, "date": night.run.date, "market": night.run.market,
             "status": t("console_runs_status_" + night.run.status), "committed": night.run.status == "committed",
             "seats": night.seats, "candidates": night.candidates, "offers": night.outcome.offers,
             "accepted": night.outcome.accepted, "declined": night.outcome.declined, "expired": night.outcome.expired]
        }
        let chart = NightsChart(nights: page) { key, arguments in console.renderer.text(key, context, arguments) }
        let before = request.uri.queryParameters["before"].map(String.init) ?? ""
        var data: [String: Any] = ["runs": rows, "has_runs": !rows.isEmpty, "next": next.map { "/console/runs?before=\($0)" } ?? ""]
        if !chart.table.rows.isEmpty {
            data["chart"] = ["title": chart.chart.title, "svg": chart.chart.svg(), "table": chart.table.values,
                             "csv": "/console/runs/charts/nights.csv" + (before.isEmpty ? "" : "?before=\(before)")] as [String: Any]
        }
        return console.renderer.consolePage("console_runs", titleKey: "console_runs_title", data: data, context: context, request: request)
    }

    private func nightsCSV(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let staff = try Self.reader(console, request, context)
        let (page, _) = try await nights(staff, request)
        let chart = NightsChart(nights: page) { key, arguments in console.renderer.text(key, context, arguments) }
        return Self.csv(chart.table.csv, filename: "nights-\(staff.officeCode).csv")
    }

    /// A CSV download, as the posts' export sends one.
    static func csv(_ text: String, filename: String) -> Response {
        var response = Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(string: text)))
        response.headers[.contentDisposition] = "attachment; filename=\"\(filename)\""
        return response
    }
}
