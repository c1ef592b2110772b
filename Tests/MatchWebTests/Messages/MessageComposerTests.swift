import Foundation
import MatchStore
import MatchWeb
import Testing

/// Messages in words (issue 18): every kind in both languages from the pages' catalogues,
/// nothing personal that need not be there, and a Chinese SMS that fits one message.
@Suite("Message texts")
struct MessageComposerTests {
    static let deadline = Date(timeIntervalSince1970: 1_795_000_000)
    static let composer = try! MessageComposer.load(publicURL: "https://rencai.example.cn/", smsSignature: "人才交流")

    static func message(_ kind: MessageKindCode, _ channel: MessageChannelCode = .email, language: String = "zh-CN",
                        post: String = "通江县农业农村局农业技术推广员", payload: [String: String] = [:]) -> OutboxMessage {
        var facts = MessageFacts(payload: payload)
        if kind.isAboutAnOffer { facts.offer = .init(postTitle: post, regionName: "通江县", deadline: deadline, state: "pending") }
        if kind == .reviewDecided { facts.review = .init(decision: "upheld", reason: "评分核对无误，维持原结果。", postTitle: post) }
        if kind == .nightResult {
            facts.night = .init(officeName: "巴中市人力资源和社会保障局", date: "2026-11-21", status: "committed", offers: 295_185, seats: 342_993,
                                filled: 295_185, candidates: 1_000_000, shortfall: 12, stable: true, violations: 0, failure: nil)
        }
        return OutboxMessage(id: 42, kind: kind, channel: channel, address: channel == .email ? "a@example.cn" : "13900001111",
                             language: language, attempt: 1, createdAt: deadline.addingTimeInterval(-86400), facts: facts)
    }

    static let payloads: [MessageKindCode: [String: String]] = [
        .contactVerification: ["code": "123456", "minutes": "30", "purpose": "verify_contact"],
        .passwordReset: ["code": "654321", "minutes": "30", "token": "TOKEN-abc_123"],
        .coupleInvitation: ["inviter": "王小明"],
        .contactChanged: ["new_contact": "139****1111"],
    ]

