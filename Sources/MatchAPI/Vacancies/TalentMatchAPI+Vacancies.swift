import OpenAPIRuntime

// TEMPORARY: the vacancy operations of the contract answer 501 until the vacancies branch
// (issue5-vacancies) replaces this file with its handlers. They are routed (the contract
// test requires every path to be served) and authenticated like every other operation;
// they are not done.
//
// For the replacement: `RequestInfo.principal()` is the caller; `Access.require(.vacanciesWrite,
// of:)` checks a permission; `scopedDatabase(principal)` gives the stores a handle whose
// transactions run under row-level security (reads must use `database.transaction` too);
// throw `Problem`s or store errors and map new store errors in `ProblemMapping`; pages use
// `PageCursor`; `AuditContext(actor: principal.actor, source: RequestInfo.current.remoteAddress)`.
// Remove each operation from Tests/fuzz/pending-operations.txt as it lands.
extension TalentMatchAPI {
    private func notImplemented(_ operation: String) throws -> Never {
        _ = try RequestInfo.principal()
        throw Problem(.notImplemented, "\(operation) is not implemented yet")
    }

    func listVacancies(_ input: Operations.ListVacancies.Input) async throws -> Operations.ListVacancies.Output {
        try notImplemented("listing vacancies")
    }

    func createVacancy(_ input: Operations.CreateVacancy.Input) async throws -> Operations.CreateVacancy.Output {
        try notImplemented("creating a vacancy")
    }

    func getVacancy(_ input: Operations.GetVacancy.Input) async throws -> Operations.GetVacancy.Output {
        try notImplemented("reading a vacancy")
    }

    func updateVacancy(_ input: Operations.UpdateVacancy.Input) async throws -> Operations.UpdateVacancy.Output {
        try notImplemented("updating a vacancy")
    }

    func openVacancy(_ input: Operations.OpenVacancy.Input) async throws -> Operations.OpenVacancy.Output {
        try notImplemented("opening a vacancy")
    }

    func closeVacancy(_ input: Operations.CloseVacancy.Input) async throws -> Operations.CloseVacancy.Output {
        try notImplemented("closing a vacancy")
    }

    func listVacancyOffers(_ input: Operations.ListVacancyOffers.Input) async throws -> Operations.ListVacancyOffers.Output {
        try notImplemented("listing a vacancy's offers")
    }

    func importVacancies(_ input: Operations.ImportVacancies.Input) async throws -> Operations.ImportVacancies.Output {
        try notImplemented("importing posts from CSV")
    }

    func exportVacancies(_ input: Operations.ExportVacancies.Input) async throws -> Operations.ExportVacancies.Output {
        try notImplemented("exporting posts as CSV")
    }

    func exportOffers(_ input: Operations.ExportOffers.Input) async throws -> Operations.ExportOffers.Output {
        try notImplemented("exporting offers as CSV")
    }
}
