import AsyncHTTPClient
import Foundation
import MatchStore
import NIOCore

/// Alibaba Cloud Short Message Service (dysmsapi, `SendSms`, version 2017-05-25): one signed
/// POST per message, the template and its parameters in the form, the answer in JSON
/// (ADR 0043). What the provider's codes mean for us is `AliyunAnswer`.
public struct AliyunSMSSender: SMSSender {
    public struct Settings: Sendable, Equatable {
        /// `https://dysmsapi.aliyuncs.com/` in production; a local receiver in tests.
        public var endpoint: String
        public var accessKeyID: String
        public var accessKeySecret: String
        /// The approved signature (签名) the provider puts before every text, 【签名】.
        public var signName: String
        public var regionID: String
        /// The approved template code (`SMS_…`) for each SMS text's catalogue key.
        public var templates: [String: String]

        public init(endpoint: String = "https://dysmsapi.aliyuncs.com/", accessKeyID: String, accessKeySecret: String,
                    signName: String, regionID: String = "cn-hangzhou", templates: [String: String]) {
            self.endpoint = endpoint
            self.accessKeyID = accessKeyID
            self.accessKeySecret = accessKeySecret
            self.signName = signName
            self.regionID = regionID
            self.templates = templates
        }
    }

    public let settings: Settings
    let client: HTTPClient
    let timeout: TimeAmount

    public init(settings: Settings, client: HTTPClient = .shared, timeout: TimeAmount = .seconds(20)) {
        self.settings = settings
        self.client = client
        self.timeout = timeout
    }

    public func send(_ sms: SMSMessage) async -> DeliveryResult {
        guard let template = settings.templates[sms.templateKey] else {
            return .failed(reason: "no Alibaba Cloud template is configured for \(sms.templateKey) (TALENTMATCH_SMS_TEMPLATES)")
        }
        let parameters = self.parameters(sms, template: template, nonce: UUID().uuidString, timestamp: Date())
        var request = HTTPClientRequest(url: settings.endpoint)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded; charset=utf-8")
        request.headers.add(name: "Accept", value: "application/json")
        request.body = .bytes(ByteBuffer(string: Self.formBody(parameters, secret: settings.accessKeySecret)))
        do {
            let response = try await client.execute(request, timeout: timeout)
            let body = try await response.body.collect(upTo: 1 << 16)
            return AliyunAnswer.result(status: Int(response.status.code), body: String(buffer: body))
        } catch {
            return .retry(reason: "Alibaba Cloud SMS did not answer: \(error)")
        }
    }

    /// Every parameter of the request but its signature.
    func parameters(_ sms: SMSMessage, template: String, nonce: String, timestamp: Date) -> [String: String] {
        [
            "AccessKeyId": settings.accessKeyID, "Action": "SendSms", "Format": "JSON", "RegionId": settings.regionID,
            "SignatureMethod": "HMAC-SHA1", "SignatureNonce": nonce, "SignatureVersion": "1.0",
            "Timestamp": Self.timestamp(timestamp), "Version": "2017-05-25",
            "PhoneNumbers": sms.phone, "SignName": settings.signName, "TemplateCode": template,
            "TemplateParam": Self.json(sms.parameters), "OutId": sms.outID,
        ]
    }

    /// The form: the canonicalized parameters and their signature, as the documentation's
    /// POST sends them.
    static func formBody(_ parameters: [String: String], secret: String) -> String {
        let signature = AliyunSignature.sign(parameters, secret: secret, method: "POST")
        return AliyunSignature.canonicalQuery(parameters) + "&Signature=" + AliyunSignature.percentEncode(signature)
    }

    /// ISO 8601 in UTC, to the second: `2017-07-12T02:42:19Z`.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    static func json(_ values: [String: String]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: values, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

/// What Alibaba Cloud's answers mean for a message (its documented error codes, ADR 0043):
/// `OK` is sent; throttling, quotas, an account out of credit and the platform's own errors
/// (`isp.*`, HTTP 5xx, no answer) are tried again later; a number, template, signature or
/// content it refuses (`isv.*` otherwise) never works and is given up at once. Errors of our
/// own configuration (signature, key, permission) are retried, so that every message waits
/// while an operator fixes the key rather than failing at once.
enum AliyunAnswer {
    static let retryable: Set<String> = [
        "isp.SYSTEM_ERROR", "isp.GATEWAY_ERROR", "isv.BUSINESS_LIMIT_CONTROL", "isv.DAY_LIMIT_CONTROL",
        "isv.MONTH_LIMIT_CONTROL", "isv.OUT_OF_SERVICE", "isv.AMOUNT_NOT_ENOUGH", "Throttling", "Throttling.User",
        "ServiceUnavailable", "InternalError", "SignatureDoesNotMatch", "InvalidAccessKeyId.NotFound",
        "InvalidAccessKeyId.Inactive", "isp.RAM_PERMISSION_DENY", "SignatureNonceUsed", "InvalidTimeStamp.Expired",
    ]

    static func result(status: Int, body: String) -> DeliveryResult {
        let answer = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
        let code = answer["Code"] as? String ?? ""
        let message = answer["Message"] as? String ?? ""
        let said = "HTTP \(status) \(code) \(message)".trimmingCharacters(in: .whitespaces)
        if status == 200, code == "OK" {
            return .sent(detail: "BizId \(answer["BizId"] as? String ?? "?"), RequestId \(answer["RequestId"] as? String ?? "?")")
        }
        if status >= 500 || code.isEmpty || retryable.contains(code) || code.hasPrefix("isp.") { return .retry(reason: said) }
        if code.hasPrefix("isv.") { return .failed(reason: said) }
        return .retry(reason: said)
    }
}
