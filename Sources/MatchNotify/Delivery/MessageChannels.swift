import Foundation
import MatchStore
import MatchWeb

/// The ways this process can deliver: e-mail through the relay, SMS through the provider,
/// or the local sink that writes both to files. Turns an outbox message into words and
/// hands them to its channel.
public struct MessageChannels: Sendable {
    public let composer: MessageComposer
    public let mail: MailSender?
    public let sms: (any SMSSender)?
    /// When set, every message is written here and nothing is sent.
    public let sink: OutboxSink?

    public init(composer: MessageComposer, mail: MailSender? = nil, sms: (any SMSSender)? = nil, sink: OutboxSink? = nil) {
        self.composer = composer
        self.mail = mail
        self.sms = sms
        self.sink = sink
    }

    /// The channels it can deliver on; messages on the others wait in the outbox.
    public var available: [MessageChannelCode] {
        if sink != nil { return MessageChannelCode.allCases }
        return (mail == nil ? [] : [.email]) + (sms == nil ? [] : [.sms])
    }

    /// What the worker calls for each claimed message.
    public func send(_ message: OutboxMessage) async -> DeliveryResult {
        guard let address = message.address else { return .cancelled(reason: "no address") }
        let words = composer.compose(message)
        if let sink { return sink.write(message, words) }
        switch message.channel {
        case .email:
            guard let mail else { return .retry(reason: "e-mail is not set up in this process") }
            return await mail.send(MailMessage(
                from: mail.from, to: address, subject: words.subject, body: words.body, language: words.language,
                messageID: "outbox-\(message.id)@\(mail.from.address.split(separator: "@").last ?? "talentmatch")"
            ))
        case .sms:
            guard let sms else { return .retry(reason: "SMS is not set up in this process") }
            return await sms.send(SMSMessage(phone: address, text: words.sms, templateKey: words.smsTemplateKey,
                                             parameters: words.smsParameters, outID: "outbox-\(message.id)"))
        }
    }
}
