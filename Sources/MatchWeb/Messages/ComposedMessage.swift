/// A message in words, ready for a channel: an e-mail's subject and plain-text body, or an
/// SMS's text with the values of its provider template's parameters.
public struct ComposedMessage: Sendable, Equatable {
    /// The e-mail's subject (also the first line of a file in the demo's sink).
    public let subject: String
    /// The e-mail's body, plain text, lines separated by "\n".
    public let body: String
    /// The SMS as the recipient reads it, the provider's signature excluded.
    public let sms: String
    /// The catalogue key of the SMS text, e.g. `msg_offer_released_sms`: the provider's
    /// template registered with the same words, its placeholders `${name}`.
    public let smsTemplateKey: String
    /// The value of each placeholder the SMS text uses.
    public let smsParameters: [String: String]
    /// "zh-CN" or "en".
    public let language: String

    public init(subject: String, body: String, sms: String, smsTemplateKey: String, smsParameters: [String: String], language: String) {
        self.subject = subject
        self.body = body
        self.sms = sms
        self.smsTemplateKey = smsTemplateKey
        self.smsParameters = smsParameters
        self.language = language
    }
}
