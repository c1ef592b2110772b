import MatchStore

/// One SMS to send: the number, the text as the recipient reads it, and the provider
/// template with its parameters (providers in China send only pre-approved templates).
public struct SMSMessage: Sendable, Equatable {
    /// A mainland mobile number, 11 digits.
    public let phone: String
    public let text: String
    /// The catalogue key of the text (`msg_offer_released_sms`), which names the template.
    public let templateKey: String
    public let parameters: [String: String]
    /// Our id for the message, passed to the provider for its delivery reports.
    public let outID: String

    public init(phone: String, text: String, templateKey: String, parameters: [String: String], outID: String) {
        self.phone = phone
        self.text = text
        self.templateKey = templateKey
        self.parameters = parameters
        self.outID = outID
    }
}

/// The one seam for SMS: a provider's API behind `send`. Implementations never throw; they
/// say whether to retry (`DeliveryResult`), as their provider documents its answers.
public protocol SMSSender: Sendable {
    func send(_ sms: SMSMessage) async -> DeliveryResult
}
