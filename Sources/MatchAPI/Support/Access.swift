import MatchStore

/// The handler half of the double enforcement (ADR 0016): permissions and scope checked
/// before any store is called. Row-level security is the other half, and catches what a
/// handler forgets.
enum Access {
    static func require(_ permission: Permission, of principal: Principal) throws {
        guard principal.may(permission) else {
            throw Problem(.forbidden, "this token lacks the '\(permission.rawValue)' permission")
        }
    }

    /// An office the caller may read: its own, or one in a region below its own. Anything
    /// else is 404, so a token learns nothing about offices outside its scope.
    static func visibleOffice(_ code: String, for principal: Principal, in database: Database) async throws -> OfficeRecord {
        guard case .office(_, _, let prefix) = principal.organisation else {
            throw Problem(.forbidden, "this is an office operation; a centre token may not call it")
        }
        guard let office = try await OfficeRecord.find(code: code, in: database), office.isWithin(prefix: prefix) else {
            throw Problem(.notFound, "no office '\(code)' in this token's region")
        }
        return office
    }

    /// An office the caller may act for: only its own. A visible office below it is 403.
    static func ownOffice(_ code: String, for principal: Principal, in database: Database) async throws -> OfficeRecord {
        let office = try await visibleOffice(code, for: principal, in: database)
        guard case .office(let id, _, _) = principal.organisation, id == office.id else {
            throw Problem(.forbidden, "a token acts only for its own office; office '\(code)' is below it")
        }
        return office
    }

    static func requireOffice(_ principal: Principal) throws {
        guard case .office = principal.organisation else {
            throw Problem(.forbidden, "this is an office operation; a centre token may not call it")
        }
    }
}
