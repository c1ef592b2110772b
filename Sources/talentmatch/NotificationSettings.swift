import Foundation
import MatchNotify
import MatchStore
import MatchWeb

/// How this deployment delivers messages, from the environment (README, "Messages"):
///
/// - `TALENTMATCH_PUBLIC_URL`: the gateway's address in links (default http://localhost:8080).
/// - e-mail through msmtp: `TALENTMATCH_MAIL_RELAY=smtp://host:port` (no TLS, no login: a
///   relay on the host or its network), or `TALENTMATCH_MSMTP_CONFIG=/path/msmtprc` with
///   `TALENTMATCH_MSMTP_ACCOUNT`; the sender is `TALENTMATCH_MAIL_FROM`.
/// - SMS: `TALENTMATCH_SMS_PROVIDER=aliyun` with `TALENTMATCH_SMS_ACCESS_KEY_ID`,
///   `TALENTMATCH_SMS_ACCESS_KEY_SECRET`, `TALENTMATCH_SMS_SIGN_NAME`,
///   `TALENTMATCH_SMS_TEMPLATES=offer_released=SMS_…,…` and optionally `TALENTMATCH_SMS_ENDPOINT`.
/// - `TALENTMATCH_OUTBOX_SINK=/folder`: write every message to a file there instead of
///   sending; the default with the embedded database when neither channel is set up.
struct NotificationSettings {
    let publicURL: String
    let channels: MessageChannels
    let workers: Int
    /// Said once at start: where messages go.
    let summary: String

    static let defaultFrom = "人才引进匹配平台 <noreply@localhost>"

    /// - Parameter defaultPublicURL: the address links use when TALENTMATCH_PUBLIC_URL is unset
    ///   (`serve` passes the one it listens on).
    /// - Parameter sink: a folder to write messages to whatever the environment says (`demo`).
    static func load(environment: [String: String] = ProcessInfo.processInfo.environment, layout: ProjectLayout,
                     embedded: Bool, defaultPublicURL: String = "http://localhost:8080", sink forced: URL? = nil) throws -> NotificationSettings {
        let value = { (name: String) -> String? in environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let publicURL = value("TALENTMATCH_PUBLIC_URL") ?? defaultPublicURL
        guard let url = URL(string: publicURL), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
            throw SettingError(name: "TALENTMATCH_PUBLIC_URL", problem: "is not an http(s) address: \(publicURL)")
        }
        let sms = try smsSender(value)
        let composer = try MessageComposer.load(publicURL: publicURL, smsSignature: sms?.settings.signName ?? "")
        let mail = try mailSender(value)
        var sink: OutboxSink?
        if let forced {
            sink = OutboxSink(directory: forced)
        } else if let folder = value("TALENTMATCH_OUTBOX_SINK") {
            sink = OutboxSink(directory: URL(fileURLWithPath: folder))
        } else if embedded, mail == nil, sms == nil, layout.hasStateHome {
            sink = OutboxSink(directory: URL(fileURLWithPath: layout.stateDirectory + "/outbox"))
        }
        let workers = Int(value("TALENTMATCH_NOTIFY_WORKERS") ?? "4") ?? 0
        guard (1...64).contains(workers) else {
            throw SettingError(name: "TALENTMATCH_NOTIFY_WORKERS", problem: "must be a number from 1 to 64")
        }
        let channels = MessageChannels(composer: composer, mail: mail, sms: sms, sink: sink)
        let ways = [mail.map { _ in "e-mail (msmtp)" }, sms.map { _ in "SMS (Alibaba Cloud)" }].compactMap { $0 }
        let summary = if let sink {
            "messages are written to \(sink.directory.path), one file each, and not sent"
        } else if ways.isEmpty {
            "no channel is set up (TALENTMATCH_MAIL_RELAY, TALENTMATCH_SMS_PROVIDER): messages wait in the outbox"
        } else {
            "messages go out by " + ways.joined(separator: " and ")
        }
        return NotificationSettings(publicURL: publicURL, channels: channels, workers: workers, summary: summary)
    }

