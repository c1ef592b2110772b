import ArgumentParser
import Foundation
import MatchCore
import MatchLocal
import MatchStore

/// `talentmatch generate`: a synthetic market with real region and specialty codes and the
/// skew of the real market, either as a `talentmatch.instance/1` file (`--output`) or loaded
/// straight into PostgreSQL as candidates, vacancies and rankings under one office.
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate a synthetic market: an instance file with --output, else straight into PostgreSQL.",
        discussion: "Into PostgreSQL (a database without candidates or vacancies, so that a seed gives the same ids and the same "
            + "market every time), the dataset belongs to a new office (--office, default SYN) with one centre per "
            + "province, and every candidate has consented and ranked; run `talentmatch policy create --office SYN` "
            + "and `talentmatch nightly` next. With --offices K the posts belong to K nested offices instead (one per "
            + "province with posts, the rest the prefectures with most posts, named SYN-51, SYN-5119, …), each with its "
            + "own policy, caps and floors, so `talentmatch nightly` runs at once. The posts and people are those of the "
            + "one-office market of the same seed. --couples-share puts that share of the candidates, "
            + "neighbours in the market's order, in confirmed couples, each with the joint list the gateway's pair helper "
            + "proposes from both partners' own lists (without a shared province, no couple). --caps, --floors and "
            + "--scores apply to files only."
    )

    @Option(name: .long, help: "Number of candidates.")
    var candidates: Int = 1000

    @Option(name: [.customLong("posts"), .customLong("vacancies")], help: "Number of vacancies.")
    var posts: Int = 100

    @Option(name: .long, help: "Length of each candidate's ranking.")
    var choices: Int = 30

    @Option(name: .long, help: "Seed for the generator (also written as the instance's lottery seed).")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Output file; without it the market is loaded into the database.")
    var output: String?

    @Option(name: .long, help: "Into the database: the new office that owns the dataset (with --offices, their codes' prefix).")
    var office: String = "SYN"

    @Option(name: .long, help: "Into the database: spread the posts over this many nested offices, each with its own policy (at least one per province with posts).")
    var offices: Int = 1

    @Option(name: .long, help: "With --output: the folder with regions.csv, specialties.csv and key_assistance_counties.csv (default: reference/ in TALENTMATCH_SCHEMA_DIR, else the checkout's Schema/reference).")
    var referenceDir: String?

    @Flag(name: .long, help: "Cap developed provinces and their capitals (nested), with targets.")
    var caps = false

    @Flag(name: .long, help: "Floors on national key assistance counties.")
    var floors = false

    @Option(name: .long, help: "Share of candidates applying as couples, e.g. 0.01.")
    var couplesShare: Double = 0

    @Flag(name: .long, help: "Vacancies give scores (ties broken by the lottery) instead of rankings.")
    var scores = false

    func validate() throws {
        guard offices == 1 || output == nil else { throw ValidationError("--offices applies to loading into the database, not to --output") }
    }

    func run() async throws {
        try checkCounts()
        guard let output else {
            try await loadIntoDatabase()
            return
        }
        try OutputFile.check(output, option: "--output")
        let folder = referenceDir ?? ProjectLayout.discover().referenceDirectory
        let option = referenceDir == nil ? "reference folder (TALENTMATCH_SCHEMA_DIR)" : "--reference-dir"
        try InputFile.requireFolder(folder, option: option)
        let regions = try InputFile.text(folder + "/regions.csv", option: option)
        let specialties = try InputFile.text(folder + "/specialties.csv", option: option)
        let key = try? InputFile.text(folder + "/key_assistance_counties.csv", option: option)
        let catalogue: ReferenceCatalogue
        do {
            catalogue = try ReferenceCatalogue.parse(regionsCSV: regions, specialtiesCSV: specialties, keyCountiesCSV: key)
        } catch {
            throw InputProblem(option: option, value: folder, "\(error)")
        }
        let settings = GeneratorSettings(
            candidates: candidates, vacancies: posts, choices: choices, seed: seed,
            caps: caps, floors: floors, coupleShare: couplesShare, scores: scores
        )
        let bytes = InstanceGenerator.generate(settings, catalogue: catalogue) { CommandIO.progress($0) }
        CommandIO.progress("writing \(bytes.count) bytes to \(output)")
        try OutputFile.save(bytes, to: output, option: "--output")
    }

    private func checkCounts() throws {
        guard candidates >= 0 else { throw InputProblem("--candidates \(candidates)", "must be 0 or more") }
        guard posts >= 1 else { throw InputProblem("--posts \(posts)", "must be 1 or more") }
        guard choices >= 1 else { throw InputProblem("--choices \(choices)", "must be 1 or more") }
        guard offices >= 1 else { throw InputProblem("--offices \(offices)", "must be 1 or more") }
        guard (0...0.5).contains(couplesShare) else { throw InputProblem("--couples-share \(couplesShare)", "must lie in 0…0.5") }
    }

    private func loadIntoDatabase() async throws {
        let office = try InputProblem.officeCode(office, option: "--office")
        let context = CommandContext()
        let settings = SyntheticSettings(candidates: candidates, vacancies: posts, choices: choices, seed: seed, officeCode: office,
                                         offices: offices, couplesShare: couplesShare)
        let summary = try await context.target.withDatabase(logger: context.logger) { database in
            try await SyntheticDatasetLoader(database: database)
                .load(settings, reference: ShippedReference(directory: context.layout.referenceDirectory)) { CommandIO.progress($0) }
        }
        if summary.couples > 0 {
            print("couples: \(summary.couples), confirmed, with \(summary.jointRankingEntries) pairs in their joint rankings")
        }
        guard offices == 1 else {
            print("loaded \(summary.offices) offices (\(office)-…, each with its policy): \(summary.vacancies) vacancies with "
                  + "\(summary.seats) seats, \(summary.candidates) candidates, \(summary.rankingEntries) ranking entries")
            print("next: talentmatch nightly")
            return
        }
        print("loaded office \(office): \(summary.vacancies) vacancies with \(summary.seats) seats, "
              + "\(summary.candidates) candidates, \(summary.rankingEntries) ranking entries")
        print("next: talentmatch policy create --office \(office) && talentmatch nightly --office \(office)")
    }
}
