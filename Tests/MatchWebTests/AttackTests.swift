import Foundation
import Hummingbird
import HummingbirdTesting
import MatchStore
import MatchWeb
import Testing

/// What the outside probe of issue 13 found, each as a class of input rather than the one
/// string it used.
@Suite("The gateway under attack")
struct AttackTests {
    /// Every way a browser may read a `Location` as another site: a control character
    /// (browsers strip tab and newline, so `/<TAB>/host` becomes `//host`), a backslash
    /// (read as a slash), two slashes, a scheme.
    static let hostileTargets = [
        "/\t/evil.example/", "/\n/evil.example/", "/\r\n/evil.example/", "/\u{0B}/evil.example/", "/\u{7F}/evil.example/",
        "/\\evil.example/", "\\\\evil.example/", "/\\/evil.example/", "//evil.example/", "///evil.example/",
        "https://evil.example/", "javascript:alert(1)", " //evil.example/", "/\u{85}/evil.example/",
    ]

    static func isLocal(_ location: String?) -> Bool {
        guard let location else { return true }
        return location == "/" || (location.hasPrefix("/") && !location.hasPrefix("//") && !location.contains("\\")
            && location.unicodeScalars.allSatisfy { (0x21...0x7E).contains($0.value) })
    }

    @Test("the language switch and the sign-in page never send the browser to another site")
    func openRedirect() async throws {
        try await GatewayHarness.run { harness, client in
            var browser = Browser(client)
            for target in Self.hostileTargets {
                let page = try await browser.get("/lang/en?back=" + Browser.encode(target))
                #expect(page.status == .seeOther || page.status == .badRequest, "\(target.debugDescription): \(page.status)")
                #expect(Self.isLocal(page.location), "back=\(target.debugDescription) answered Location \(page.location.debugDescription)")
            }
            try await harness.register(&browser, contact: "redirect@example.cn")
            _ = try await browser.post("/logout", [])
            for target in Self.hostileTargets {
                let form = try await browser.get("/login?next=" + Browser.encode(target))
                #expect(!form.body.contains("evil.example"), "next=\(target.debugDescription) is carried into the form")
                let login = try await browser.post(
                    "/login", [("contact", "redirect@example.cn"), ("password", "a long enough passphrase"), ("next", target)])
                #expect(Self.isLocal(login.location), "next=\(target.debugDescription) answered Location \(login.location.debugDescription)")
                _ = try await browser.post("/logout", [])
            }
            // A real local target still works.
            let kept = try await browser.get("/lang/zh-CN?back=" + Browser.encode("/posts?mode=remote"))
            #expect(kept.location == "/posts?mode=remote")
        }
    }

    @Test("a NUL or another control character in any text field is refused at the door, in the reader's language, and nothing is stored")
    func controlCharacters() async throws {
        try await GatewayHarness.run { harness, client in
            var browser = Browser(client)
            _ = try await browser.get("/login")
            for character in ["\u{0}", "\u{1B}", "\u{7F}", "\u{9B}"] {
                let login = try await browser.post("/login", [("contact", "a\(character)b@example.cn"), ("password", "whatever password")])
                #expect(login.status == .badRequest, "contact with U+\(String(character.unicodeScalars.first!.value, radix: 16))")
                #expect(login.body.contains("控制字符"), "the reason, in Chinese")
                #expect(login.body.contains(#"href="/""#), "a way back")
            }
            _ = try await browser.get("/register")
            let register = try await browser.post("/register", [
                ("full_name", "王\u{0}小明"), ("contact", "nul@example.cn"), ("password", "a long enough passphrase"), ("consent_matching", "yes"),
            ])
            #expect(register.status == .badRequest)
            #expect(try await harness.scalar("SELECT count(*) FROM candidates") == 0)

            browser.language = "en"
            try await harness.register(&browser, contact: "profile-nul@example.cn")
            _ = try await browser.get("/profile")
            let search = try await browser.post("/profile", [("action", "search"), ("specialty_q", "农\u{0}学")])
            #expect(search.status == .badRequest)
            #expect(search.body.contains("control character"), "the reason, in English")
            #expect(search.body.contains(#"<html lang="en">"#))
            // Tabs and line breaks are ordinary text in a textarea; they are not refused.
            _ = try await browser.get("/profile")
            #expect(try await browser.post("/profile", [("action", "search"), ("specialty_q", "农学\t")]).status == .ok)
            // The query string is input too.
            #expect(try await browser.get("/posts?specialty=09%00").status == .badRequest)
        }
    }

