import ArgumentParser
import Foundation
import MatchStore

/// The keys that protect candidates' ID numbers (ADR 0022): make a key file, rotate its
/// keys, and re-seal the stored numbers under the newest ones.
struct KeysCommand: CommandGroup {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Create and rotate the keys that protect candidates' ID numbers.",
        discussion: """
            The file holds an HMAC-SHA-256 key (finds the same number on two accounts) and AES-256-GCM keys \
            with a one-byte id (the number encrypted, readable by its owner). `serve` reads it from \
            TALENTMATCH_ID_NUMBER_KEYS_FILE, else from the local home that `demo` uses. A new encryption key: \
            `keys rotate`, install the file wherever `serve` runs and restart those servers, then `keys rekey`. \
            A new hash key as well: stop the servers, `keys rotate --hash-key`, `keys rekey`, install the file, start \
            the servers. Deploy/README.md "Rotating secrets" has the steps.
            """,
        subcommands: [Generate.self, Rotate.self, Rekey.self]
    )

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a new key file (mode 0600); never overwrites one.")

        @Option(help: "Where to write the key file.")
        var output: String

        func run() throws {
            try OutputFile.check(output, option: "--output")
            try IdentityNumberKeyFile.create(path: output, keys: .generate())
            Console.say("wrote \(output) (mode 0600): set \(IdentityNumberKeySource.setting)=\(output) for serve, and back the file up apart from the database")
        }
    }

    struct Rotate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a new encryption key to the key file (it encrypts from now on); --hash-key also replaces the hash key.",
            discussion: "Old encryption keys stay so that stored numbers still open. Then: install the file wherever `serve` "
                + "runs, restart those servers, and run `keys rekey`. With --hash-key the servers must be stopped first, and "
                + "`keys rekey` runs before they start again with the new file."
        )

        @Flag(help: "Also replace the hash key. Until `keys rekey` has run, duplicates of numbers stored earlier go unnoticed, so stop the servers first.")
        var hashKey = false

        func run() throws {
            let layout = ProjectLayout.discover()
            guard let path = layout.identityNumberKeysFile else { throw MissingIdentityNumberKeys() }
            let current = try IdentityNumberKeyFile.load(path: path)
            guard let rotated = current.addingEncryptionKey() else { throw KeyFileFull(path: path) }
            let result = hashKey ? rotated.replacingHashKey() : rotated
            try IdentityNumberKeyFile.replace(path: path, keys: result)
            Console.say("\(path): encryption key \(result.currentKeyID) added" + (hashKey ? ", hash key replaced" : ""))
            if hashKey {
                Console.say("next, with every server still stopped: `talentmatch keys rekey`, then install this file wherever serve runs and start the servers")
            } else {
                Console.say("next: install this file wherever serve runs and restart those servers, then run `talentmatch keys rekey`")
            }
        }
    }

    /// Key ids are one byte: after key 255 the numbers move to a new file.
    struct KeyFileFull: Error, CustomStringConvertible {
        let path: String
        var description: String {
            "\(path): encryption key 255 is in use; make a new file with `keys generate` and move the numbers with `keys rekey`"
        }
    }

    struct Rekey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-seal every stored ID number with the newest encryption key and re-hash it with the hash key, in one transaction."
        )

        func run() async throws {
            let context = CommandContext()
            let vault = IdentityNumberVault(keys: try IdentityNumberKeySource(layout: context.layout).load())
            let report = try await context.target.withDatabase(role: .application, logger: context.logger) { database in
                try await IdentityNumberStore(database: database).rekey(with: vault, actor: "cli:keys")
            }
            let before = report.previousKeys.sorted { $0.key < $1.key }.map { "key \($0.key): \($0.value)" }.joined(separator: ", ")
            Console.say("re-sealed \(report.resealed) ID number(s) with encryption key \(report.currentKey)" + (before.isEmpty ? "" : " (before: \(before))"))
            Console.say("encryption keys other than \(report.currentKey) are no longer needed by the database (backups may still need them)")
        }
    }
}
