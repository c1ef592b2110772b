import MatchCore
import MatchStore

/// Exports a run in the engine's formats, re-solving its stored snapshot.
///
/// The JSON export is not read back from tables: it is the result of solving the run's exact
/// input again, and the export refuses to write anything if that result does not reproduce
/// the stored assignments. So every export is also a check that the run can be verified
/// from outside.
public struct RunExport: Sendable {
    let queries: RunReports

    public init(database: Database) {
        queries = RunReports(database: database)
    }

    public func snapshot(runID: Int64) async throws -> [UInt8] {
        guard let bytes = try await queries.snapshot(runID: runID) else { throw RunExportError.noSuchRun(runID) }
        return bytes
    }

    /// `talentmatch.result/1` with explanations, after checking it reproduces the run and, for
    /// a market's night, that the snapshot's lottery is the one the run published: its secret
    /// hashes to the commitment and gives the seed (ADR 0031).
    public func resultJSON(runID: Int64) async throws -> [UInt8] {
        let document = try InstanceDocument.decode(try await snapshot(runID: runID))
        try await checkLottery(document, runID: runID)
        let instance = document.instance
        let outcome = MatchEngine.solve(instance)
        let stored = try await queries.assignments(runID: runID)
        let resolved = Dictionary(uniqueKeysWithValues: outcome.assignment.enumerated().compactMap { candidate, vacancy in
            vacancy < 0 ? nil : (instance.candidateIDs[candidate], instance.vacancyIDs[Int(vacancy)])
        })
        let expected = Dictionary(uniqueKeysWithValues: stored.map { ("c\($0.candidateID)", "v\($0.vacancyID)") })
        guard resolved == expected else {
            throw RunExportError.notReproduced(runID: runID, stored: expected.count, resolved: resolved.count)
        }
        let verification = Verifier.verify(instance, assignment: outcome.assignment)
        let explainer = Explainer(instance: instance, assignment: outcome.assignment, assessment: document.assessment)
        return ResultDocument.encode(
            instance: instance, outcome: outcome, verification: verification, explainer: explainer,
            options: .init(includeExplanations: true, includeTimings: false)
        )
    }

    private func checkLottery(_ document: InstanceDocument, runID: Int64) async throws {
        guard let run = try await queries.run(runID), let published = run.seedCommitment else { return }
        guard let lottery = document.lottery, NightLottery.isKept(lottery), lottery.commitment == published,
              run.seedSecret == nil || run.seedSecret == lottery.secretHex, document.instance.seed == lottery.seed else {
            throw RunExportError.lotteryNotKept(runID: runID, commitment: published)
        }
    }

    /// One line per assignment, UTF-8 with a byte-order mark so that Excel reads Chinese text.
    public func assignmentsCSV(runID: Int64) async throws -> String {
        guard try await queries.hasSnapshot(runID: runID) else { throw RunExportError.noSuchRun(runID) }
        var writer = CSVWriter(header: ["run_id", "candidate_id", "vacancy_id", "choice_rank", "score", "offer_state"])
        for row in try await queries.assignments(runID: runID) {
            writer.append(["\(runID)", "\(row.candidateID)", "\(row.vacancyID)", "\(row.choiceRank)",
                           row.score.map { "\($0)" } ?? "", row.offerState ?? ""])
        }
        return writer.text
    }
}

public enum RunExportError: Error, Sendable, Equatable, CustomStringConvertible {
    case noSuchRun(Int64)
    case notReproduced(runID: Int64, stored: Int, resolved: Int)
    case lotteryNotKept(runID: Int64, commitment: String)

    public var description: String {
        switch self {
        case .noSuchRun(let id): "no committed run \(id) with a stored snapshot (see `talentmatch runs list`)"
        case .notReproduced(let id, let stored, let resolved):
            "re-solving run \(id)'s snapshot does not reproduce its assignments (\(stored) stored, \(resolved) re-solved); nothing exported"
        case .lotteryNotKept(let id, let commitment):
            "run \(id)'s snapshot does not carry the lottery it published (commitment \(commitment)); nothing exported"
        }
    }
}
