import Foundation
import MatchStore
import OpenAPIRuntime

extension TalentMatchAPI {
    func listReferenceEditions(_ input: Operations.ListReferenceEditions.Input) async throws -> Operations.ListReferenceEditions.Output {
        let principal = try RequestInfo.principal()
        try Access.require(.referenceRead, of: principal)
        let entries = try await ReferenceEditionsInForce(database: database).list()
        return .ok(.init(body: .json(.init(items: entries.map {
            .init(dataset: $0.dataset, edition: $0.edition, source: $0.source, loadedAt: $0.loadedAt, complete: $0.complete)
        }))))
    }

    /// Reference tables are national, not scoped: an office token with `reference:write`
    /// loads an official edition for everyone, and the audit log records which token did.
    func importReferenceTable(_ input: Operations.ImportReferenceTable.Input) async throws -> Operations.ImportReferenceTable.Output {
        let principal = try RequestInfo.principal()
        try Access.requireOffice(principal)
        try Access.require(.referenceWrite, of: principal)
        let query = input.query
        let edition = query.edition.trimmingCharacters(in: .whitespaces)
        let source = query.source.trimmingCharacters(in: .whitespaces)
        guard ReferenceEdition.editionLengths.contains(edition.count) else { throw Problem.invalid("/query/edition", "1 to 100 characters") }
        guard ReferenceEdition.sourceLengths.contains(source.count) else { throw Problem.invalid("/query/source", "1 to 500 characters") }
        let effectiveDate = try Self.night(query.effectiveDate, pointer: "/query/effectiveDate")
        guard case .csv(let body) = input.body else { throw Problem(.unsupportedMediaType, "send the table as text/csv") }
        let bytes = try await [UInt8](collecting: body, upTo: .max)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw Problem(.validation, "the CSV is not UTF-8 text", errors: [.init(pointer: "", detail: "not UTF-8")])
        }
        let table = try CSVTable(fileName: "upload.csv", text: text)
        let store = ReferenceStore(database: database, auditedAs: principal.actor, source: RequestInfo.current.remoteAddress)
        let outcome: ReferenceStore.Outcome
        switch query.table {
        case .regions:
            outcome = try await store.loadRegions(
                RegionRecord.parse(table),
                edition: ReferenceEdition(dataset: .regions, edition: edition, source: source, effectiveDate: effectiveDate))
        case .keyAssistanceCounty, .hardshipArea, .westernDevelopment:
            let kind = DesignationKind(rawValue: query.table.rawValue) ?? .hardshipArea
            let list = DesignationList(
                kind: kind, title: kind.rawValue, complete: query.complete ?? false,
                edition: ReferenceEdition(dataset: .designations, edition: edition, source: source, effectiveDate: effectiveDate))
            let parsed = try DesignationRecord.parse(table, withCategory: kind.hasCategory)
            outcome = try await store.loadDesignations(parsed.records, list: list, fileName: table.fileName)
        }
        let result: Components.Schemas.ReferenceImportResult = switch outcome {
        case .loaded(let rows): .init(table: query.table, edition: edition, outcome: .loaded, rows: rows)
        case .alreadyLoaded: .init(table: query.table, edition: edition, outcome: .alreadyLoaded, rows: 0)
        }
        return .ok(.init(body: .json(result)))
    }
}