    private static func mailSender(_ value: (String) -> String?) throws -> MailSender? {
        let fromText = value("TALENTMATCH_MAIL_FROM") ?? defaultFrom
        guard let from = MailAddress(parsing: fromText) else {
            throw SettingError(name: "TALENTMATCH_MAIL_FROM", problem: "needs an address, as \"Name <noreply@example.cn>\"")
        }
        let program = value("TALENTMATCH_MSMTP") ?? "/usr/bin/msmtp"
        if let path = value("TALENTMATCH_MSMTP_CONFIG") {
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw SettingError(name: "TALENTMATCH_MSMTP_CONFIG", problem: "names \(path), which cannot be read")
            }
            return MailSender(relay: .configuration(path: path, account: value("TALENTMATCH_MSMTP_ACCOUNT")), from: from, program: program)
        }
        guard let relay = value("TALENTMATCH_MAIL_RELAY") else { return nil }
        guard let url = URL(string: relay), url.scheme == "smtp", let host = url.host, !host.isEmpty else {
            throw SettingError(name: "TALENTMATCH_MAIL_RELAY", problem: "is not smtp://host:port: \(relay)")
        }
        return MailSender(relay: .host(host, port: url.port ?? 25), from: from, program: program)
    }

    private static func smsSender(_ value: (String) -> String?) throws -> AliyunSMSSender? {
        guard let provider = value("TALENTMATCH_SMS_PROVIDER") else { return nil }
        guard provider == "aliyun" else {
            throw SettingError(name: "TALENTMATCH_SMS_PROVIDER", problem: "names \(provider); the one provider supported is aliyun")
        }
        func required(_ name: String) throws -> String {
            guard let found = value(name) else { throw SettingError(name: name, problem: "is needed with TALENTMATCH_SMS_PROVIDER=aliyun") }
            return found
        }
        let templates = try SMSTemplates.parse(try required("TALENTMATCH_SMS_TEMPLATES"))
        return AliyunSMSSender(settings: .init(
            endpoint: value("TALENTMATCH_SMS_ENDPOINT") ?? "https://dysmsapi.aliyuncs.com/",
            accessKeyID: try required("TALENTMATCH_SMS_ACCESS_KEY_ID"), accessKeySecret: try required("TALENTMATCH_SMS_ACCESS_KEY_SECRET"),
            signName: try required("TALENTMATCH_SMS_SIGN_NAME"), regionID: value("TALENTMATCH_SMS_REGION") ?? "cn-hangzhou",
            templates: templates
        ))
    }
}

/// `TALENTMATCH_SMS_TEMPLATES`: `kind=SMS_code` pairs, comma-separated, one for every SMS
/// text the platform sends (`msg_<kind>_sms` in the catalogues); the provider's template of
/// each holds the same words, with `${name}` for each `{name}`.
enum SMSTemplates {
    /// Every SMS text there is: one per message kind, and the failed night's.
    static let required: [String] = MessageKindCode.allCases.map(\.rawValue) + ["night_result_failed"]

    static func parse(_ text: String) throws -> [String: String] {
        var templates: [String: String] = [:]
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[1].isEmpty else {
                throw SettingError(name: "TALENTMATCH_SMS_TEMPLATES", problem: "has \"\(pair)\", not kind=SMS_code")
            }
            guard required.contains(parts[0]) else {
                throw SettingError(name: "TALENTMATCH_SMS_TEMPLATES", problem: "names \(parts[0]), which is no message kind")
            }
            templates["msg_\(parts[0])_sms"] = parts[1]
        }
        let missing = required.filter { templates["msg_\($0)_sms"] == nil }
        guard missing.isEmpty else {
            throw SettingError(name: "TALENTMATCH_SMS_TEMPLATES", problem: "lacks a template for " + missing.joined(separator: ", "))
        }
        return templates
    }
}

/// A setting that cannot be used, named, with what is wrong.
struct SettingError: Error, CustomStringConvertible {
    let name: String
    let problem: String
    var description: String { "\(name) \(problem)" }
}
