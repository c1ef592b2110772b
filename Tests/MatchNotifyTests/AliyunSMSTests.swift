import Crypto
import Foundation
import Hummingbird
@testable import MatchNotify
import MatchStore
import MatchStoreTesting
import Testing

/// The SMS adapter against a local receiver that checks what Alibaba Cloud's documentation
/// says a SendSms request is, recomputes its signature on its own, and answers with the
/// provider's success and error bodies.
@Suite("SMS through Alibaba Cloud's API, against a local receiver")
struct AliyunSMSTests {
    @Test("the signature matches the examples in Alibaba Cloud's documentation")
    func knownAnswers() {
        // The Short Message Service's signature example (SendSms).
        let sendSms = [
            "AccessKeyId": "testId", "Action": "SendSms", "Format": "XML", "OutId": "123", "PhoneNumbers": "15300000001",
            "RegionId": "cn-hangzhou", "SignName": "阿里云短信测试专用", "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": "45e25e9b-0a6f-4070-8c85-2956eda1b466", "SignatureVersion": "1.0", "TemplateCode": "SMS_71390007",
            "TemplateParam": #"{"customer":"test"}"#, "Timestamp": "2017-07-12T02:42:19Z", "Version": "2017-05-25",
        ]
        #expect(AliyunSignature.sign(sendSms, secret: "testSecret", method: "GET") == "zJDF+Lrzhj/ThnlvIToysFRq6t4=")
        // The RPC signature mechanism's example (DescribeRegions).
        let describe = [
            "Format": "XML", "AccessKeyId": "testid", "Action": "DescribeRegions", "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf", "SignatureVersion": "1.0", "Version": "2014-05-26",
            "Timestamp": "2016-02-23T12:46:24Z",
        ]
        #expect(AliyunSignature.sign(describe, secret: "testsecret", method: "GET") == "OLeaidS1JvxuMvnyHOwuJ+uX5qY=")
        #expect(AliyunSignature.percentEncode("a b*~/派") == "a%20b%2A~%2F%E6%B4%BE")
    }

    @Test("a signed SendSms: the receiver finds every documented field and the signature right; OK is sent, throttling and server errors are retried, a refused number is given up")
    func receiver() async throws {
        let receiver = Receiver(secret: "local-secret")
        try await receiver.run { endpoint in
            let sender = AliyunSMSSender(settings: .init(
                endpoint: endpoint, accessKeyID: "LTAI-local", accessKeySecret: "local-secret", signName: "人才交流",
                templates: ["msg_offer_released_sms": "SMS_100001"]))
            let sms = { (phone: String) in
                SMSMessage(phone: phone, text: "您获得岗位录用：通江县农技员，请于11-28 02:00前登录答复。", templateKey: "msg_offer_released_sms",
                           parameters: ["post": "通江县农技员", "deadline": "11-28 02:00"], outID: "outbox-\(phone.suffix(1))")
            }
            guard case .sent(let detail) = await sender.send(sms("13900000001")) else { Issue.record("OK was not sent"); return }
            #expect(detail.contains("BizId 900619746936498440"))
            guard case .retry(let throttled) = await sender.send(sms("13900000002")) else { Issue.record("throttling not retried"); return }
            #expect(throttled.contains("isv.BUSINESS_LIMIT_CONTROL"))
            guard case .failed(let refused) = await sender.send(sms("13900000003")) else { Issue.record("a bad number not given up"); return }
            #expect(refused.contains("isv.MOBILE_NUMBER_ILLEGAL"))
            guard case .retry = await sender.send(sms("13900000004")) else { Issue.record("HTTP 500 not retried"); return }
            guard case .failed(let missing) = await AliyunSMSSender(settings: sender.settings)
                .send(SMSMessage(phone: "13900000001", text: "x", templateKey: "msg_offer_expired_sms", parameters: [:], outID: "o")) else {
                Issue.record("a kind without a template should fail"); return
            }
            #expect(missing.contains("TALENTMATCH_SMS_TEMPLATES"))
            let wrongKey = AliyunSMSSender(settings: .init(endpoint: endpoint, accessKeyID: "LTAI-local", accessKeySecret: "not-the-secret",
                                                           signName: "人才交流", templates: ["msg_offer_released_sms": "SMS_100001"]))
            guard case .retry(let mismatch) = await wrongKey.send(sms("13900000001")) else { Issue.record("a bad key is the operator's to fix"); return }
            #expect(mismatch.contains("SignatureDoesNotMatch"))
        }
        let requests = await receiver.requests
        #expect(requests.count == 5)
        #expect(requests.filter(\.signatureValid).count == 4)
        #expect(Set(requests.map { $0.fields["SignatureNonce"] ?? "" }).count == 5, "a fresh nonce each time")
        let first = requests[0].fields
        #expect(first["TemplateParam"] == #"{"deadline":"11-28 02:00","post":"通江县农技员"}"#)
        #expect(first["SignName"] == "人才交流" && first["OutId"] == "outbox-1" && first["TemplateCode"] == "SMS_100001")
    }
}

