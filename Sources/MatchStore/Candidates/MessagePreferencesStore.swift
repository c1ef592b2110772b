import Foundation
import Logging
import PostgresNIO

/// How a candidate is told: their contacts, the channels they choose, the optional messages
/// they keep, and their language (ADR 0042).
public struct MessagePreferences: Sendable, Equatable {
    public let contact: String
    public let contactVerified: Bool
    public let secondContact: String?
    public let secondContactVerified: Bool
    /// The channels chosen; nil: the sign-in contact's.
    public let chosenChannels: [MessageChannelCode]?
    /// The channels messages actually go by (chosen, with a verified address).
    public let channels: [MessageChannelCode]
    public let mutedKinds: [MessageKindCode]
    public let language: String

    /// What the page shows as chosen: the stored choice, or the sign-in contact's channel.
    public var effectiveChoice: [MessageChannelCode] {
        chosenChannels ?? [MessageChannelCode(address: contact)]
    }
}

public struct MessagePreferencesStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func load(candidateID: Int64) async throws -> MessagePreferences? {
        let rows = try await database.query(
            """
            SELECT contact, contact_verified_at IS NOT NULL, second_contact, second_contact_verified_at IS NOT NULL,
                   message_channel_choice, message_channels, muted_messages, language
            FROM candidates WHERE id = \(candidateID)
            """
        )
        for try await row in rows.decode((String, Bool, String?, Bool, [String]?, [String], [String], String).self) {
            return MessagePreferences(
                contact: row.0, contactVerified: row.1, secondContact: row.2, secondContactVerified: row.3,
                chosenChannels: row.4.map { $0.compactMap(MessageChannelCode.init(rawValue:)) },
                channels: row.5.compactMap(MessageChannelCode.init(rawValue:)),
                mutedKinds: row.6.compactMap(MessageKindCode.init(rawValue:)), language: row.7
            )
        }
        return nil
    }

    /// Saves the channels and the optional messages to keep. Only optional kinds can be
    /// turned off: any other kind named in `muted` is refused by the caller's form and by
    /// the schema's CHECK.
    public func save(candidateID: Int64, channels: [MessageChannelCode], muted: [MessageKindCode], source: String) async throws {
        precondition(!channels.isEmpty, "at least one channel")
        let logger = database.logger
        try await database.transaction { connection in
            try await connection.query(
                """
                UPDATE candidates SET message_channel_choice = \(channels.map(\.rawValue)), muted_messages = \(muted.filter(\.isOptional).map(\.rawValue)),
                    updated_at = now()
                WHERE id = \(candidateID)
                """,
                logger: logger
            )
            try await AuditLog.record(
                actor: "candidate:\(candidateID)", action: "account.messages", subject: "candidate:\(candidateID)",
                details: ["channels": channels.map(\.rawValue).joined(separator: ","), "muted": muted.map(\.rawValue).joined(separator: ",")],
                source: source, on: connection, logger: logger
            )
        }
    }

    /// The language messages are written in: the one the candidate last used the gateway in.
    public func setLanguage(candidateID: Int64, language: String) async throws {
        try await database.query(
            "UPDATE candidates SET language = \(language) WHERE id = \(candidateID) AND language <> \(language)"
        )
    }
}
