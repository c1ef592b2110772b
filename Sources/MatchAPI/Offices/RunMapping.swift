import MatchStore
import MatchWorkflow

/// Between the store's run reports and the contract's run documents.
enum RunMapping {
    static func item(_ run: RunReports.Run) -> Components.Schemas.RunListItem {
        .init(id: run.id, office: run.office, date: run.date, status: Components.Schemas.RunStatus(rawValue: run.status) ?? .failed,
              offers: run.offers, snapshotHash: run.snapshotHash, failure: run.failure)
    }

    static func summary(_ summary: NightlySummary) -> Components.Schemas.RunSummary {
        .init(
            vacancies: summary.vacancies, seats: summary.seats, candidates: summary.candidates, filled: summary.filled,
            fillRate: summary.fillRate, underservedSeats: summary.underservedSeats, underservedFilled: summary.underservedFilled,
            underservedFillRate: summary.underservedFillRate,
            floors: summary.floors.map { .init(region: $0.region, floor: $0.floor, placed: $0.placed, shortfall: $0.shortfall) },
            rankDistribution: summary.rankDistribution,
            phaseSeconds: .init(additionalProperties: summary.phaseSeconds),
            verification: .init(stable: summary.stable, violations: summary.violations)
        )
    }

    static func whatIf(_ outcome: NightlyOutcome) -> Components.Schemas.WhatIfResult {
        switch outcome {
        case .dryRun(let report, let difference):
            return .init(
                outcome: .solved, policyVersion: report.policyVersion, offers: report.offers, summary: summary(report.summary),
                comparison: .init(comparedRunId: difference.comparedRunID, unchanged: difference.unchanged, moved: difference.moved,
                                  newlyPlaced: difference.newlyPlaced, noLongerPlaced: difference.noLongerPlaced)
            )
        case .failed(_, let reasons):
            return .init(outcome: .failed, reasons: reasons)
        case .alreadyRunning:
            return .init(outcome: .busy, reasons: ["tonight's match for this office is running; try again when it has finished"])
        case .alreadyDone, .committed:
            // A dry run never commits; these cannot come back from one.
            return .init(outcome: .failed, reasons: ["the dry run returned an unexpected outcome"])
        }
    }
}
