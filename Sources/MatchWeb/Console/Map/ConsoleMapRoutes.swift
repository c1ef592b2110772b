import Foundation
import Hummingbird
import MatchStore

/// A night's fill rate on a map of the office's counties (issue 15, ADR 0055): each county
/// coloured by the share of its seats this night's offers filled, hardship and key assistance
/// counties marked, with the same numbers as a table and a CSV, so a screen reader and a
/// spreadsheet get what the eye gets. Office staff who read runs see their own office's part
/// of a night they took part in; anyone else finds nothing (404).
struct ConsoleMapRoutes {
    let console: StaffConsole

    func register(on router: RouterGroup<GatewayRequestContext>) {
        router.get("runs/:id/map") { request, context in try await page(request, context) }
        router.get("runs/:id/map.csv") { request, context in try await csv(request, context) }
    }

    /// What both the page and the CSV show.
    private struct NightMap {
        let part: OfficeNights.Part
        let area: CountyOutlineReader.Area
        let counties: [CountyFill]
        let elsewhere: [NightlySummary.RegionFill]
    }

    private func load(_ request: Request, _ context: GatewayRequestContext) async throws -> NightMap {
        let staff = try console.requireStaff(request, context)
        guard staff.may(.runsRead), staff.centreID == nil,
              let text = context.parameters.get("id"), let runID = Int64(text), runID > 0,
              let part = try await OfficeNights(database: console.database(for: staff)).part(runID: runID, officeID: staff.officeID)
        else { throw HTTPError(.notFound) }
        let area = try await CountyOutlineReader(database: console.gateway.database).area(regionPrefix: staff.regionPrefix)
        let joined = CountyFill.join(area: area.counties, fill: part.summary.regions)
        return NightMap(part: part, area: area, counties: joined.counties, elsewhere: joined.elsewhere)
    }

    private func page(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let map = try await load(request, context)
        let t = { (key: String, arguments: [String: String]) in console.renderer.text(key, context, arguments) }
        let run = map.part.run
        let drawing = CountyMapDrawing(
            title: t("console_map_heading", ["date": run.date]), description: t("console_map_desc", [:]),
            counties: map.counties.compactMap { row in
                row.county.path.map { path in
                    CountyMapDrawing.County(code: row.county.code, path: path, fill: row.fillClass,
                                            hardship: row.county.hardshipCategory != nil, keyAssistance: row.county.keyAssistance,
                                            label: label(row, t))
                }
            })
        let svg = drawing.svg()
        let missing = map.counties.filter { $0.county.path == nil }.map(\.county.name)
        let data: [String: Any] = [
            "heading": t("console_map_heading", ["date": run.date]),
            "run": run.id, "svg": svg ?? "", "no_outlines": svg == nil,
            // Nights from before ADR 0052 stored no fill by region: no colours rather than wrong ones.
            "no_fill": map.part.summary.regions.isEmpty,
            "legend": FillRateClass.allCases.map { ["colour": $0.colour, "label": t($0.labelKey, [:])] },
            "rows": map.counties.map { row in
                ["name": row.county.name, "code": row.county.code, "seats": row.seats, "filled": row.filled,
                 "rate": row.percent.map { "\($0)%" } ?? "", "class": row.fillClass.rawValue, "designations": designations(row, t)]
            },
            "elsewhere": map.elsewhere.map { ["name": map.part.regionNames[$0.region] ?? $0.region, "code": $0.region, "seats": $0.seats, "filled": $0.filled] },
            "has_elsewhere": !map.elsewhere.isEmpty,
            "missing": missing.isEmpty ? "" : t("console_map_missing", ["names": console.renderer.list(missing, context)]),
            "source": map.area.edition.map { t("console_map_source", ["edition": $0, "source": map.area.source ?? ""]) } ?? "",
        ]
        return console.renderer.consolePage("console_map", titleKey: "console_map_title", data: data, context: context, request: request)
    }

    private func csv(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let map = try await load(request, context)
        let t = { (key: String) in console.renderer.text(key, context) }
        var writer = CSVWriter(header: ["console_map_col_county", "console_map_col_code", "console_map_col_seats", "console_map_col_filled",
                                        "console_map_col_rate", "console_map_col_hardship", "console_map_col_key_assistance"].map(t))
        for row in map.counties {
            writer.append([row.county.name, row.county.code, String(row.seats), String(row.filled), row.percent.map { "\($0)%" } ?? "",
                           row.county.hardshipCategory.map(String.init) ?? "", row.county.keyAssistance ? "1" : ""])
        }
        for region in map.elsewhere {
            writer.append([map.part.regionNames[region.region] ?? region.region, region.region, String(region.seats), String(region.filled), "", "", ""])
        }
        var response = Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(string: writer.text)))
        response.headers[.contentDisposition] = "attachment; filename=\"county-fill-\(map.part.run.date).csv\""
        return response
    }

    private func label(_ row: CountyFill, _ t: (String, [String: String]) -> String) -> String {
        guard let percent = row.percent else { return t("console_map_county_no_posts", ["name": row.county.name]) }
        return t("console_map_county_label", ["name": row.county.name, "seats": String(row.seats), "filled": String(row.filled),
                                              "rate": "\(percent)%"])
    }

    private func designations(_ row: CountyFill, _ t: (String, [String: String]) -> String) -> String {
        var marks: [String] = []
        if let category = row.county.hardshipCategory { marks.append(t("console_map_hardship_category", ["category": String(category)])) }
        if row.county.keyAssistance { marks.append(t("console_map_key_assistance_short", [:])) }
        return marks.joined(separator: " · ")
    }
}
