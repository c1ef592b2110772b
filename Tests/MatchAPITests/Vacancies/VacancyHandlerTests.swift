import Foundation
import Hummingbird
import HummingbirdTesting
import MatchStore
import Testing

@Suite("Vacancy operations")
struct VacancyHandlerTests {
    static let post = #"""
        {"externalId": "API-1", "title": "通江县乡镇水利技术员", "region": "511921", "seats": 2, "staffingType": "institution",
         "minEducation": "bachelor", "acceptedModes": ["full_transfer", "short_term"],
         "requirements": [{"specialty": "081101"}], "incentives": [{"kind": "housing", "note": "周转房"}],
         "householdRules": [{"kind": "registered_within", "region": "511900", "legalBasis": "巴中市定向招录公告第三条"}]}
        """#

    static func json(_ token: String, _ fixture: APIFixture) -> HTTPFields {
        fixture.header(token) + [.contentType: "application/json"]
    }

    @Test("a centre creates, reads, updates, opens and closes its post; a closed post cannot change")
    func lifecycle() async throws {
        try await withAPI { fixture, client in
            let headers = Self.json(fixture.tokens.centreA, fixture)
            var id = 0
            try await client.execute(uri: "/api/v1/vacancies", method: .post, headers: headers, body: .json(Self.post)) { response in
                #expect(response.status == .created)
                let body = JSONBody(response)
                #expect(body["status"] as? String == "draft")
                #expect(body["centre"] as? String == "BZ-CENTRE")
                #expect((body["householdRules"] as? [[String: Any]])?.first?["legalBasis"] as? String == "巴中市定向招录公告第三条")
                id = body["id"] as? Int ?? 0
            }
            let updated = Self.post.replacingOccurrences(of: #""seats": 2"#, with: #""seats": 3"#)
            try await client.execute(uri: "/api/v1/vacancies/\(id)", method: .put, headers: headers, body: .json(updated)) { response in
                #expect(response.status == .ok)
                #expect(JSONBody(response)["seats"] as? Int == 3)
            }
            try await client.execute(uri: "/api/v1/vacancies/\(id)/open", method: .post, headers: headers) { response in
                #expect(JSONBody(response)["status"] as? String == "open")
            }
            try await client.execute(uri: "/api/v1/vacancies/\(id)/close", method: .post, headers: headers) { response in
                #expect(JSONBody(response)["status"] as? String == "closed")
            }
            try await client.execute(uri: "/api/v1/vacancies/\(id)", method: .put, headers: headers, body: .json(updated)) { response in
                #expect(response.status == .conflict)
                #expect(response.isProblem)
            }
            try await client.execute(uri: "/api/v1/vacancies/\(id)", method: .get, headers: fixture.header(fixture.tokens.centreA)) { response in
                #expect(JSONBody(response)["status"] as? String == "closed")
            }
        }
    }

    @Test("every invalid field comes back as a 422 problem with its JSON pointer, and nothing is stored")
    func validationPointers() async throws {
        try await withAPI { fixture, client in
            let bad = Self.post
                .replacingOccurrences(of: #""region": "511921""#, with: #""region": "999999""#)
                .replacingOccurrences(of: #""legalBasis": "巴中市定向招录公告第三条""#, with: #""legalBasis": "  ""#)
                .replacingOccurrences(of: #""specialty": "081101""#, with: #""specialty": "000000""#)
            try await client.execute(uri: "/api/v1/vacancies", method: .post, headers: Self.json(fixture.tokens.centreA, fixture), body: .json(bad)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.isProblem)
                #expect(JSONBody(response).problemType == "validation")
                #expect(JSONBody(response).pointers == ["/region", "/requirements/0/specialty", "/householdRules/0/legalBasis"])
            }
            #expect(try await fixture.countAll("SELECT count(*) FROM vacancies WHERE external_id = 'API-1'") == 0)
        }
    }

    @Test("a centre never sees or changes another centre's post; an office reads its region's posts but cannot write")
    func scope() async throws {
        try await withAPI { fixture, client in
            let other = try await TokenStore(database: fixture.owner).issue(for: .centre(code: "TJ-CENTRE"), label: "centre TJ", actor: "test").secret.text
            var id = 0
            try await client.execute(uri: "/api/v1/vacancies", method: .post, headers: Self.json(fixture.tokens.centreA, fixture), body: .json(Self.post)) { response in
                id = JSONBody(response)["id"] as? Int ?? 0
            }
            try await client.execute(uri: "/api/v1/vacancies/\(id)", method: .get, headers: fixture.header(other)) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/vacancies/\(id)/close", method: .post, headers: fixture.header(other)) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/vacancies?limit=500", method: .get, headers: fixture.header(other)) { response in
                let ids = (JSONBody(response)["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
                #expect(ids.count == 2 && !ids.contains(id), "TJ-CENTRE's two demo posts only")
            }
            try await client.execute(uri: "/api/v1/vacancies/\(id)", method: .get, headers: fixture.header(fixture.tokens.officeA)) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/api/v1/vacancies/\(id)", method: .get, headers: fixture.header(fixture.tokens.officeB)) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/vacancies/\(id)/close", method: .post, headers: fixture.header(fixture.tokens.officeA)) { response in
                #expect(response.status == .forbidden)
            }
        }
    }

    @Test("posts and their offers page by cursor with fill status; a bad cursor is a 422 naming the parameter")
    func listings() async throws {
        try await withAPI { fixture, client in
            let headers = fixture.header(fixture.tokens.centreA)
            var ids: [Int] = []
            var next: String? = nil
            repeat {
                let uri = "/api/v1/vacancies?limit=4" + (next.map { "&cursor=\($0)" } ?? "")
                try await client.execute(uri: uri, method: .get, headers: headers) { response in
                    #expect(response.status == .ok)
                    let items = JSONBody(response)["items"] as? [[String: Any]] ?? []
                    ids += items.compactMap { $0["id"] as? Int }
                    #expect(items.allSatisfy { $0["pendingOffers"] is Int && $0["acceptedOffers"] is Int })
                    next = JSONBody(response)["next"] as? String
                }
            } while next != nil
            #expect(ids.count == 6 && ids == ids.sorted())
            let offered = try await fixture.countAll(
                """
                SELECT o.vacancy_id FROM offers o JOIN vacancies v ON v.id = o.vacancy_id JOIN centres c ON c.id = v.centre_id
                WHERE c.code = 'BZ-CENTRE' ORDER BY o.vacancy_id LIMIT 1
                """)
            try await client.execute(uri: "/api/v1/vacancies/\(offered)/offers", method: .get, headers: headers) { response in
                let items = JSONBody(response)["items"] as? [[String: Any]] ?? []
                #expect(!items.isEmpty)
                #expect(items.allSatisfy { ($0["candidateName"] as? String)?.isEmpty == false && $0["state"] as? String == "pending" && $0["deadline"] is String })
            }
            try await client.execute(uri: "/api/v1/vacancies?cursor=bogus", method: .get, headers: headers) { response in
                #expect(response.status == .unprocessableContent)
                #expect(JSONBody(response).pointers == ["/query/cursor"])
            }
        }
    }
}
