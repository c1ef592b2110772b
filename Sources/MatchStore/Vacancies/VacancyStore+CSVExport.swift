import Foundation

extension VacancyStore {
    /// All of a centre's posts as CSV in the import format (English headers and codes), in id
    /// order: importing the export gives the same posts.
    public func exportCSV(centreID: Int64) async throws -> String {
        try await exportCSV(scope: .centre(centreID))
    }

    public func exportCSV(scope: VacancyScope) async throws -> String {
        let logger = database.logger
        let vacancies = try await database.transaction { connection in
            try await VacancyReader(connection: connection, logger: logger).read(scope: scope, .all)
        }
        var writer = CSVWriter(header: VacancyCSVColumn.allCases.map(\.rawValue))
        for vacancy in vacancies { writer.append(Self.cells(vacancy)) }
        return writer.text
    }

    /// The offers made on a centre's posts (all posts, or one), oldest first.
    /// (A candidate's rank of the post is theirs, not the centre's, and is left out.)
    public func exportOffersCSV(centreID: Int64, vacancyID: Int64? = nil) async throws -> String {
        try await exportOffersCSV(scope: .centre(centreID), vacancyID: vacancyID)
    }

    public func exportOffersCSV(scope: VacancyScope, vacancyID: Int64? = nil) async throws -> String {
        let logger = database.logger
        return try await database.transaction { connection in
            let rows = try await connection.query(
                """
                SELECT o.id, v.id, v.external_id, v.title, o.run_id, c.full_name, o.state, o.deadline, o.created_at
                FROM offers o
                JOIN vacancies v ON v.id = o.vacancy_id
                JOIN candidates c ON c.id = o.candidate_id
                WHERE (\(vacancyID)::int8 IS NULL OR o.vacancy_id = \(vacancyID)::int8)
                  AND (v.centre_id = \(scope.centreID)::int8
                       OR v.region_code LIKE (SELECT r.prefix || '%' FROM offices f JOIN regions r ON r.code = f.region_code
                                              WHERE f.id = \(scope.officeID)::int8))
                ORDER BY o.id
                """,
                logger: logger
            )
            var writer = CSVWriter(header: Self.offerColumns)
            let dates = ISO8601DateFormatter()
            for try await (offer, vacancy, externalID, title, run, name, state, deadline, created)
                in rows.decode((Int64, Int64, String, String, Int64, String, String, Date, Date).self) {
                writer.append(["\(offer)", "\(vacancy)", externalID, title, "\(run)", name, state,
                               dates.string(from: deadline), dates.string(from: created)])
            }
            return writer.text
        }
    }

    public static let offerColumns = ["offer_id", "vacancy_id", "external_id", "title", "run_id", "candidate_name", "state",
                                      "deadline", "created_at"]

    static func cells(_ vacancy: Vacancy) -> [String] {
        VacancyCSVColumn.allCases.map { column in
            column == .status ? vacancy.status.rawValue : cell(column, of: vacancy.draft)
        }
    }

    /// One field of a draft as the CSV (and the console's form) writes it.
    static func cell(_ column: VacancyCSVColumn, of draft: VacancyDraft) -> String {
        switch column {
        case .externalID: draft.externalID
        case .title: draft.title
        case .description: draft.description
        case .regionCode: draft.regionCode
        case .seats: "\(draft.seats)"
        case .target: draft.target.map { "\($0)" } ?? ""
        case .staffingType: draft.staffingType
        case .minEducation: draft.minEducation
        case .minTitle: draft.minTitle
        case .minExperienceYears: "\(draft.minExperienceYears)"
        case .acceptedModes: VacancyCSVValues.joinList(draft.acceptedModes)
        case .serviceYears: draft.serviceYears.map { "\($0)" } ?? ""
        case .specialties: VacancyCSVValues.joinList(draft.specialties.map { "\($0.code):\($0.acceptedFit)" })
        case .incentives: VacancyCSVValues.joinList(draft.incentives.map { "\($0.kind):\($0.amountYuan.map { "\($0)" } ?? ""):\($0.note)" })
        case .householdRules: VacancyCSVValues.joinList(draft.householdRules.map { "\($0.kind):\($0.regionCode):\($0.legalBasis)" })
        case .status: ""
        }
    }
}
