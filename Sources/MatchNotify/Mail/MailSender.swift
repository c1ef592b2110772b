import Foundation
import MatchStore
import Subprocess

/// Hands an e-mail to the deployment's SMTP relay through msmtp, Debian's sendmail
/// interface: one child process per message, the message on its standard input (ADR 0043).
///
/// No SMTP client of our own: msmtp speaks SMTP, STARTTLS and authentication, reads its
/// account from a configuration file (where a relay's password belongs) or from the
/// command line, and says what happened in its exit status and its last words.
public struct MailSender: Sendable {
    /// Where msmtp finds the relay.
    public enum Relay: Sendable, Equatable {
        /// A host and port on the command line, without TLS or authentication: a relay on
        /// the same host or network (`TALENTMATCH_MAIL_RELAY=smtp://host:port`).
        case host(String, port: Int)
        /// An msmtp configuration file, and optionally an account in it
        /// (`TALENTMATCH_MSMTP_CONFIG`, `TALENTMATCH_MSMTP_ACCOUNT`).
        case configuration(path: String, account: String?)
    }

    public let relay: Relay
    public let from: MailAddress
    /// The msmtp program.
    public let program: String
    /// Seconds msmtp waits on the network before giving up (then the message is retried).
    public let timeoutSeconds: Int

    public init(relay: Relay, from: MailAddress, program: String = "/usr/bin/msmtp", timeoutSeconds: Int = 30) {
        self.relay = relay
        self.from = from
        self.program = program
        self.timeoutSeconds = timeoutSeconds
    }

    /// Sends one message; never throws: every outcome is a `DeliveryResult`.
    public func send(_ mail: MailMessage) async -> DeliveryResult {
        let arguments = self.arguments(recipient: mail.to)
        do {
            let result = try await Subprocess.run(
                .path(.init(program)), arguments: Arguments(arguments), input: .string(mail.rendered),
                output: .string(limit: 1 << 16), error: .combinedWithOutput
            )
            let output = result.standardOutput
            switch result.terminationStatus {
            case .exited(let code): return Self.result(exitCode: code, output: output)
            case .signaled(let signal): return .retry(reason: "msmtp was stopped by signal \(signal)")
            }
        } catch {
            return .retry(reason: "cannot run \(program): \(error)")
        }
    }

    func arguments(recipient: String) -> [String] {
        var arguments: [String]
        switch relay {
        case .host(let host, let port):
            arguments = ["--host=\(host)", "--port=\(port)", "--auth=off", "--tls=off"]
        case .configuration(let path, let account):
            arguments = ["--file=\(path)"] + (account.map { ["--account=\($0)"] } ?? [])
        }
        return arguments + ["--from=\(from.address)", "--timeout=\(timeoutSeconds)", "--", recipient]
    }

    /// msmtp's verdict: the relay's own reply code decides when msmtp quotes one (4xx: try
    /// again, 5xx: never), otherwise its exit status (sysexits.h).
    static func result(exitCode: Int32, output: String) -> DeliveryResult {
        let said = output.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
        let detail = said.suffix(3).joined(separator: " | ")
        if exitCode == 0 { return .sent(detail: "accepted by the relay") }
        if let reply = said.compactMap({ $0.firstMatch(of: /server message: ([245])[0-9][0-9]/)?.1 }).last {
            return reply == "5" ? .failed(reason: detail) : .retry(reason: detail)
        }
        switch exitCode {
        case 65, 67: return .failed(reason: detail)  // EX_DATAERR, EX_NOUSER: the relay refused the message for good
        case 64: return .failed(reason: "msmtp refused its arguments: \(detail)")  // EX_USAGE
        default: return .retry(reason: "msmtp exit \(exitCode): \(detail)")  // unreachable, temporary, configuration
        }
    }
}
