import Foundation
import MatchStore

/// Between the contract's vacancy schemas and the store's types. Enumerations travel as
/// their raw values (the database's spellings), so the mapping is one-to-one; everything
/// beyond the types (ranges, codes, the legal basis) is the store's validation, which names
/// each problem by the same JSON pointer the body uses.
enum VacancyMapping {
    static func draft(from input: Components.Schemas.VacancyInput) -> VacancyDraft {
        VacancyDraft(
            externalID: input.externalId, title: input.title, description: input.description ?? "", regionCode: input.region,
            seats: input.seats, target: input.target, staffingType: input.staffingType.rawValue,
            minEducation: input.minEducation?.rawValue ?? "associate", minTitle: input.minTitle?.rawValue ?? "none",
            minExperienceYears: input.minExperienceYears ?? 0, acceptedModes: input.acceptedModes.map(\.rawValue),
            serviceYears: input.serviceYears,
            specialties: (input.requirements ?? []).map { .init(code: $0.specialty, acceptedFit: $0.acceptedFit?.rawValue ?? "same_class") },
            incentives: (input.incentives ?? []).map { .init(kind: $0.kind.rawValue, amountYuan: $0.amountYuan, note: $0.note ?? "") },
            householdRules: (input.householdRules ?? []).map { .init(kind: $0.kind.rawValue, regionCode: $0.region, legalBasis: $0.legalBasis) }
        )
    }

    static func status(from input: Components.Schemas.VacancyInput) -> VacancyStatus? {
        input.status.flatMap { VacancyStatus(rawValue: $0.rawValue) }
    }

    static func vacancy(_ vacancy: Vacancy) throws -> Components.Schemas.Vacancy {
        let draft = vacancy.draft
        return Components.Schemas.Vacancy(
            id: vacancy.id, centre: vacancy.centreCode, externalId: draft.externalID, title: draft.title,
            description: draft.description.isEmpty ? nil : draft.description, region: draft.regionCode, seats: draft.seats,
            target: draft.target, staffingType: try code(draft.staffingType), minEducation: try code(draft.minEducation),
            minTitle: try code(draft.minTitle), minExperienceYears: draft.minExperienceYears,
            acceptedModes: try draft.acceptedModes.map(code), serviceYears: draft.serviceYears,
            requirements: try draft.specialties.map { .init(specialty: $0.code, acceptedFit: try code($0.acceptedFit)) },
            incentives: try draft.incentives.map {
                .init(kind: try code($0.kind), amountYuan: $0.amountYuan, note: $0.note.isEmpty ? nil : $0.note)
            },
            householdRules: try draft.householdRules.map { .init(kind: try code($0.kind), region: $0.regionCode, legalBasis: $0.legalBasis) },
            status: try code(vacancy.status.rawValue), acceptedOffers: vacancy.acceptedOffers, pendingOffers: vacancy.pendingOffers,
            updatedAt: vacancy.updatedAt
        )
    }

    static func offer(_ offer: VacancyOffer) throws -> Components.Schemas.Offer {
        .init(id: offer.offerID, runId: offer.runID, candidateName: offer.candidateName, state: try code(offer.state),
              deadline: offer.deadline, createdAt: offer.createdAt)
    }

    static func report(_ report: VacancyImportReport) -> Components.Schemas.ImportReport {
        .init(dryRun: report.dryRun, rows: report.rows, created: report.created, updated: report.updated, unchanged: report.unchanged,
              invalid: report.invalid, problems: report.problems.map { .init(row: $0.row, column: $0.column, problem: $0.message) })
    }

    /// A stored value as the contract's enumeration. The database's CHECKs and the contract
    /// list the same values, so a miss is the server's bug, never the client's.
    private static func code<Value: RawRepresentable>(_ raw: String) throws -> Value where Value.RawValue == String {
        guard let value = Value(rawValue: raw) else {
            throw Problem(.internalError, "a stored value '\(raw)' is not in the contract's \(Value.self)")
        }
        return value
    }
}
