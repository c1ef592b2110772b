import Foundation
import MatchStore
import OpenAPIRuntime

/// A centre's posts: create, update, open, close, and the listings. Every handler checks the
/// token's permission and scope first; the store filters by the same scope, and row-level
/// security underneath by the transaction's scope.
extension TalentMatchAPI {
    func listVacancies(_ input: Operations.ListVacancies.Input) async throws -> Operations.ListVacancies.Output {
        let principal = try RequestInfo.principal()
        let scope = try VacancyAccess.readScope(principal)
        let limit = try PageCursor.limit(input.query.limit)
        let (page, posts) = try await VacancyStore(database: scopedDatabase(principal)).page(
            scope: scope, status: input.query.status.flatMap { VacancyStatus(rawValue: $0.rawValue) },
            cursor: input.query.cursor, limit: limit)
        return .ok(.init(body: .json(.init(items: try posts.map(VacancyMapping.vacancy), next: page.nextCursor))))
    }

    func createVacancy(_ input: Operations.CreateVacancy.Input) async throws -> Operations.CreateVacancy.Output {
        let principal = try RequestInfo.principal()
        let centre = try VacancyAccess.writingCentre(principal)
        guard case .json(let body) = input.body else { throw Problem(.unsupportedMediaType, "send the post as application/json") }
        let vacancy = try await VacancyStore(database: scopedDatabase(principal)).create(
            VacancyMapping.draft(from: body), centreID: centre, status: VacancyMapping.status(from: body) ?? .draft,
            context: VacancyAccess.context(principal))
        return .created(.init(body: .json(try VacancyMapping.vacancy(vacancy))))
    }

    func getVacancy(_ input: Operations.GetVacancy.Input) async throws -> Operations.GetVacancy.Output {
        let principal = try RequestInfo.principal()
        let scope = try VacancyAccess.readScope(principal)
        let vacancy = try await VacancyStore(database: scopedDatabase(principal)).get(id: input.path.vacancyId, scope: scope)
        return .ok(.init(body: .json(try VacancyMapping.vacancy(vacancy))))
    }

    func updateVacancy(_ input: Operations.UpdateVacancy.Input) async throws -> Operations.UpdateVacancy.Output {
        let principal = try RequestInfo.principal()
        let centre = try VacancyAccess.writingCentre(principal)
        guard case .json(let body) = input.body else { throw Problem(.unsupportedMediaType, "send the post as application/json") }
        let vacancy = try await VacancyStore(database: scopedDatabase(principal)).update(
            id: input.path.vacancyId, VacancyMapping.draft(from: body), centreID: centre, status: VacancyMapping.status(from: body),
            context: VacancyAccess.context(principal))
        return .ok(.init(body: .json(try VacancyMapping.vacancy(vacancy))))
    }

    func openVacancy(_ input: Operations.OpenVacancy.Input) async throws -> Operations.OpenVacancy.Output {
        let principal = try RequestInfo.principal()
        let centre = try VacancyAccess.writingCentre(principal)
        let vacancy = try await VacancyStore(database: scopedDatabase(principal))
            .open(id: input.path.vacancyId, centreID: centre, context: VacancyAccess.context(principal))
        return .ok(.init(body: .json(try VacancyMapping.vacancy(vacancy))))
    }

    func closeVacancy(_ input: Operations.CloseVacancy.Input) async throws -> Operations.CloseVacancy.Output {
        let principal = try RequestInfo.principal()
        let centre = try VacancyAccess.writingCentre(principal)
        let vacancy = try await VacancyStore(database: scopedDatabase(principal))
            .close(id: input.path.vacancyId, centreID: centre, context: VacancyAccess.context(principal))
        return .ok(.init(body: .json(try VacancyMapping.vacancy(vacancy))))
    }

    func listVacancyOffers(_ input: Operations.ListVacancyOffers.Input) async throws -> Operations.ListVacancyOffers.Output {
        let principal = try RequestInfo.principal()
        let scope = try VacancyAccess.readScope(principal)
        let limit = try PageCursor.limit(input.query.limit)
        let page = try await VacancyStore(database: scopedDatabase(principal))
            .offers(vacancyID: input.path.vacancyId, scope: scope, cursor: input.query.cursor, limit: limit)
        return .ok(.init(body: .json(.init(items: try page.items.map(VacancyMapping.offer), next: page.nextCursor))))
    }

    /// The nights that left the vacancy out, for its centre and its offices (row-level security
    /// decides; a vacancy outside the token's scope is 404 like everywhere else).
    func listVacancyExclusions(_ input: Operations.ListVacancyExclusions.Input) async throws -> Operations.ListVacancyExclusions.Output {
        let principal = try RequestInfo.principal()
        let scope = try VacancyAccess.readScope(principal)
        let scoped = scopedDatabase(principal)
        _ = try await VacancyStore(database: scoped).get(id: input.path.vacancyId, scope: scope)
        let exclusions = try await RunReports(database: scoped).exclusions(vacancyID: input.path.vacancyId)
        return .ok(.init(body: .json(exclusions.map(RunMapping.exclusion))))
    }
}
