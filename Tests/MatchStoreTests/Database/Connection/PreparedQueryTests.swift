import Foundation
import Logging
@testable import MatchStore
import MatchStoreTesting
import PostgresNIO
import Testing

@Suite("Prepared statements on the hot paths")
struct PreparedQueryTests {
    /// PostgreSQL keeps one text per statement name, so a statement whose text changed with
    /// its values would run the first value's SQL for every later one.
    @Test("a statement's SQL text does not depend on its values")
    func textIndependentOfValues() {
        let pairs: [(String, String)] = [
            (WebSessionTable.SessionLookup.sql, WebSessionTable.SessionLookup(keyHash: ByteBuffer(bytes: [1, 2, 3])).query.sql),
            (TokenStore.TokenLookup.sql, TokenStore.TokenLookup(secretHash: ByteBuffer(bytes: [9])).query.sql),
            (RankingStore.CurrentRanking.sql, RankingStore.CurrentRanking(candidateID: 42).query.sql),
            (RankingStore.CandidateLottery.sql, RankingStore.CandidateLottery(candidateID: 42).query.sql),
            (CandidateOfferStore.NewestOffer.sql, CandidateOfferStore.NewestOffer(candidateID: 7).query.sql),
            (CandidateOfferStore.NewestReview.sql, CandidateOfferStore.NewestReview(offerID: 1, candidateID: 2).query.sql),
            (TransactionSettings.sql, TransactionSettings(scope: "office:3", actor: "token 4", reason: "why").query.sql),
            (VacancyStore.FillPage.sql, VacancyStore.FillPage(scope: .office(5), status: "open", pattern: "%a%", after: 10, limit: 51).query.sql),
            (VacancyReader.Page.sql, VacancyReader.Page(scope: .centre(5), status: "draft", after: 9, limit: 20).query.sql),
            (VacancyReader.ByID.sql, VacancyReader.ByID(scope: .office(5), ids: [1, 2, 3]).query.sql),
        ]
        for (template, other) in pairs {
            #expect(template == other)
        }
    }

    @Test("each runs with its own values on a connection that prepared it once")
    func preparedOncePerConnection() async throws {
        let settings = try await TestCluster.shared.makeDatabase()
        try await Database.withOpen(settings, logger: TestCluster.logger, maxConnections: 1) { database in
            let sessions = WebSessionTable(database: database)
            try await sessions.set(key: "first", json: #"{"n": 1}"#, expiresIn: 60, onlyIfNew: true)
            try await sessions.set(key: "second", json: #"{"n": 2}"#, expiresIn: 60, onlyIfNew: true)
            #expect(try await sessions.get(key: "first")?.json == #"{"n": 1}"#)
            #expect(try await sessions.get(key: "second")?.json == #"{"n": 2}"#)
            #expect(try await sessions.get(key: "third") == nil)
            await #expect(throws: TokenError.unknown) {
                try await TokenStore(database: database).authenticate(TokenSecret.generate().text)
            }
            #expect(try await RankingStore(database: database).current(candidateID: 1).isEmpty)
            // The pool has one connection, so this reads the statements that connection prepared.
            let rows = try await database.query("SELECT name FROM pg_prepared_statements")
            var names: Set<String> = []
            for try await name in rows.decode(String.self) { names.insert(name) }
            #expect(names.isSuperset(of: [
                WebSessionTable.SessionLookup.name, TokenStore.TokenLookup.name, RankingStore.CurrentRanking.name,
            ]))
        }
    }
}