    @Test("registering a contact that is already registered answers exactly as registering a new one")
    func registrationDoesNotEnumerate() async throws {
        try await GatewayHarness.run { harness, client in
            var first = Browser(client)
            try await harness.register(&first, contact: "13900002222")
            var taken = Browser(client)
            _ = try await taken.get("/register")
            let again = try await taken.post("/register", [
                ("full_name", "乙"), ("contact", "+86 139-0000-2222"), ("password", "another long passphrase"), ("consent_matching", "yes"),
            ])
            var fresh = Browser(client)
            _ = try await fresh.get("/register")
            let new = try await fresh.post("/register", [
                ("full_name", "丙"), ("contact", "13900003333"), ("password", "another long passphrase"), ("consent_matching", "yes"),
            ])
            // Each answer names the contact its own visitor typed (the code page asks for the
            // code sent there); apart from that contact, they must be the same.
            func unnamed(_ text: String?) -> String? {
                text?.replacing("13900002222", with: "CONTACT").replacing("13900003333", with: "CONTACT")
                    .replacing(/value="[^"]*"/, with: "")
            }
            #expect(again.status == new.status)
            #expect(unnamed(again.location) == unnamed(new.location))
            #expect(!again.body.contains("已经注册"))
            let next = try await taken.follow(again), nextFresh = try await fresh.follow(new)
            #expect(next.status == nextFresh.status)
            #expect(unnamed(next.body) == unnamed(nextFresh.body),
                    "the page after registering is the same, whoever owns the contact")
            #expect(try await harness.scalar("SELECT count(*) FROM candidates") == 2, "the taken contact created nothing")
            // The existing owner's password still works, the intruder's does not.
            var owner = Browser(client)
            _ = try await owner.get("/login")
            #expect(try await owner.post("/login", [("contact", "13900002222"), ("password", "another long passphrase")]).status == .unauthorized)
            #expect(try await owner.post("/login", [("contact", "13900002222"), ("password", "a long enough passphrase")]).status == .seeOther)
        }
    }

    @Test("a mistyped address gets our 404 page in the reader's language, with a way back and every security header")
    func notFoundPage() async throws {
        try await GatewayHarness.run { _, client in
            var browser = Browser(client)
            for (language, text) in [("zh-CN", "找不到"), ("en", "not found")] {
                browser.language = language
                for path in ["/no-such-page", "/posts/abc/def", "/static/none.css", "/profile/x"] {
                    let page = try await browser.get(path)
                    #expect(page.status == .notFound, "\(path)")
                    #expect(page.body.contains(#"<html lang="\#(language)">"#), "\(path) in \(language)")
                    #expect(page.body.lowercased().contains(text.lowercased()), "\(path) in \(language)")
                    #expect(page.body.contains(#"href="/""#), "\(path): a way back")
                    SecurityHeaders.check(page.headers, path)
                }
            }
        }
    }

    @Test("TRACE and other methods the gateway does not use are 405 with Allow, on known and unknown paths")
    func undeclaredMethods() async throws {
        try await GatewayHarness.run { _, client in
            for method in [HTTPRequest.Method.trace, .put, .delete, .patch, .options] {
                for path in ["/", "/login", "/posts", "/no-such-page"] {
                    let response = try await client.executeRequest(uri: path, method: method, headers: [:], body: nil)
                    #expect(response.status == .methodNotAllowed, "\(method) \(path): \(response.status)")
                    #expect(response.headers[.allow] == "GET, HEAD, POST", "\(method) \(path)")
                    SecurityHeaders.check(response.headers, "\(method) \(path)")
                }
            }
        }
    }

    @Test("page views without a cookie create no session row; signing in creates exactly one")
    func noSessionPerView() async throws {
        try await GatewayHarness.run { harness, client in
            let post = try await harness.makeVacancy()
            for path in ["/", "/posts", "/posts/\(post)", "/login", "/register", "/no-such-page", "/lang/en"] {
                for _ in 0..<5 {
                    var stranger = Browser(client)
                    #expect(try await stranger.get(path).status != .internalServerError, "\(path)")
                }
            }
            #expect(try await harness.scalar("SELECT count(*) FROM web_sessions") == 0)
            var browser = Browser(client)
            try await harness.register(&browser, contact: "one-session@example.cn")
            #expect(try await harness.scalar("SELECT count(*) FROM web_sessions") == 1)
        }
    }
}

/// The headers every gateway response carries, errors included.
enum SecurityHeaders {
    static func check(_ headers: HTTPFields, _ what: String) {
        let csp = headers[.contentSecurityPolicy] ?? ""
        #expect(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), "\(what): CSP \(csp)")
        #expect(headers[.init("X-Content-Type-Options")!] == "nosniff", "\(what)")
        #expect(headers[.init("X-Frame-Options")!] == "DENY", "\(what)")
        #expect(headers[.cacheControl] == "no-store", "\(what)")
    }
}
