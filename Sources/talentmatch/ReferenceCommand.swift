import ArgumentParser
import Foundation
import MatchStore

struct ReferenceCommand: CommandGroup {
    static let configuration = CommandConfiguration(
        commandName: "reference",
        abstract: "Load the shipped reference tables, or import a newer official edition from CSV.",
        subcommands: [Load.self, Import.self]
    )

    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load regions, specialties and designation lists from Schema/reference (idempotent)."
        )

        func run() async throws {
            let context = CommandContext()
            try await context.target.withDatabase(logger: context.logger) { database in
                try await ShippedReference(directory: context.layout.referenceDirectory)
                    .load(into: ReferenceStore(database: database)) { Console.say($0) }
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a newer edition of one table from a CSV file, all or nothing.",
            discussion: "Regions: code,name,level,parent_code. Specialties: the catalogue columns of "
                + "Schema/reference/specialties.csv. Designation lists: a code column, plus category (1-6) for hardship "
                + "areas. Loading an edition that is already loaded does nothing. A problem in the file exits 2 naming "
                + "its line and column, and nothing is loaded."
        )

        enum Table: String, ExpressibleByArgument, CaseIterable {
            case regions, specialties
            case keyAssistanceCounty = "key_assistance_county"
            case hardshipArea = "hardship_area"
            case westernDevelopment = "western_development"
        }

        @Option(help: "Which table.")
        var table: Table
        @Option(help: "The CSV file (UTF-8; a byte-order mark is fine).")
        var file: String
        @Option(help: "The edition's name, e.g. \"GB/T 2260 (MCA 2026-12-31)\".")
        var edition: String
        @Option(help: "Where the edition was published.")
        var source: String
        @Option(help: "The date it takes effect, YYYY-MM-DD (a real day).")
        var effectiveDate: String
        @Flag(help: "The list is complete (absent regions are not designated, rather than unknown).")
        var complete = false

        func run() async throws {
            let effective = try InputProblem.date(effectiveDate, option: "--effective-date")
            let name = edition.trimmingCharacters(in: .whitespaces), origin = source.trimmingCharacters(in: .whitespaces)
            guard ReferenceEdition.editionLengths.contains(name.count) else {
                throw InputProblem(option: "--edition", value: edition, "an edition's name is 1 to 100 characters")
            }
            guard ReferenceEdition.sourceLengths.contains(origin.count) else {
                throw InputProblem(option: "--source", value: source, "say where the edition was published, in 1 to 500 characters")
            }
            let text = try InputFile.text(file, option: "--file")
            let csv = try CSVTable(fileName: URL(fileURLWithPath: file).lastPathComponent, text: text)
            let context = CommandContext()
            try await context.target.withDatabase(logger: context.logger) { database in
                let store = ReferenceStore(database: database)
                let published = Published(name: name, source: origin, effectiveDate: effective.description)
                let outcome = try await importTable(csv, published, into: store)
                switch outcome {
                case .loaded(let rows): Console.say("imported \(rows) rows of \(table.rawValue), edition \(edition)")
                case .alreadyLoaded: Console.say("edition \(edition) of \(table.rawValue) is already loaded; nothing changed")
                }
            }
        }

        /// The edition as checked: trimmed name and source, the effective day.
        private struct Published {
            let name: String, source: String, effectiveDate: String

            func edition(_ dataset: ReferenceEdition.Dataset) -> ReferenceEdition {
                ReferenceEdition(dataset: dataset, edition: name, source: source, effectiveDate: effectiveDate)
            }
        }

        private func importTable(_ csv: CSVTable, _ published: Published, into store: ReferenceStore) async throws -> ReferenceStore.Outcome {
            switch table {
            case .regions:
                return try await store.loadRegions(RegionRecord.parse(csv), edition: published.edition(.regions))
            case .specialties:
                return try await store.loadSpecialties(SpecialtyRecord.parse(csv), edition: published.edition(.specialties))
            case .keyAssistanceCounty, .hardshipArea, .westernDevelopment:
                let kind: DesignationKind = switch table {
                case .keyAssistanceCounty: .keyAssistanceCounty
                case .hardshipArea: .hardshipArea
                default: .westernDevelopment
                }
                let list = DesignationList(
                    kind: kind, title: kind.rawValue, complete: complete,
                    edition: published.edition(.designations)
                )
                let parsed = try DesignationRecord.parse(csv, withCategory: kind.hasCategory)
                if !parsed.unmappedLines.isEmpty {
                    Console.progress("set aside \(parsed.unmappedLines.count) row(s) with no region code: lines \(parsed.unmappedLines.map(String.init).joined(separator: ", "))")
                }
                return try await store.loadDesignations(parsed.records, list: list, fileName: csv.fileName)
            }
        }
    }
}
