import ArgumentParser
import Foundation
import MatchCore

/// `talentmatch generate`: writes a synthetic `talentmatch.instance/1` file with real region
/// and specialty codes and the skew of the real market.
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic instance file (talentmatch.instance/1)."
    )

    @Option(name: .long, help: "Number of candidates.")
    var candidates: Int = 1000

    @Option(name: [.customLong("posts"), .customLong("vacancies")], help: "Number of vacancies.")
    var posts: Int = 100

    @Option(name: .long, help: "Length of each candidate's ranking.")
    var choices: Int = 30

    @Option(name: .long, help: "Seed for the generator (also written as the instance's lottery seed).")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Output file.")
    var output: String

    @Option(name: .long, help: "Folder with regions.csv, specialties.csv and key_assistance_counties.csv.")
    var referenceDir: String = "Schema/reference"

    @Flag(name: .long, help: "Cap developed provinces and their capitals (nested), with targets.")
    var caps = false

    @Flag(name: .long, help: "Floors on national key assistance counties.")
    var floors = false

    @Option(name: .long, help: "Share of candidates applying as couples, e.g. 0.01.")
    var couplesShare: Double = 0

    @Flag(name: .long, help: "Vacancies give scores (ties broken by the lottery) instead of rankings.")
    var scores = false

    func validate() throws {
        guard candidates >= 0, posts >= 1, choices >= 1 else { throw ValidationError("need candidates ≥ 0, posts ≥ 1, choices ≥ 1") }
        guard (0...0.5).contains(couplesShare) else { throw ValidationError("--couples-share must lie in 0…0.5") }
    }

    func run() async throws {
        let catalogue: ReferenceCatalogue
        do {
            let folder = URL(fileURLWithPath: referenceDir)
            let regions = try String(contentsOf: folder.appendingPathComponent("regions.csv"), encoding: .utf8)
            let specialties = try String(contentsOf: folder.appendingPathComponent("specialties.csv"), encoding: .utf8)
            let key = try? String(contentsOf: folder.appendingPathComponent("key_assistance_counties.csv"), encoding: .utf8)
            catalogue = try ReferenceCatalogue.parse(regionsCSV: regions, specialtiesCSV: specialties, keyCountiesCSV: key)
        } catch {
            CommandIO.fail("reference data in \(referenceDir): \(error)")
            throw ExitCode(2)
        }
        let settings = GeneratorSettings(
            candidates: candidates, vacancies: posts, choices: choices, seed: seed,
            caps: caps, floors: floors, coupleShare: couplesShare, scores: scores
        )
        let bytes = InstanceGenerator.generate(settings, catalogue: catalogue) { CommandIO.progress($0) }
        CommandIO.progress("writing \(bytes.count) bytes to \(output)")
        try CommandIO.write(bytes, to: output)
    }
}
