import Logging
import PostgresNIO

/// The region a centre serves. Its posts lie in that region or below it, so the office above
/// the centre (whose scope is its own region and below, ADR 0016) always sees them and no
/// other office does. The API and the CSV import check it here, naming the field or the row;
/// migration 0020 checks the same in the database.
struct CentreRegion: Sendable, Equatable {
    let code: String
    /// The region's significant prefix (`511900` → `5119`), as the schema computes it.
    let prefix: String
    let name: String

    func contains(_ regionCode: String) -> Bool {
        regionCode.hasPrefix(prefix)
    }

    /// The problem with a post in `regionCode`, or nil when it lies within this region.
    func problem(_ regionCode: String, at pointer: String) -> FieldProblem? {
        guard !contains(regionCode) else { return nil }
        return FieldProblem(pointer: pointer, message: "region '\(regionCode)' is outside this centre's region, \(name) (\(code)); "
            + "a centre posts only in its own region and the regions below it")
    }

    static func load(centreID: Int64, on connection: PostgresConnection, logger: Logger) async throws -> CentreRegion? {
        let rows = try await connection.query(
            "SELECT r.code, r.prefix, r.name FROM centres c JOIN regions r ON r.code = c.region_code WHERE c.id = \(centreID)",
            logger: logger
        )
        for try await (code, prefix, name) in rows.decode((String, String, String).self) {
            return CentreRegion(code: code, prefix: prefix, name: name)
        }
        return nil
    }
}

extension VacancyDraft {
    /// Every problem, with the post's region also checked against its centre's.
    func problems(reference: VacancyReference?, centre: CentreRegion?) -> [FieldProblem] {
        var found = problems(reference: reference)
        if let centre, !found.contains(where: { $0.pointer == "/region" }), let problem = centre.problem(regionCode, at: "/region") {
            found.append(problem)
        }
        return found
    }
}
