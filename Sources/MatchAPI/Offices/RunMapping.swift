import Foundation
import MatchStore
import MatchWorkflow

/// Between the store's run reports and the contract's run documents.
enum RunMapping {
    static func item(_ run: RunReports.Run) -> Components.Schemas.RunListItem {
        .init(id: run.id, market: run.market, office: run.office, date: run.date,
              status: Components.Schemas.RunStatus(rawValue: run.status) ?? .failed, offers: run.offers, snapshotHash: run.snapshotHash,
              failure: run.failure, seedCommitment: run.seedCommitment, seedSecret: run.seedSecret, couples: run.couples,
              couplesSettlement: run.couplesSettlement.flatMap(Components.Schemas.RunListItem.CouplesSettlementPayload.init(rawValue:)))
    }

    static func summary(_ summary: NightlySummary) -> Components.Schemas.RunSummary {
        .init(
            vacancies: summary.vacancies, seats: summary.seats, candidates: summary.candidates, filled: summary.filled,
            fillRate: summary.fillRate, underservedSeats: summary.underservedSeats, underservedFilled: summary.underservedFilled,
            underservedFillRate: summary.underservedFillRate,
            floors: summary.floors.map { .init(region: $0.region, floor: $0.floor, placed: $0.placed, shortfall: $0.shortfall) },
            rankDistribution: summary.rankDistribution,
            phaseSeconds: .init(additionalProperties: summary.phaseSeconds),
            verification: .init(stable: summary.stable, violations: summary.violations),
            excluded: summary.excluded.isEmpty ? nil : .init(additionalProperties: summary.excluded),
            candidatesLeftOut: summary.candidatesLeftOut, adjustments: summary.adjustments
        )
    }

    static func detail(_ detail: RunReports.Detail) -> Components.Schemas.RunDetail {
        .init(
            run: item(detail.run), policyVersion: detail.run.policyVersion, summary: summary(detail.summary),
            fillByRegion: detail.fillByRegion.map { .init(region: $0.region, name: $0.name, seats: $0.seats, filled: $0.filled) },
            offices: detail.offices.map { .init(office: $0.office, policyVersion: $0.policyVersion, summary: summary($0.summary)) },
            exclusions: detail.exclusions.map(exclusion)
        )
    }

    static func exclusion(_ exclusion: RunReports.Exclusion) -> Components.Schemas.RunExclusion {
        .init(runId: exclusion.runID, date: exclusion.date, vacancyId: exclusion.vacancyID, externalId: exclusion.externalID,
              title: exclusion.title, office: exclusion.office,
              reason: Components.Schemas.RunExclusion.ReasonPayload(rawValue: exclusion.reason) ?? .engineRefused, detail: exclusion.detail)
    }

    static func market(_ market: MarketStore.Market, lotteries: [MarketStore.Lottery]) -> Components.Schemas.Market {
        .init(code: market.code, name: market.name, offices: market.offices, frozen: lotteries.contains { $0.isFrozen },
              lotteries: lotteries.map { lottery in
                  .init(night: lottery.night, commitment: lottery.commitment, frozenAt: lottery.frozenAt, revealedAt: lottery.releasedAt,
                        secret: lottery.secret, runId: lottery.runID)
              })
    }

    /// A what-if as the office sees it: its own part of the market's summary, and how
    /// placements change on its posts and spill over to other offices'.
    static func whatIf(_ outcome: NightlyOutcome, office: String) -> Components.Schemas.WhatIfResult {
        switch outcome {
        case .dryRun(let report, let difference):
            let part = report.part(of: office)
            return .init(
                outcome: .solved, policyVersion: part?.policyVersion, offers: report.offers, summary: summary(part?.summary ?? report.summary),
                comparison: .init(
                    comparedRunId: difference.comparedRunID, unchanged: difference.unchanged, moved: difference.moved,
                    newlyPlaced: difference.newlyPlaced, noLongerPlaced: difference.noLongerPlaced,
                    ownPosts: changes(difference.ownPosts), spillover: changes(difference.spillover),
                    spilloverByOffice: difference.spilloverByOffice.keys.sorted().map { code in
                        let shift = difference.spilloverByOffice[code] ?? .init()
                        return .init(office: code, gained: shift.gained, lost: shift.lost)
                    }
                )
            )
        case .failed(_, let reasons):
            return .init(outcome: .failed, reasons: reasons)
        case .alreadyRunning:
            return .init(outcome: .busy, reasons: ["tonight's match of this office's market is running; try again when it has finished"])
        case .alreadyDone, .committed:
            // A dry run never commits; these cannot come back from one.
            return .init(outcome: .failed, reasons: ["the dry run returned an unexpected outcome"])
        }
    }

    private static func changes(_ changes: RunDifference.Changes) -> Components.Schemas.PlacementChanges {
        .init(unchanged: changes.unchanged, moved: changes.moved, newlyPlaced: changes.newlyPlaced, noLongerPlaced: changes.noLongerPlaced)
    }
}