    @Test("every kind has a subject, a body and an SMS in both languages, every placeholder filled, none an ID number or a score")
    func everyKind() {
        for kind in MessageKindCode.allCases {
            for language in ["zh-CN", "en"] {
                let words = Self.composer.compose(Self.message(kind, language: language, payload: Self.payloads[kind] ?? [:]))
                for text in [words.subject, words.body, words.sms] {
                    #expect(!text.isEmpty, "\(kind) \(language)")
                    #expect(text.firstMatch(of: /\{[a-z_]+\}/) == nil, "\(kind) \(language): an unfilled placeholder in \(text)")
                    #expect(text.firstMatch(of: /msg_[a-z_]+/) == nil, "\(kind) \(language): a raw key in \(text)")
                    #expect(text.firstMatch(of: /[0-9]{17}[0-9Xx]/) == nil, "\(kind): an ID number")
                }
                #expect(!words.sms.contains("71.5") && !words.sms.lowercased().contains("score") && !words.sms.contains("分数"))
                #expect(words.language == language)
                if language == "zh-CN" { #expect(words.body.hasPrefix("您好：")) } else { #expect(words.body.hasPrefix("Hello,")) }
            }
        }
    }

    @Test("an offer's e-mail names the post, its region, the deadline in Beijing time and the link; the reset e-mail has its link")
    func offerText() {
        let words = Self.composer.compose(Self.message(.offerReleased))
        #expect(words.subject == "您获得了岗位录用：通江县农业农村局农业技术推广员")
        #expect(words.body.contains("通江县农业农村局农业技术推广员（通江县）"))
        #expect(words.body.contains("2026-11-18 19:06（北京时间）"))
        #expect(words.body.contains("https://rencai.example.cn/offer"))
        #expect(words.body.contains("https://rencai.example.cn/account/messages"), "optional and offer messages say where to change how")
        let english = Self.composer.compose(Self.message(.offerReleased, language: "en"))
        #expect(english.subject == "You have an offer: 通江县农业农村局农业技术推广员" && english.body.contains("Answer by: 2026-11-18 19:06 (Beijing time)"))
        let reset = Self.composer.compose(Self.message(.passwordReset, payload: Self.payloads[.passwordReset]!))
        #expect(reset.body.contains("https://rencai.example.cn/reset/new?token=TOKEN-abc_123") && reset.body.contains("654321"))
        #expect(!reset.sms.contains("TOKEN"), "a link is for e-mail; an SMS carries the code")
    }

    @Test("a Chinese SMS fits one message of 70 characters with the provider's signature, even for a very long post title")
    func smsFits() {
        let long = "四川省巴中市通江县人民政府乡村振兴局农业农村综合服务中心高级农业技术推广研究员兼项目管理负责人岗位"
        for kind in MessageKindCode.allCases {
            for post in ["农技员", long] {
                let words = Self.composer.compose(Self.message(kind, .sms, post: post, payload: Self.payloads[kind] ?? [:]))
                #expect(words.sms.utf16.count + "【人才交流】".count <= 70, "\(kind): \(words.sms.utf16.count) + 6 characters: \(words.sms)")
                #expect(words.smsTemplateKey == "msg_\(kind.rawValue)_sms")
            }
        }
        let fitted = Self.composer.compose(Self.message(.offerReleased, .sms, post: long))
        #expect(fitted.sms.contains("…") && fitted.sms.contains("11-18 19:06"), "the title gives way, the deadline stays: \(fitted.sms)")
        #expect(fitted.smsParameters["post"]?.hasSuffix("…") == true && fitted.smsParameters["deadline"] == "11-18 19:06")
        #expect(Set(fitted.smsParameters.keys) == ["post", "deadline"], "only what the template uses")
    }

    @Test("an SMS too long however its titles are shortened is still written, the titles down to one character; a plain-ASCII SMS is shortened with ASCII dots, which keep it in one 160-character message",
          .timeLimit(.minutes(1)))
    func smsThatCannotFit() throws {
        let unsigned = try MessageComposer.load(publicURL: "https://rencai.example.cn/")
        let long = String(repeating: "Agricultural extension officer ", count: 10)
        let plain = unsigned.compose(Self.message(.offerReleased, .sms, language: "en", post: long))
        #expect(plain.sms.utf16.count <= 160 && plain.sms.contains("...") && !plain.sms.contains("…"), "\(plain.sms)")
        // With a Chinese signature every SMS is UCS-2 (64 characters left): an English notice cannot fit.
        let signed = Self.composer.compose(Self.message(.registrationNotice, .sms, language: "en"))
        #expect(!signed.sms.isEmpty)
        let office = Self.composer.compose(Self.message(.nightResult, .sms, language: "en"))
        #expect(office.smsParameters["office"] == "巴…", "the office's name gave all it could: \(office.sms)")
    }

    @Test("the night's result reports offers, fill, shortfall and the verifier's verdict; a failed night says why")
    func night() {
        let words = Self.composer.compose(Self.message(.nightResult))
        #expect(words.subject == "巴中市人力资源和社会保障局 2026-11-21 匹配结果：295185 个录用")
        #expect(words.body.contains("已填 295185 / 342993（86.1%）") && words.body.contains("最低保障缺口：12") && words.body.contains("稳定，无违规"))
        var failed = Self.message(.nightResult, language: "en")
        failed = OutboxMessage(id: 1, kind: .nightResult, channel: .email, address: "a@example.cn", language: "en", attempt: 1,
                               createdAt: Self.deadline, facts: MessageFacts(night: .init(
                                officeName: "Bazhong", date: "2026-11-21", status: "failed", offers: 0, seats: 0, filled: 0, candidates: 0,
                                shortfall: 0, stable: false, violations: 3, failure: "the verifier found 3 violation(s)")))
        let refused = Self.composer.compose(failed)
        #expect(refused.subject == "Bazhong, night of 2026-11-21: no offers released")
        #expect(refused.body.contains("3 violations found") && refused.body.contains("the verifier found 3 violation(s)"))
    }

    @Test("a value holding braces is never read as a placeholder")
    func bracesInValues() {
        var message = Self.message(.reviewDecided)
        message = OutboxMessage(id: 1, kind: .reviewDecided, channel: .email, address: "a@example.cn", language: "zh-CN", attempt: 1,
                                createdAt: Self.deadline, facts: MessageFacts(review: .init(decision: "changed", reason: "见 {post} 与 {code}", postTitle: "岗位")))
        #expect(Self.composer.compose(message).body.contains("理由：见 {post} 与 {code}"))
    }
}
