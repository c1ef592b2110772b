import Foundation
import MatchStore

/// The values one message's texts are filled with, by kind: which catalogue texts it uses
/// (`key`) and what goes into their placeholders.
struct MessageWords {
    let message: OutboxMessage
    let language: Language
    let catalogue: MessageCatalogue
    let publicURL: String

    /// The middle of the catalogue keys: `msg_<key>_subject` and so on.
    var key: String {
        if message.kind == .nightResult, message.facts.night?.status == "failed" { return "night_result_failed" }
        return message.kind.rawValue
    }

    /// Values for the e-mail's subject and body.
    var arguments: [String: String] {
        var values = common
        if let offer = message.facts.offer { values["deadline"] = DateText.format(offer.deadline) }
        values["time"] = DateText.format(message.createdAt)
        return values
    }

    /// Values for the SMS: the same, with dates short and no links.
    var smsArguments: [String: String] {
        var values = common
        if let offer = message.facts.offer { values["deadline"] = DateText.short(offer.deadline) }
        values["time"] = DateText.short(message.createdAt)
        return values
    }

    private var common: [String: String] {
        let payload = message.facts.payload
        var values: [String: String] = [
            "link": publicURL + link, "login_link": publicURL + "/login", "reset_link": publicURL + "/reset",
        ]
        if let offer = message.facts.offer {
            values["post"] = offer.postTitle
            values["region"] = offer.regionName
        }
        if let review = message.facts.review {
            values["post"] = review.postTitle
            values["decision"] = text(review.decision == "changed" ? "msg_review_changed" : "msg_review_upheld")
            values["reason"] = review.reason
        }
        if let night = message.facts.night { values.merge(nightValues(night)) { $1 } }
        values["code"] = payload["code"]
        values["minutes"] = payload["minutes"]
        values["inviter"] = payload["inviter"]
        values["new_contact"] = payload["new_contact"]
        if let purpose = payload["purpose"] { values["purpose"] = text("msg_purpose_\(purpose)") }
        return values
    }

    /// Where the message's link goes.
    private var link: String {
        switch message.kind {
        case .passwordReset: "/reset/new?token=" + (message.facts.payload["token"] ?? "")
        case .offerReleased, .offerDeadline, .offerWithdrawn, .offerReinstated, .offerExpired, .offerReleasedWithPartner, .reviewDecided:
            "/offer"
        case .contactVerification: "/verify"
        default: "/"
        }
    }

    private func nightValues(_ night: MessageFacts.Night) -> [String: String] {
        let rate = night.seats == 0 ? 0 : Double(night.filled) / Double(night.seats)
        let verdict = night.status == "failed" && night.stable ? text("msg_verdict_not_released")
            : night.stable ? text("msg_verdict_stable")
            : Placeholders.fill(text("msg_verdict_violations"), ["count": String(night.violations)])
        return [
            "office": night.officeName, "date": night.date, "offers": String(night.offers), "candidates": String(night.candidates),
            "filled": String(night.filled), "seats": String(night.seats), "rate": String(format: "%.1f%%", rate * 100),
            "shortfall": String(night.shortfall), "verdict": verdict, "failure": night.failure ?? "",
        ]
    }

    private func text(_ key: String) -> String {
        catalogue.text(key, language)
    }
}
