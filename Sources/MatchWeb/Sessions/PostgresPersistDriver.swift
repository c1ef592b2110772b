import Foundation
import Hummingbird
import MatchStore

/// Hummingbird's persist framework over PostgreSQL, for hummingbird-auth's `SessionStorage`.
///
/// Values are JSON; keys are stored only as SHA-256 hashes (see `WebSessionTable`), and
/// expired rows are invisible at once and deleted by `prune`.
struct PostgresPersistDriver: PersistDriver {
    let table: WebSessionTable

    init(database: Database) {
        self.table = WebSessionTable(database: database)
    }

    func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        do {
            try await table.set(key: key, json: try Self.encode(value), expiresIn: expires.map(Self.seconds), onlyIfNew: true)
        } catch is WebSessionTable.DuplicateKey {
            throw PersistError.duplicate
        }
    }

    func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        try await table.set(key: key, json: try Self.encode(value), expiresIn: expires.map(Self.seconds), onlyIfNew: false)
    }

    func get<Object: Codable & Sendable>(key: String, as: Object.Type) async throws -> Object? {
        try await getWithTTL(key: key, as: Object.self)?.object
    }

    func getWithTTL<Object: Codable & Sendable>(key: String, as: Object.Type) async throws -> (object: Object, ttl: Duration?)? {
        guard let (json, left) = try await table.get(key: key) else { return nil }
        do {
            let object = try Self.decoder.decode(Object.self, from: Data(json.utf8))
            return (object, left.map { .milliseconds(Int64($0 * 1000)) })
        } catch {
            throw PersistError.invalidConversion
        }
    }

    func remove(key: String) async throws {
        try await table.remove(key: key)
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }()
}
