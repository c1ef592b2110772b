import Foundation
import Hummingbird
import MatchStore

/// "Apply as a couple": invite a partner by the contact they sign in with, confirm or refuse
/// an invitation, take one back, dissolve the couple, and say whether one may be left
/// unplaced. Plain forms, one button each (ADR 0040); the joint list is `JointListRoutes`.
struct CoupleRoutes {
    let gateway: CandidateGateway

    func register(on router: RouterGroup<GatewayRequestContext>) {
        router.get("/couple") { request, context in
            let id = try gateway.requireCandidate(request, context)
            return try await CouplePage(gateway: gateway).render(id, error: nil, request, context)
        }
        router.post("/couple/invite") { request, context in
            let id = try gateway.requireCandidate(request, context)
            let contact = context.form["contact"]
            guard !contact.isEmpty else {
                return try await CouplePage(gateway: gateway).render(id, error: gateway.renderer.text("couple_contact_missing", context),
                                                                     request, context, status: .unprocessableContent)
            }
            let outcome = try await CoupleStore(database: gateway.database).invite(candidateID: id, contact: contact,
                                                                                  source: gateway.source(request, context))
            return try await respond(outcome, id, request, context)
        }
        router.post("/couple/:couple/:action") { request, context in
            let id = try gateway.requireCandidate(request, context)
            guard let couple = context.parameters.get("couple", as: Int64.self) else { throw HTTPError(.notFound) }
            let store = CoupleStore(database: gateway.database)
            let source = gateway.source(request, context)
            let outcome: CoupleOutcome
            switch context.parameters.get("action") ?? "" {
            case "confirm": outcome = try await store.confirm(coupleID: couple, candidateID: id, source: source)
            case "refuse": outcome = try await store.refuse(coupleID: couple, candidateID: id, source: source)
            case "cancel": outcome = try await store.cancel(coupleID: couple, candidateID: id, source: source)
            case "dissolve": outcome = try await store.dissolve(coupleID: couple, candidateID: id, source: source)
            case "unplaced":
                outcome = try await store.setAcceptsUnplaced(context.form["accepts"] == "yes", coupleID: couple, candidateID: id,
                                                             source: source)
            default: throw HTTPError(.notFound)
            }
            return try await respond(outcome, id, request, context)
        }
    }

    private func respond(_ outcome: CoupleOutcome, _ id: Int64, _ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let (key, status): (String, HTTPResponse.Status) = switch outcome {
        case .done: ("", .ok)
        case .notFound: ("couple_not_found", .notFound)
        case .frozen: ("couple_frozen", .conflict)
        case .alreadyInCouple: ("couple_already", .conflict)
        case .consentMissing: ("couple_consent_missing", .conflict)
        case .cannotInviteSelf: ("couple_self", .unprocessableContent)
        case .invalidContact: ("couple_contact_missing", .unprocessableContent)
        }
        if case .done = outcome { return .seeOther("/couple") }
        return try await CouplePage(gateway: gateway).render(id, error: gateway.renderer.text(key, context), request, context, status: status)
    }
}
