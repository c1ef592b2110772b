import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
@testable import MatchStore
import MatchWeb
import Testing

@Suite("The ID number on the profile")
struct IdentityNumberTests {
    static let number = "11010519491231002X"
    static let masked = "**************002X"

    /// Saves the profile with `id` typed into the ID number field (and any extra fields).
    static func save(_ harness: GatewayHarness, _ browser: inout Browser, id: String, extra: [(String, String)] = []) async throws -> Browser.Page {
        _ = try await browser.get("/profile")
        let fields = [("action", "save"), ("specialty", "090101"), ("education", "bachelor"), ("title", "none"),
                      ("experience_years", "3"), ("modes", "full_transfer"), ("id_number", id)] + extra
        return try await browser.post("/profile", fields)
    }

    static func stored(_ harness: GatewayHarness, _ candidate: Int64) async throws -> (hash: Data, ciphertext: Data)? {
        let rows = try await harness.owner.client.query(
            "SELECT id_number_hash, id_number_ciphertext FROM candidates WHERE id = \(candidate)", logger: harness.owner.logger
        )
        for try await (hash, ciphertext) in rows.decode((Data?, Data?).self) {
            guard let hash, let ciphertext else { return nil }
            return (hash, ciphertext)
        }
        return nil
    }

    @Test("a valid number is stored as a keyed hash and a ciphertext, never in plain text, and shown back masked")
    func save() async throws {
        try await GatewayHarness.run { harness, client in
            var browser = Browser(client)
            let id = try await harness.register(&browser, contact: "idnumber@example.cn")
            let saved = try await Self.save(harness, &browser, id: "110105 19491231 002x")
            #expect(saved.status == .seeOther, "\(saved.body.prefix(500))")
            let row = try #require(try await Self.stored(harness, id))
            let expectedHash = Data(HMAC<SHA256>.authenticationCode(for: Data(Self.number.utf8), using: harness.identityNumberKeys.hashKey))
            #expect(row.hash == expectedHash)
            let vault = IdentityNumberVault(keys: harness.identityNumberKeys)
            #expect(try vault.open(row.ciphertext, candidateID: id).digits == Self.number)
            #expect(row.ciphertext.range(of: Data(Self.number.utf8)) == nil && row.ciphertext.range(of: Data("19491231".utf8)) == nil)
            // Nowhere in the database in plain text: not in any column of the row, not in the audit log.
            #expect(try await harness.scalar("SELECT count(*) FROM candidates c WHERE c::text LIKE '%19491231%'") == 0)
            #expect(try await harness.scalar("SELECT count(*) FROM audit_log l WHERE l::text LIKE '%19491231%'") == 0)
            #expect(try await harness.scalar("SELECT count(*) FROM audit_log WHERE action = 'profile.save' AND details ->> 'id_number' = 'replaced'") == 1)
            let page = try await browser.get("/profile")
            #expect(page.body.contains(Self.masked))
            #expect(!page.body.contains(Self.number) && !page.body.contains("19491231"), "the full number never reaches a page")
            #expect(page.body.contains(#"id="id_number_remove""#))
            // Saving again with the field empty keeps the number.
            #expect(try await Self.save(harness, &browser, id: "").status == .seeOther)
            #expect(try await Self.stored(harness, id)?.ciphertext == row.ciphertext)
        }
    }

