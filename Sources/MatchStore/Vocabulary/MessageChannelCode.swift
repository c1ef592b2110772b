/// How a message travels: e-mail through the deployment's relay, or SMS through the provider.
public enum MessageChannelCode: String, VocabularyCode {
    case email
    case sms

    public static let cataloguePrefix = "channel"

    /// The channel an address belongs to: an e-mail address holds "@", anything else a
    /// contact may be is a mainland mobile number (the gateway's `ContactAddress`).
    public init(address: String) {
        self = address.contains("@") ? .email : .sms
    }
}
