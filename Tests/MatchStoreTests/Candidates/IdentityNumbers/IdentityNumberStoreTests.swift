import Foundation
@testable import MatchStore
import MatchStoreTesting
import PostgresNIO
import Testing

@Suite("ID numbers in the database")
struct IdentityNumberStoreTests {
    static let numbers = ["11010519491231002X", "511921199001011231"]

    /// Two candidates with the sensitive-data consent; returns their ids.
    static func candidates(_ database: Database) async throws -> [Int64] {
        var ids: [Int64] = []
        for index in 0..<2 {
            let rows = try await database.client.query(
                """
                INSERT INTO candidates (full_name, contact, education, accepted_modes)
                VALUES ('测试', \("c\(index)@example.cn"), 'bachelor', ARRAY['full_transfer']) RETURNING id
                """,
                logger: database.logger
            )
            for try await id in rows.decode(Int64.self) { ids.append(id) }
        }
        try await database.client.query(
            "INSERT INTO candidate_consents (candidate_id, purpose) SELECT unnest(\(ids)::int8[]), 'sensitive_data'", logger: database.logger
        )
        try await database.client.query(
            """
            INSERT INTO candidate_accounts (candidate_id, password_hash)
            SELECT unnest(\(ids)::int8[]), \("$2b$12$" + String(repeating: "a", count: 53))
            """,
            logger: database.logger
        )
        return ids
    }

    static func save(_ database: Database, _ id: Int64, _ number: String, _ vault: IdentityNumberVault) async throws {
        let sealed = try vault.seal(try ResidentIdentityNumber(number), candidateID: id)
        let record = CandidateProfileRecord(
            fullName: "", contact: "", education: "bachelor", title: "none", experienceYears: 1, hukouRegion: nil, hukouType: nil,
            currentRegion: nil, acceptedModes: ["full_transfer"], programmes: [], hardshipWilling: false, specialties: ["090101"], complete: true
        )
        try await CandidateProfileStore(database: database).save(candidateID: id, record, identityNumber: .replace(sealed), source: "test")
    }

    static func stored(_ database: Database) async throws -> [Int64: (hash: Data, ciphertext: Data)] {
        let rows = try await database.client.query(
            "SELECT id, id_number_hash, id_number_ciphertext FROM candidates WHERE id_number_hash IS NOT NULL", logger: database.logger
        )
        var result: [Int64: (Data, Data)] = [:]
        for try await (id, hash, ciphertext) in rows.decode((Int64, Data, Data).self) { result[id] = (hash, ciphertext) }
        return result
    }

    @Test("rekey re-seals every number under the newest key and re-hashes it with a replaced hash key, in one go")
    func rekey() async throws {
        try await withTestDatabase { database in
            let ids = try await Self.candidates(database)
            let first = IdentityNumberKeys.generate()
            for (id, number) in zip(ids, Self.numbers) { try await Self.save(database, id, number, IdentityNumberVault(keys: first)) }
            let rotated = try #require(first.addingEncryptionKey()).replacingHashKey()
            let vault = IdentityNumberVault(keys: rotated)
            let report = try await IdentityNumberStore(database: database).rekey(with: vault, actor: "test")
            #expect(report.resealed == 2 && report.previousKeys == [1: 2] && report.currentKey == 2)
            let after = try await Self.stored(database)
            for (id, number) in zip(ids, Self.numbers) {
                let row = try #require(after[id])
                #expect(row.ciphertext.first == 2)
                #expect(try vault.open(row.ciphertext, candidateID: id).digits == number)
                #expect(row.hash == vault.hash(try ResidentIdentityNumber(number)))
            }
            // With the new hash key, the duplicate check still finds the first candidate's number.
            await #expect(throws: IdentityNumberRefusal.alreadyRegistered) {
                try await Self.save(database, ids[1], Self.numbers[0], vault)
            }
        }
    }

    @Test("a row that no key opens stops the rekey with its candidate named, and nothing changes")
    func rekeyWithMissingKey() async throws {
        try await withTestDatabase { database in
            let ids = try await Self.candidates(database)
            let first = IdentityNumberKeys.generate()
            for (id, number) in zip(ids, Self.numbers) { try await Self.save(database, id, number, IdentityNumberVault(keys: first)) }
            let before = try await Self.stored(database)
            let unrelated = IdentityNumberVault(keys: .generate())
            await #expect {
                _ = try await IdentityNumberStore(database: database).rekey(with: unrelated, actor: "test")
            } throws: { error in
                (error as? IdentityNumberStore.RekeyFailure)?.candidateID == ids[0]
            }
            let after = try await Self.stored(database)
            #expect(after.mapValues { $0.ciphertext } == before.mapValues { $0.ciphertext })
        }
    }

    @Test("a number is refused without a live sensitive-data consent, and withdrawing the consent erases it")
    func consent() async throws {
        try await withTestDatabase { database in
            let ids = try await Self.candidates(database)
            let vault = IdentityNumberVault(keys: .generate())
            try await Self.save(database, ids[0], Self.numbers[0], vault)
            try await ConsentStore(database: database).withdraw(.sensitiveData, candidateID: ids[0], source: "test")
            #expect(try await Self.stored(database)[ids[0]] == nil)
            await #expect(throws: IdentityNumberRefusal.consentMissing) { try await Self.save(database, ids[0], Self.numbers[0], vault) }
            #expect(try await Self.stored(database).isEmpty)
        }
    }
}