    @Test("a mistyped number comes back beside its field, in the reader's language, with the input kept and nothing saved")
    func invalid() async throws {
        try await GatewayHarness.run { harness, client in
            var browser = Browser(client)
            let id = try await harness.register(&browser, contact: "typo@example.cn")
            let chinese = try await Self.save(harness, &browser, id: "110105194912310021")
            #expect(chinese.status == .unprocessableContent)
            #expect(chinese.body.contains(#"<p class="error" id="id_number-error">校验码不符"#))
            #expect(chinese.body.contains(#"aria-invalid="true""#) && chinese.body.contains(##"href="#id_number""##))
            #expect(chinese.body.contains(#"value="110105194912310021""#), "what was typed is kept")
            browser.language = "en"
            let english = try await Self.save(harness, &browser, id: "11010519491231")
            #expect(english.status == .unprocessableContent && english.body.contains("An ID number has 18 characters; you entered 14."))
            let date = try await Self.save(harness, &browser, id: "110105194913310021")
            #expect(date.body.contains("must be a real date of birth"))
            #expect(try await Self.stored(harness, id) == nil)
            #expect(try await harness.scalar("SELECT count(*) FROM candidate_accounts WHERE candidate_id = \(id) AND profile_completed_at IS NULL") == 1,
                    "the rest of the profile was not saved either")
        }
    }

    @Test("without the sensitive-data consent a number is refused beside the field, and the page says where to consent")
    func withoutConsent() async throws {
        try await GatewayHarness.run { harness, client in
            var browser = Browser(client)
            let id = try await harness.register(&browser, contact: "noconsent@example.cn", sensitive: false)
            let form = try await browser.get("/profile")
            #expect(form.body.contains("只有在你单独同意处理敏感个人信息后才能填写"))
            let page = try await Self.save(harness, &browser, id: Self.number)
            #expect(page.status == .unprocessableContent)
            #expect(page.body.contains(#"id="id_number-error">只有在你同意处理敏感个人信息后才能保存身份证号码"#))
            #expect(try await Self.stored(harness, id) == nil)
            // With the field empty the same profile saves.
            #expect(try await Self.save(harness, &browser, id: "").status == .seeOther)
        }
    }

    @Test("the same number on a second account is refused without revealing the first, and the attempt is audited")
    func duplicate() async throws {
        try await GatewayHarness.run { harness, client in
            var first = Browser(client)
            let holder = try await harness.register(&first, contact: "holder@example.cn", name: "张持有")
            #expect(try await Self.save(harness, &first, id: Self.number).status == .seeOther)
            var second = Browser(client)
            let other = try await harness.register(&second, contact: "second@example.cn", name: "李第二")
            let page = try await Self.save(harness, &second, id: "11010519491231002x")
            #expect(page.status == .unprocessableContent)
            #expect(page.body.contains(#"id="id_number-error">这个身份证号码已登记在其他账号中"#))
            #expect(!page.body.contains("张持有") && !page.body.contains("holder@example.cn") && !page.body.contains("candidate:\(holder)"))
            #expect(try await Self.stored(harness, other) == nil)
            #expect(try await harness.scalar(
                "SELECT count(*) FROM audit_log WHERE action = 'id_number.duplicate' AND actor = 'candidate:\(other)' AND details ->> 'held_by' = 'candidate:\(holder)'") == 1)
            // The holder may save their own number again.
            #expect(try await Self.save(harness, &first, id: Self.number).status == .seeOther)
        }
    }

    @Test("withdrawing the sensitive-data consent erases the number; the remove box erases it too")
    func erasure() async throws {
        try await GatewayHarness.run { harness, client in
            var browser = Browser(client)
            let id = try await harness.register(&browser, contact: "erase@example.cn")
            #expect(try await Self.save(harness, &browser, id: Self.number).status == .seeOther)
            _ = try await browser.get("/account")
            #expect(try await browser.post("/account/consent", [("purpose", "sensitive_data"), ("action", "withdraw")]).status == .seeOther)
            #expect(try await Self.stored(harness, id) == nil)
            let withdrawn = try await browser.get("/profile")
            #expect(!withdrawn.body.contains(Self.masked) && !withdrawn.body.contains(#"id="id_number_remove""#))
            _ = try await browser.get("/account")
            #expect(try await browser.post("/account/consent", [("purpose", "sensitive_data"), ("action", "grant")]).status == .seeOther)
            #expect(try await Self.save(harness, &browser, id: Self.number).status == .seeOther)
            #expect(try await Self.stored(harness, id) != nil)
            #expect(try await Self.save(harness, &browser, id: "", extra: [("id_number_remove", "yes")]).status == .seeOther)
            #expect(try await Self.stored(harness, id) == nil)
        }
    }

    @Test("the data export gives the candidate their own number in full, and no hash or ciphertext")
    func export() async throws {
        try await GatewayHarness.run { harness, client in
            var browser = Browser(client)
            try await harness.register(&browser, contact: "export@example.cn")
            let before = try await browser.get("/data/export.json")
            let empty = try #require(try JSONSerialization.jsonObject(with: Data(before.body.utf8)) as? [String: Any])
            #expect((empty["candidate"] as? [String: Any])?["id_number"] is NSNull)
            #expect(try await Self.save(harness, &browser, id: Self.number).status == .seeOther)
            let export = try await browser.get("/data/export.json")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(export.body.utf8)) as? [String: Any])
            let candidate = try #require(json["candidate"] as? [String: Any])
            #expect(candidate["id_number"] as? String == Self.number)
            #expect(candidate["id_number_on_file"] as? Bool == true)
            #expect(candidate["id_number_hash"] == nil && candidate["id_number_ciphertext"] == nil)
            #expect((json["consents"] as? [Any])?.count == 2 && json["audit_log"] is [Any])
        }
    }
}
