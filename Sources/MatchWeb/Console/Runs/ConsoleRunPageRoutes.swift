import Foundation
import Hummingbird
import MatchStore
import MatchWorkflow

/// One night as an office sees it (issue 15, ADR 0052): its part of the market's run (summary,
/// what became of its offers, the verifier's verdict, the snapshot's hash and the lottery),
/// its charts with their tables and CSVs, its offers (searchable, paged) and their CSV export.
/// A run of another market, or one the office took no part in, is 404, as is everything here
/// for staff who do not read runs.
struct ConsoleRunPageRoutes {
    let console: StaffConsole

    static let pageSize = 50

    func register(on router: RouterGroup<GatewayRequestContext>) {
        router.get("runs/:id") { request, context in try await show(request, context) }
        router.get("runs/:id/offers.csv") { request, context in try await offersCSV(request, context) }
        router.get("runs/:id/charts/:file") { request, context in try await chartCSV(request, context) }
    }

    /// The reader, and the office's part of the run in the path, or 404.
    private func officePart(_ request: Request, _ context: GatewayRequestContext) async throws -> (StaffIdentity, OfficeNights.Part) {
        let staff = try ConsoleRunRoutes.reader(console, request, context)
        guard let text = context.parameters.get("id"), let id = Int64(text), id > 0,
              let part = try await OfficeNights(database: console.database(for: staff)).part(runID: id, officeID: staff.officeID)
        else { throw HTTPError(.notFound) }
        return (staff, part)
    }

    private func show(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let (staff, part) = try await officePart(request, context)
        let run = part.run
        let t = { (key: String) in console.renderer.text(key, context) }
        let query = request.uri.queryParameters
        let search = query["q"].map { String($0).trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : String($0.prefix(100)) }
        let after = query["after"].flatMap { Int64($0) }
        let found = try await OfficeNights(database: console.database(for: staff))
            .offers(runID: run.id, search: search, after: after, limit: Self.pageSize + 1)
        let offers = found.prefix(Self.pageSize)
        let next = found.count > Self.pageSize ? offers.last.map { last in
            "/console/runs/\(run.id)?" + (search.map { "q=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&" } ?? "")
                + "after=\(last.candidateID)"
        } : nil
        let summary = part.summary
        let figures: [(String, String)] = [
            ("console_runs_vacancies", String(summary.vacancies)), ("console_runs_seats", String(summary.seats)),
            ("console_runs_candidates", String(summary.candidates)), ("console_runs_filled", String(summary.filled)),
            ("console_runs_fill_rate", ChartScale.text(RunCharts.rate(filled: summary.filled, seats: summary.seats)) + "%"),
            ("console_runs_underserved", "\(summary.underservedFilled) / \(summary.underservedSeats)"),
            ("console_runs_excluded", String(summary.excludedCount)), ("console_runs_left_out", String(summary.candidatesLeftOut)),
        ]
        let outcome = part.outcome
        let outcomes: [(String, Int)] = [
            ("console_chart_col_offers", outcome.offers), ("console_runs_pending", outcome.pending),
            ("console_runs_under_review", outcome.underReview), ("console_chart_col_accepted", outcome.accepted),
            ("console_chart_col_declined", outcome.declined), ("console_chart_col_expired", outcome.expired),
            ("console_runs_withdrawn", outcome.withdrawn),
        ]
        let charts = RunCharts(part: part) { key, arguments in console.renderer.text(key, context, arguments) }
        let data: [String: Any] = [
            "heading": console.renderer.text("console_runs_run_title", context, ["date": run.date, "id": String(run.id)]),
            "id": run.id, "date": run.date, "market": run.market, "status": t("console_runs_status_" + run.status),
            "failure": run.failure ?? "", "policy_version": run.policyVersion.map(String.init) ?? t("console_runs_no_policy"),
            "figures": figures.map { ["label": t($0.0), "value": $0.1] }, "outcomes": outcomes.map { ["label": t($0.0), "value": $0.1] },
            "stable": summary.stable,
            "verdict": summary.stable ? t("console_runs_verdict_stable")
                : console.renderer.text("console_runs_verdict_violations", context, ["count": String(summary.violations)]),
            "hash": run.snapshotHash, "commitment": run.seedCommitment ?? "", "secret": run.seedSecret ?? "",
            "seed": String(run.seed), "couples": run.couples.map(String.init) ?? "",
            "settlement": run.couplesSettlement.map { t("console_runs_settlement_" + $0.replacingOccurrences(of: "-", with: "_")) } ?? "",
            "charts": charts.charts(runID: run.id),
            "offers": offers.map { offer in
                ["candidate": offer.candidateID, "vacancy": offer.vacancyID, "external_id": offer.externalID, "title": offer.title,
                 "region": offer.region, "rank": offer.choiceRank, "score": offer.score.map { String(format: "%.2f", $0) } ?? "",
                 "state": t("console_runs_offer_" + offer.state)] as [String: Any]
            },
            "has_offers": !offers.isEmpty, "q": search ?? "", "filtered": search != nil, "next": next ?? "",
        ]
        return console.renderer.consolePage("console_run", titleKey: "console_runs_title", data: data, context: context, request: request)
    }

    /// The night's offers the office may see, through the export the command line and the API
    /// use (`RunExport.assignmentsCSV`), on the scoped pool: row-level security keeps another
    /// office's offers out of it.
    private func offersCSV(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let (staff, part) = try await officePart(request, context)
        let csv: String
        do {
            csv = try await RunExport(database: console.database(for: staff)).assignmentsCSV(runID: part.run.id)
        } catch RunExportError.noSuchRun {
            throw HTTPError(.notFound)
        }
        return ConsoleRunRoutes.csv(csv, filename: "run-\(part.run.id)-offers-\(staff.officeCode).csv")
    }

    private func chartCSV(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let (staff, part) = try await officePart(request, context)
        guard let file = context.parameters.get("file"), file.hasSuffix(".csv") else { throw HTTPError(.notFound) }
        let charts = RunCharts(part: part) { key, arguments in console.renderer.text(key, context, arguments) }
        guard let table = charts.table(String(file.dropLast(4))) else { throw HTTPError(.notFound) }
        return ConsoleRunRoutes.csv(table.csv, filename: "run-\(part.run.id)-\(table.name)-\(staff.officeCode).csv")
    }
}