/// A stand-in for dysmsapi.aliyuncs.com on loopback: a Hummingbird server that checks the
/// request as the documentation describes it, with its own reading of the signature rules.
actor Receiver {
    struct Request: Sendable {
        let fields: [String: String]
        let signatureValid: Bool
    }

    let secret: String
    private(set) var requests: [Request] = []

    init(secret: String) {
        self.secret = secret
    }

    func record(_ request: Request) {
        requests.append(request)
    }

    /// Runs the receiver for the duration of `body`, which gets its address.
    nonisolated func run(_ body: @Sendable (String) async throws -> Void) async throws {
        let router = Router()
        router.post("/") { request, context -> Response in
            let text = String(buffer: try await request.body.collect(upTo: 1 << 16))
            let fields = Self.form(text)
            let valid = Self.signature(fields, secret: self.secret) == fields["Signature"]
            await self.record(Request(fields: fields, signatureValid: valid))
            let required = ["AccessKeyId", "Action", "Format", "RegionId", "SignatureMethod", "SignatureNonce", "SignatureVersion",
                            "Timestamp", "Version", "PhoneNumbers", "SignName", "TemplateCode", "TemplateParam", "Signature"]
            let shape = required.allSatisfy { fields[$0] != nil } && fields["Action"] == "SendSms" && fields["Version"] == "2017-05-25"
                && fields["SignatureMethod"] == "HMAC-SHA1" && fields["SignatureVersion"] == "1.0" && fields["Format"] == "JSON"
                && (fields["Timestamp"] ?? "").wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/) != nil
                && request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true
            guard shape else { return Self.answer(.badRequest, "MissingParameter", "a documented parameter is missing") }
            guard valid else { return Self.answer(.badRequest, "SignatureDoesNotMatch", "Specified signature is not matched with our calculation.") }
            switch fields["PhoneNumbers"] {
            case "13900000002": return Self.answer(.ok, "isv.BUSINESS_LIMIT_CONTROL", "触发小时级流控Permits:5")
            case "13900000003": return Self.answer(.ok, "isv.MOBILE_NUMBER_ILLEGAL", "非法手机号")
            case "13900000004": return Response(status: .internalServerError)
            default: return Self.answer(.ok, "OK", "OK", bizID: "900619746936498440")
            }
        }
        let port = try SMTPTestServer.freePort()
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService() }
            defer { group.cancelAll() }
            for _ in 0..<100 where !SMTPTestServer.listening(port) { try await Task.sleep(for: .milliseconds(50)) }
            try await body("http://127.0.0.1:\(port)/")
        }
    }

    static func answer(_ status: HTTPResponse.Status, _ code: String, _ message: String, bizID: String? = nil) -> Response {
        var json = #"{"RequestId":"F655A8D5-B967-440B-8683-DAD6FF8DE990","Code":"\#(code)","Message":"\#(message)""#
        if let bizID { json += #","BizId":"\#(bizID)""# }
        json += "}"
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: json)))
    }

    /// application/x-www-form-urlencoded, decoded ("+" is a space there; "%XY" a byte).
    static func form(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            if parts.count == 2 { fields[parts[0]] = parts[1] }
        }
        return fields
    }

    /// The documented algorithm, written again here from Foundation's percent-encoding.
    static func signature(_ fields: [String: String], secret: String) -> String {
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")
        let encode = { (text: String) in text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? "" }
        let canonical = fields.filter { $0.key != "Signature" }.sorted { $0.key < $1.key }
            .map { encode($0.key) + "=" + encode($0.value) }.joined(separator: "&")
        let toSign = "POST&" + encode("/") + "&" + encode(canonical)
        let mac = HMAC<Insecure.SHA1>.authenticationCode(for: Data(toSign.utf8), using: SymmetricKey(data: Data((secret + "&").utf8)))
        return Data(mac).base64EncodedString()
    }
}
