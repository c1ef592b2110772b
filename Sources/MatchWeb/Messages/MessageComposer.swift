import Foundation
import MatchStore

/// Puts an outbox message into words, in its recipient's language, from the same catalogues
/// as the pages (`msg_<kind>_subject`, `_body`, `_sms`), with links to the gateway's pages.
///
/// Messages say what happened and where to read the rest: the post, its region and deadline,
/// a decision and its reason, a code. Never an ID number, and never a score: the reasons for
/// an offer are on the offer page, behind the candidate's password.
public struct MessageComposer: Sendable {
    let catalogue: MessageCatalogue
    /// The gateway's address as people reach it, without a trailing slash.
    let publicURL: String
    /// Characters the SMS provider adds to every message (its signature, 【签名】).
    let smsSignatureLength: Int

    /// Loads the gateway's catalogues. `smsSignature` is the provider's signature name.
    public static func load(publicURL: String, smsSignature: String = "") throws -> MessageComposer {
        let catalogue = try MessageCatalogue.load(from: try GatewayResources.directory().appendingPathComponent("messages"))
        let trimmed = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        return MessageComposer(catalogue: catalogue, publicURL: trimmed, smsSignatureLength: smsSignature.isEmpty ? 0 : smsSignature.count + 2)
    }

    public func compose(_ message: OutboxMessage) -> ComposedMessage {
        let language = Language(rawValue: message.language) ?? .zhCN
        let words = MessageWords(message: message, language: language, catalogue: catalogue, publicURL: publicURL)
        let key = words.key
        let arguments = words.arguments
        let text = { (suffix: String, values: [String: String]) in
            Placeholders.fill(catalogue.text("msg_\(key)_\(suffix)", language), values)
        }
        let body = [catalogue.text("msg_greeting", language), text("body", arguments), footer(message, language)]
            .joined(separator: "\n\n") + "\n"
        let sms = SMSText.fit(template: catalogue.text("msg_\(key)_sms", language), arguments: words.smsArguments,
                              shortenable: ["post", "office", "inviter"], signatureLength: smsSignatureLength)
        return ComposedMessage(subject: text("subject", arguments), body: body, sms: sms.text, smsTemplateKey: "msg_\(key)_sms",
                               smsParameters: sms.parameters, language: language.rawValue)
    }

    private func footer(_ message: OutboxMessage, _ language: Language) -> String {
        if message.kind == .nightResult { return catalogue.text("msg_footer_staff", language) }
        if message.kind.isAccountMessage { return catalogue.text("msg_footer_account", language) }
        return Placeholders.fill(catalogue.text("msg_footer", language), ["settings_link": publicURL + "/account/messages"])
    }
}

/// `{name}` placeholders filled in one pass, so that a value holding braces (an office's
/// reason) is never read as a placeholder itself.
enum Placeholders {
    static func fill(_ template: String, _ values: [String: String]) -> String {
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "}"), let value = values[String(after[..<close])] {
                result += value
                rest = after[after.index(after: close)...]
            } else {
                result += "{"
                rest = after
            }
        }
        return result + rest
    }

    /// The names a template uses, in order.
    static func names(in template: String) -> [String] {
        template.matches(of: /\{([a-z_]+)\}/).map { String($0.1) }
    }
}
