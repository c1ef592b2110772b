import MatchStore

extension TalentMatchAPI {
    func getCurrentPolicy(_ input: Operations.GetCurrentPolicy.Input) async throws -> Operations.GetCurrentPolicy.Output {
        let principal = try RequestInfo.principal()
        try Access.require(.policiesRead, of: principal)
        let office = try await Access.visibleOffice(input.path.officeCode, for: principal, in: database)
        guard let version = try await PolicyStore(database: scopedDatabase(principal)).current(officeCode: office.code) else {
            throw Problem(.notFound, "office '\(office.code)' has no policy yet; create version 1 with POST .../policies")
        }
        return .ok(.init(body: .json(PolicyMapping.document(office: office.code, version: version))))
    }

    func createPolicyVersion(_ input: Operations.CreatePolicyVersion.Input) async throws -> Operations.CreatePolicyVersion.Output {
        let principal = try RequestInfo.principal()
        try Access.require(.policiesWrite, of: principal)
        let office = try await Access.ownOffice(input.path.officeCode, for: principal, in: database)
        guard case .json(let body) = input.body else { throw Problem(.unsupportedMediaType, "send the policy as application/json") }
        let draft = try PolicyMapping.draft(from: body)
        let store = PolicyStore(database: scopedDatabase(principal))
        _ = try await store.create(officeCode: office.code, draft: draft, actor: principal.actor, source: RequestInfo.current.remoteAddress)
        guard let version = try await store.current(officeCode: office.code) else {
            throw Problem(.internalError, "the new policy version was stored but cannot be read back")
        }
        return .created(.init(body: .json(PolicyMapping.document(office: office.code, version: version))))
    }
}
