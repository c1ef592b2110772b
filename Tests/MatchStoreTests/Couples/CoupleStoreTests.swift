import Foundation
@testable import MatchStore
import MatchStoreTesting
import PostgresNIO
import Testing

/// Couples (issue 17, migration 0110): invited by contact, confirmed or refused, dissolved by
/// either partner or by deleting an account; nobody in two couples; both consents live; frozen
/// while a night of their market runs. The database holds each rule, not only the store.
@Suite("Couples")
struct CoupleStoreTests {
    @Test("an invitation reaches the invitee in its own transaction; confirming forms the couple, both see it")
    func inviteAndConfirm() async throws {
        try await withTestDatabase { database in
            let people = try await CoupleFixture.load(database)
            let store = CoupleStore(database: database)
            let invited = try await store.invite(candidateID: people[0], contact: " demo2@example.cn", source: "test")
            guard case .done(let id) = invited else { Issue.record("\(invited)"); return }
            #expect(try await CoupleFixture.count(
                "SELECT count(*) FROM outbox_messages WHERE kind = 'couple_invitation' AND subject_id = \(id) AND candidate_id = \(people[1])",
                database) == 1)
            #expect(try await store.current(candidateID: people[1])?.partnerName == "李明远")
            #expect(try await store.confirm(coupleID: id, candidateID: people[0], source: "test") == .notFound, "only the invitee confirms")
            #expect(try await store.confirm(coupleID: id, candidateID: people[1], source: "test") == .done(coupleID: id))
            let seen = try await store.current(candidateID: people[0])
            #expect(seen?.status == .confirmed && seen?.isInviter == true && seen?.partnerID == people[1])
            #expect(try await CoupleFixture.count("SELECT count(*) FROM couple_members WHERE couple_id = \(id)", database) == 2)
        }
    }

    @Test("an unknown contact is answered like a known one, and no message is written; nobody invites themselves")
    func unknownContact() async throws {
        try await withTestDatabase { database in
            let people = try await CoupleFixture.load(database)
            let store = CoupleStore(database: database)
            guard case .done = try await store.invite(candidateID: people[0], contact: "nobody@example.cn", source: "test") else {
                Issue.record("an invitation to an unknown contact is answered as sent"); return
            }
            #expect(try await CoupleFixture.count("SELECT count(*) FROM outbox_messages WHERE kind = 'couple_invitation'", database) == 0)
            #expect(try await store.invite(candidateID: people[2], contact: "demo3@example.cn", source: "test") == .cannotInviteSelf)
        }
    }

    @Test("refusing ends the invitation; the inviter may take it back; either partner dissolves a couple")
    func refuseCancelDissolve() async throws {
        try await withTestDatabase { database in
            let people = try await CoupleFixture.load(database)
            let store = CoupleStore(database: database)
            guard case .done(let first) = try await store.invite(candidateID: people[0], contact: "demo2@example.cn", source: "test") else { return }
            #expect(try await store.refuse(coupleID: first, candidateID: people[1], source: "test") == .done(coupleID: first))
            #expect(try await store.current(candidateID: people[0]) == nil)
            guard case .done(let second) = try await store.invite(candidateID: people[0], contact: "demo2@example.cn", source: "test") else { return }
            #expect(try await store.cancel(coupleID: second, candidateID: people[1], source: "test") == .notFound, "only the inviter cancels")
            #expect(try await store.cancel(coupleID: second, candidateID: people[0], source: "test") == .done(coupleID: second))
            for dissolver in [0, 1] {
                let id = try await CoupleFixture.couple(people[0], people[1], contact: "demo2@example.cn", database)
                #expect(try await store.dissolve(coupleID: id, candidateID: people[2], source: "test") == .notFound)
                #expect(try await store.dissolve(coupleID: id, candidateID: people[dissolver], source: "test") == .done(coupleID: id))
                #expect(try await CoupleFixture.count("SELECT count(*) FROM couple_members", database) == 0)
            }
            #expect(try await CoupleFixture.count("SELECT count(*) FROM couples WHERE status = 'dissolved'", database) == 2)
        }
    }

    @Test("nobody is in two couples: the store refuses, and so does the database when asked directly")
    func oneCouple() async throws {
        try await withTestDatabase { database in
            let people = try await CoupleFixture.load(database)
            let store = CoupleStore(database: database)
            // demo3 invites demo2 before demo2 is in a couple; demo1 and demo2 then form one.
            guard case .done(let pending) = try await store.invite(candidateID: people[2], contact: "demo2@example.cn", source: "test") else { return }
            guard case .done(let other) = try await store.invite(candidateID: people[3], contact: "demo3@example.cn", source: "test") else { return }
            let couple = try await CoupleFixture.couple(people[0], people[1], contact: "demo2@example.cn", database)
            #expect(try await store.current(candidateID: people[1])?.id == couple)
            // Confirming lapsed demo3's invitation of demo2: it can no longer be confirmed.
            #expect(try await store.confirm(coupleID: pending, candidateID: people[1], source: "test") == .notFound)
            #expect(try await store.invite(candidateID: people[0], contact: "demo4@example.cn", source: "test") == .alreadyInCouple)
            #expect(try await store.invite(candidateID: people[1], contact: "demo3@example.cn", source: "test") == .alreadyInCouple)
            // The database itself: a second confirmed couple naming demo2 is refused by the members' key.
            let direct = try await CoupleFixture.id(
                "INSERT INTO couples (inviter_id, invitee_id, invitee_contact) VALUES (\(people[2]), \(people[1]), 'demo2@example.cn') RETURNING id",
                database)
            do {
                try await database.query("UPDATE couples SET status = 'confirmed', confirmed_at = now() WHERE id = \(direct)")
                Issue.record("a second couple naming demo2 was confirmed")
            } catch let error as DatabaseError {
                #expect(error.cause == .duplicate, "\(error)")
            }
            #expect(try await store.confirm(coupleID: other, candidateID: people[2], source: "test") == .done(coupleID: other))
        }
    }

    @Test("both consents: a couple is not formed without the invitee's matching consent, and ends when one is withdrawn")
    func consents() async throws {
        try await withTestDatabase { database in
            let people = try await CoupleFixture.load(database)
            let store = CoupleStore(database: database)
            guard case .done(let id) = try await store.invite(candidateID: people[0], contact: "demo2@example.cn", source: "test") else { return }
            try await CoupleFixture.execute(
                "UPDATE candidate_consents SET withdrawn_at = now() WHERE candidate_id = \(people[1]) AND purpose = 'matching'", database)
            #expect(try await CoupleFixture.count("SELECT count(*) FROM couples WHERE id = \(id) AND status = 'cancelled'", database) == 1,
                    "withdrawing the consent ends the invitation")
            try await ConsentStore(database: database).grant(.matching, candidateID: people[1], source: "test")
            guard case .done(let again) = try await store.invite(candidateID: people[0], contact: "demo2@example.cn", source: "test") else { return }
            try await CoupleFixture.execute(
                "UPDATE candidate_consents SET withdrawn_at = now() WHERE candidate_id = \(people[0]) AND purpose = 'matching'", database)
            // The database refuses the confirmation itself when the inviter's consent is gone.
            await #expect(throws: DatabaseError.self) {
                try await database.query("UPDATE couples SET status = 'confirmed', confirmed_at = now() WHERE id = \(again)")
            }
            try await ConsentStore(database: database).grant(.matching, candidateID: people[0], source: "test")
            let couple = try await CoupleFixture.couple(people[0], people[1], contact: "demo2@example.cn", database)
            try await ConsentStore(database: database).withdraw(.matching, candidateID: people[0], source: "test")
            #expect(try await CoupleFixture.count(
                "SELECT count(*) FROM couples WHERE id = \(couple) AND status = 'dissolved' AND end_reason = 'consent_withdrawn'", database) == 1)
        }
    }

    @Test("deleting either account dissolves the couple")
    func deletion() async throws {
        try await withTestDatabase { database in
            let people = try await CoupleFixture.load(database)
            let couple = try await CoupleFixture.couple(people[0], people[1], contact: "demo2@example.cn", database)
            try await CandidateDataStore(database: database).deleteAccount(candidateID: people[1], source: "test")
            #expect(try await CoupleFixture.count(
                "SELECT count(*) FROM couples WHERE id = \(couple) AND status = 'dissolved' AND end_reason = 'account_deleted'", database) == 1)
            #expect(try await CoupleStore(database: database).current(candidateID: people[0]) == nil)
            #expect(try await CoupleFixture.count("SELECT count(*) FROM couple_members", database) == 0)
        }
    }

    @Test("forming and dissolving are frozen while a night of the market runs, like rankings; deletion still dissolves")
    func frozen() async throws {
        try await withTestDatabase { database in
            let people = try await CoupleFixture.load(database)
            let store = CoupleStore(database: database)
            guard case .done(let id) = try await store.invite(candidateID: people[0], contact: "demo2@example.cn", source: "test") else { return }
            try await CoupleFixture.freeze(database)
            #expect(try await store.confirm(coupleID: id, candidateID: people[1], source: "test") == .frozen)
            try await CoupleFixture.release(database)
            #expect(try await store.confirm(coupleID: id, candidateID: people[1], source: "test") == .done(coupleID: id))
            try await CoupleFixture.freeze(database)
            #expect(try await store.dissolve(coupleID: id, candidateID: people[0], source: "test") == .frozen)
            #expect(try await JointRankingStore(database: database).replace(candidateID: people[0], with: [], source: "test") == .frozen)
            try await CandidateDataStore(database: database).deleteAccount(candidateID: people[1], source: "test")
            #expect(try await store.current(candidateID: people[0]) == nil)
        }
    }
}
