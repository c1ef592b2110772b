import Foundation
import Hummingbird
import MatchStore

/// "Messages": how the candidate is told (ADR 0042). E-mail, SMS or both, each needing a
/// verified address of its kind: the sign-in contact, or a second contact added here with a
/// code; which optional messages to receive. Offer and account messages always go out.
struct MessageSettingsRoutes {
    let gateway: CandidateGateway

    func register(on router: RouterGroup<GatewayRequestContext>) {
        router.get("/account/messages") { request, context in
            let id = try gateway.requireCandidate(request, context)
            let done = request.uri.queryParameters["done"].map(String.init).flatMap { ["saved", "removed", "second_contact"].contains($0) ? $0 : nil }
            return try await page(id, FormState(), request, context, done: done)
        }
        router.post("/account/messages") { request, context in try await save(request, context) }
        router.post("/account/messages/contact") { request, context in try await startSecondContact(request, context) }
        router.post("/account/messages/contact/remove") { request, context in
            let id = try gateway.requireCandidate(request, context)
            try await ContactStore(database: gateway.database).removeSecondContact(candidateID: id, source: gateway.source(request, context))
            return Response.seeOther("/account/messages?done=removed")
        }
        router.get("/account/messages/verify") { request, context in
            _ = try gateway.requireCandidate(request, context)
            return CodeEntryPage(gateway: gateway).render(action: "/account/messages/verify", back: "/account/messages",
                                                          form: FormState(), request, context)
        }
        router.post("/account/messages/verify") { request, context in try await confirmSecondContact(request, context) }
    }

    private func page(_ id: Int64, _ form: FormState, _ request: Request, _ context: GatewayRequestContext,
                      done: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        guard let preferences = try await MessagePreferencesStore(database: gateway.database).load(candidateID: id) else {
            throw HTTPError(.notFound)
        }
        let t = { (key: String) in gateway.renderer.text(key, context) }
        var data = form.templateData(fields: ["channels", "second_contact"])
        let choice = Set(preferences.effectiveChoice)
        let chosen = choice.count == 2 ? "both" : choice.first?.rawValue ?? "email"
        data["choices"] = ["email", "sms", "both"].map { value in
            ["value": value, "label": t("messages_channel_\(value)"), "checked": (form.values["channels"] ?? chosen) == value]
        }
        data["optional"] = MessageKindCode.optional.map { kind in
            ["kind": kind.rawValue, "label": t(kind.catalogueKey), "checked": !preferences.mutedKinds.contains(kind)]
        }
        data["contact"] = preferences.contact
        data["contact_kind"] = t(MessageChannelCode(address: preferences.contact).catalogueKey)
        data["contact_verified"] = preferences.contactVerified
        data["second_contact"] = preferences.secondContact ?? ""
        data["second_verified"] = preferences.secondContactVerified
        data["second_kind"] = t(MessageChannelCode(address: preferences.contact) == .email ? "channel_sms" : "channel_email")
        data["channels_now"] = gateway.renderer.list(preferences.channels.map { t($0.catalogueKey) }, context)
        data["no_channel"] = preferences.channels.isEmpty
        data["can_change"] = SettingsRoutes.recentlyAuthenticated(context, gateway)
        if let done { data["done"] = t("messages_done_\(done)") }
        return gateway.renderer.page("messages", titleKey: "messages_title", data: data, context: context, request: request, status: status)
    }

    private func save(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let id = try gateway.requireCandidate(request, context)
        let input = context.form
        var form = FormState(values: ["channels": input["channels"]])
        let channels: [MessageChannelCode] = switch input["channels"] {
        case "both": [.email, .sms]
        case "sms": [.sms]
        case "email": [.email]
        default: []
        }
        guard let preferences = try await MessagePreferencesStore(database: gateway.database).load(candidateID: id) else {
            throw HTTPError(.notFound)
        }
        let verified = Set([preferences.contactVerified ? MessageChannelCode(address: preferences.contact) : nil,
                            preferences.secondContactVerified ? preferences.secondContact.map(MessageChannelCode.init(address:)) : nil]
            .compactMap { $0 })
        if channels.isEmpty {
            form.fail("channels", gateway.renderer.text("error_channels", context))
        } else if let missing = channels.first(where: { !verified.contains($0) }) {
            form.fail("channels", gateway.renderer.text("error_channel_unverified_\(missing.rawValue)", context))
        }
        guard form.isValid else { return try await page(id, form, request, context, status: .unprocessableContent) }
        let kept = Set(input.all("keep").compactMap(MessageKindCode.init(rawValue:)))
        try await MessagePreferencesStore(database: gateway.database).save(
            candidateID: id, channels: channels, muted: MessageKindCode.optional.filter { !kept.contains($0) },
            source: gateway.source(request, context))
        return .seeOther("/account/messages?done=saved")
    }

    private func startSecondContact(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let id = try gateway.requireCandidate(request, context)
        guard SettingsRoutes.recentlyAuthenticated(context, gateway) else { return .seeOther("/reauth?next=/account/messages") }
        var form = FormState(values: ["second_contact": context.form["second_contact"]])
        guard let address = ContactAddress.normalise(context.form["second_contact"]) else {
            form.fail("second_contact", gateway.renderer.text("error_contact", context))
            return try await page(id, form, request, context, status: .unprocessableContent)
        }
        try await CodeThrottle(gateway: gateway).send(to: address, request, context)
        guard try await ContactStore(database: gateway.database).startSecondContact(candidateID: id, address: address) else {
            form.fail("second_contact", gateway.renderer.text("error_second_contact_kind", context))
            return try await page(id, form, request, context, status: .unprocessableContent)
        }
        return .seeOther("/account/messages/verify")
    }

    private func confirmSecondContact(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        try await CodeEntryPage(gateway: gateway).confirm(action: "/account/messages/verify", back: "/account/messages",
                                                          done: "/account/messages?done=second_contact", request, context) { id, code, source in
            try await ContactStore(database: gateway.database).confirmSecondContact(candidateID: id, code: code, source: source)
        }
    }
}
