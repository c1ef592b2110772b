import Foundation
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

/// Opaque keyset cursors: the last id of the previous page, so a page is an index range
/// scan, never an offset. Encoded so that clients treat them as opaque.
enum PageCursor {
    static func encode(lastID: Int64) -> String {
        Base64URL.base64url(Array("k:\(lastID)".utf8))
    }

    static func decode(_ text: String?) throws -> Int64? {
        guard let text else { return nil }
        guard let bytes = Base64URL.fromBase64url(text),
              let string = String(bytes: bytes, encoding: .utf8), string.hasPrefix("k:"),
              let id = Int64(string.dropFirst(2)), id > 0
        else { throw Problem.invalid("/query/cursor", "not a cursor this API issued; pass the `next` value of a page") }
        return id
    }

    static func limit(_ value: Int?) throws -> Int {
        let limit = value ?? 50
        guard (1...500).contains(limit) else { throw Problem.invalid("/query/limit", "must be 1 to 500, got \(limit)") }
        return limit
    }
}

/// base64url without padding, for cursors.
enum Base64URL {
    static func base64url(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func fromBase64url(_ text: String) -> [UInt8]? {
        var base = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base.count % 4 != 0 { base += "=" }
        return Data(base64Encoded: base).map(Array.init)
    }
}
