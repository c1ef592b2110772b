import Foundation
@testable import MatchStore
import MatchStoreTesting
import MatchWorkflow
import PostgresNIO
import Testing

@Suite("Vacancy store")
struct VacancyStoreTests {
    @Test("a post is stored whole and read back the same, and the write is audited with who and from where")
    func createAndGet() async throws {
        try await withTestDatabase { (database) async throws in
            let centres = try await VacancyFixture.centres(database)
            let store = VacancyStore(database: database)
            let created = try await store.create(VacancyFixture.draft(), centreID: centres.tongjiang, context: VacancyFixture.context)
            #expect(created.status == .draft)
            #expect(created.draft == VacancyFixture.draft().canonical)
            #expect(try await store.get(id: created.id, centreID: centres.tongjiang) == created)
            let audited = try await VacancyFixture.count(
                """
                SELECT count(*) FROM audit_log WHERE action = 'vacancy.create' AND subject = 'vacancy:\(created.id)'
                  AND actor = 'test:centre-editor' AND source = '203.0.113.7'
                """, database)
            #expect(audited == 1)
        }
    }

    @Test("an invalid post is refused with every problem at its pointer, including unknown codes and a taken external id")
    func invalidRefused() async throws {
        try await withTestDatabase { (database) async throws in
            let centres = try await VacancyFixture.centres(database)
            let store = VacancyStore(database: database)
            var draft = VacancyFixture.draft("BZ-2026-006")   // the demo already has this id at TJ-CENTRE
            draft.regionCode = "999999"
            draft.specialties = [.init(code: "999999")]
            draft.householdRules[0].legalBasis = ""
            let error = await #expect(throws: VacancyStoreError.self) {
                try await store.create(draft, centreID: centres.tongjiang, context: VacancyFixture.context)
            }
            guard case .invalid(let problems) = error else { Issue.record("expected invalid, got \(String(describing: error))"); return }
            #expect(problems.map(\.pointer) == ["/region", "/requirements/0/specialty", "/householdRules/0/legalBasis", "/externalId"])
            #expect(try await VacancyFixture.count("SELECT count(*) FROM vacancies WHERE region_code = '999999'", database) == 0)
        }
    }

    @Test("the database itself refuses a household rule without a legal basis")
    func databaseRefusesRuleWithoutBasis() async throws {
        try await withTestDatabase { (database) async throws in
            _ = try await VacancyFixture.centres(database)
            let error = await #expect(throws: PSQLError.self) {
                try await database.client.query(
                    """
                    INSERT INTO vacancy_household_rules (vacancy_id, kind, region_code, legal_basis)
                    SELECT id, 'registered_within', '511900', '   ' FROM vacancies LIMIT 1
                    """)
            }
            #expect(error?.serverInfo?[.sqlState] == "23514")
        }
    }

    @Test("centre A can neither read, change, open, close nor list centre B's posts")
    func centreIsolation() async throws {
        try await withTestDatabase { (database) async throws in
            let centres = try await VacancyFixture.centres(database)
            let store = VacancyStore(database: database)
            let theirs = try await store.create(VacancyFixture.draft(), centreID: centres.tongjiang, context: VacancyFixture.context)
            let intruder = centres.bazhong
            await #expect(throws: VacancyStoreError.notFound(id: theirs.id)) { try await store.get(id: theirs.id, centreID: intruder) }
            var changed = VacancyFixture.draft()
            changed.title = "被篡改"
            await #expect(throws: VacancyStoreError.notFound(id: theirs.id)) {
                try await store.update(id: theirs.id, changed, centreID: intruder, context: VacancyFixture.context)
            }
            await #expect(throws: VacancyStoreError.notFound(id: theirs.id)) {
                try await store.open(id: theirs.id, centreID: intruder, context: VacancyFixture.context)
            }
            await #expect(throws: VacancyStoreError.notFound(id: theirs.id)) {
                try await store.close(id: theirs.id, centreID: intruder, context: VacancyFixture.context)
            }
            await #expect(throws: VacancyStoreError.notFound(id: theirs.id)) {
                try await store.offers(vacancyID: theirs.id, centreID: intruder)
            }
            let listed = try await store.list(centreID: intruder, limit: 1000).items.map(\.id)
            #expect(!listed.contains(theirs.id))
            #expect(listed.count == 6, "BZ-CENTRE's own six demo posts")
            #expect(try await store.get(id: theirs.id, centreID: centres.tongjiang) == theirs, "unchanged")
            #expect(!(try await store.exportCSV(centreID: intruder)).contains(theirs.draft.externalID))
        }
    }

    @Test("drafts open and close; a closed post is never edited or reopened, and repeating a move changes nothing")
    func lifecycle() async throws {
        try await withTestDatabase { (database) async throws in
            let centres = try await VacancyFixture.centres(database)
            let store = VacancyStore(database: database)
            let post = try await store.create(VacancyFixture.draft(), centreID: centres.tongjiang, context: VacancyFixture.context)
            var edited = VacancyFixture.draft()
            edited.seats = 4
            #expect(try await store.update(id: post.id, edited, centreID: centres.tongjiang, context: VacancyFixture.context).draft.seats == 4)
            #expect(try await store.open(id: post.id, centreID: centres.tongjiang, context: VacancyFixture.context).status == .open)
            #expect(try await store.open(id: post.id, centreID: centres.tongjiang, context: VacancyFixture.context).status == .open)
            edited.seats = 3
            #expect(try await store.update(id: post.id, edited, centreID: centres.tongjiang, context: VacancyFixture.context).status == .open)
            #expect(try await store.close(id: post.id, centreID: centres.tongjiang, context: VacancyFixture.context).status == .closed)
            await #expect(throws: VacancyStoreError.closed(id: post.id)) {
                try await store.update(id: post.id, edited, centreID: centres.tongjiang, context: VacancyFixture.context)
            }
            await #expect(throws: VacancyStoreError.illegalTransition(id: post.id, from: .closed, to: .open)) {
                try await store.open(id: post.id, centreID: centres.tongjiang, context: VacancyFixture.context)
            }
            let moves = try await VacancyFixture.count(
                "SELECT count(*) FROM audit_log WHERE subject = 'vacancy:\(post.id)' AND action IN ('vacancy.open', 'vacancy.close')", database)
            #expect(moves == 2, "the repeated open wrote nothing")
        }
    }

    @Test("an open post keeps at least as many seats as candidates have accepted")
    func seatsNotBelowAccepted() async throws {
        try await withTestDatabase { (database) async throws in
            try await NightlyFixture.prepare(database)
            guard case .committed = try await NightlyFixture.run(database) else { Issue.record("no commit"); return }
            let vacancyID = Int64(try await VacancyFixture.count(
                """
                SELECT o.vacancy_id FROM offers o JOIN vacancies v ON v.id = o.vacancy_id JOIN centres c ON c.id = v.centre_id
                WHERE c.code = 'BZ-CENTRE' GROUP BY o.vacancy_id HAVING count(*) >= 2 ORDER BY 1 LIMIT 1
                """, database))
            try await database.client.query(
                "UPDATE offers SET state = 'accepted' WHERE id IN (SELECT id FROM offers WHERE vacancy_id = \(vacancyID) LIMIT 2)")
            let centre = try await VacancyFixture.centreID("BZ-CENTRE", database)
            let store = VacancyStore(database: database)
            var draft = try await store.get(id: vacancyID, centreID: centre).draft
            draft.seats = 1
            draft.target = nil
            await #expect(throws: VacancyStoreError.invalid([FieldProblem(
                pointer: "/seats", message: "2 candidates have accepted this post; seats cannot go below that")])) {
                try await store.update(id: vacancyID, draft, centreID: centre, context: VacancyFixture.context)
            }
            draft.seats = 2
            #expect(try await store.update(id: vacancyID, draft, centreID: centre, context: VacancyFixture.context).draft.seats == 2)
        }
    }

    @Test("an office reads the posts in its region and below, and none elsewhere")
    func officeScope() async throws {
        try await withTestDatabase { (database) async throws in
            let centres = try await VacancyFixture.centres(database)
            try await database.client.query("INSERT INTO offices (code, name, region_code) VALUES ('GY-HR', '广元市人社局', '510800')")
            let bazhong = VacancyScope.office(Int64(try await VacancyFixture.count("SELECT id FROM offices WHERE code = 'BZ-HR'", database)))
            let guangyuan = VacancyScope.office(Int64(try await VacancyFixture.count("SELECT id FROM offices WHERE code = 'GY-HR'", database)))
            let store = VacancyStore(database: database)
            let post = try await store.create(VacancyFixture.draft(), centreID: centres.tongjiang, context: VacancyFixture.context)
            #expect(try await store.list(scope: bazhong, limit: 100).items.count == 9)
            #expect(try await store.get(id: post.id, scope: bazhong) == post)
            #expect(try await store.list(scope: guangyuan, limit: 100).items.isEmpty)
            await #expect(throws: VacancyStoreError.notFound(id: post.id)) { try await store.get(id: post.id, scope: guangyuan) }
            #expect(try await store.exportCSV(scope: guangyuan).components(separatedBy: "\r\n") == [
                "\u{FEFF}" + "external_id,title,description,region_code,seats,target,staffing_type,min_education,min_title,"
                    + "min_experience_years,accepted_modes,service_years,specialties,incentives,household_rules,status", "",
            ], "the header alone")
        }
    }
}
