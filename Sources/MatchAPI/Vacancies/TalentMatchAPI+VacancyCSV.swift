import Foundation
import MatchStore
import OpenAPIRuntime

/// Posts in and out as CSV (docs/vacancy-csv.md, ADR 0017).
extension TalentMatchAPI {
    /// A dry run answers 200 with the report, problems and all. A real import with problems
    /// writes nothing and answers 422, one `errors` entry per problem at `/rows/{row}/{column}`.
    func importVacancies(_ input: Operations.ImportVacancies.Input) async throws -> Operations.ImportVacancies.Output {
        let principal = try RequestInfo.principal()
        let centre = try VacancyAccess.writingCentre(principal)
        guard case .csv(let body) = input.body else { throw Problem(.unsupportedMediaType, "send the posts as text/csv") }
        let bytes = try await [UInt8](collecting: body, upTo: .max)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw Problem(.validation, "the CSV is not UTF-8 text; save it from Excel as \"CSV UTF-8\"",
                          errors: [.init(pointer: "", detail: "not UTF-8")])
        }
        let dryRun = input.query.dryRun ?? false
        let report = try await VacancyStore(database: scopedDatabase(principal))
            .importCSV(text, centreID: centre, dryRun: dryRun, context: VacancyAccess.context(principal))
        if !dryRun && !report.problems.isEmpty {
            throw Problem(
                .validation, "\(report.problems.count) problem(s) in the file; nothing was imported",
                errors: report.problems.map { .init(pointer: Self.rowPointer($0), detail: $0.message) })
        }
        return .ok(.init(body: .json(VacancyMapping.report(report))))
    }

    func exportVacancies(_ input: Operations.ExportVacancies.Input) async throws -> Operations.ExportVacancies.Output {
        let principal = try RequestInfo.principal()
        let scope = try VacancyAccess.readScope(principal)
        let csv = try await VacancyStore(database: scopedDatabase(principal)).exportCSV(scope: scope)
        return .ok(.init(headers: .init(contentDisposition: Self.attachment("vacancies", principal)), body: .csv(HTTPBody(csv))))
    }

    func exportOffers(_ input: Operations.ExportOffers.Input) async throws -> Operations.ExportOffers.Output {
        let principal = try RequestInfo.principal()
        let scope = try VacancyAccess.readScope(principal)
        let csv = try await VacancyStore(database: scopedDatabase(principal)).exportOffersCSV(scope: scope)
        return .ok(.init(headers: .init(contentDisposition: Self.attachment("offers", principal)), body: .csv(HTTPBody(csv))))
    }

    /// `/rows/12/seats`: the problem's row and column (as headed in the file), escaped per RFC 6901.
    static func rowPointer(_ problem: VacancyImportProblem) -> String {
        let column = problem.column.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
        return column.isEmpty ? "/rows/\(problem.row)" : "/rows/\(problem.row)/\(column)"
    }

    /// A file name with the organisation's code (ASCII by construction) and today's date.
    static func attachment(_ what: String, _ principal: Principal) -> String {
        let owner = principal.centreCode ?? principal.officeCode ?? "talentmatch"
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "yyyy-MM-dd"
        return "attachment; filename=\"\(owner)-\(what)-\(formatter.string(from: Date())).csv\""
    }
}
