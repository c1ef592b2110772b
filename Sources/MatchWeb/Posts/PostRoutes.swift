import Foundation
import Hummingbird
import MatchCore
import MatchStore

/// Browsing open posts, and one post in full with whether the signed-in candidate is eligible.
struct PostRoutes {
    let gateway: CandidateGateway

    func register(on router: RouterGroup<GatewayRequestContext>) {
        router.get("/posts") { request, context in
            try await context.candidateID != nil ? browse(request, context)
                : gateway.catalogue.visitorPage(Self.visitorKey(request, context)) { try await browse(request, context) }
        }
        router.get("/posts/:id") { request, context in
            try await context.candidateID != nil ? detail(request, context)
                : gateway.catalogue.visitorPage(Self.visitorKey(request, context)) { try await detail(request, context) }
        }
    }

    /// What a visitor's page depends on besides the catalogue: the language and the address.
    static func visitorKey(_ request: Request, _ context: GatewayRequestContext) -> String {
        context.language.rawValue + " " + request.uri.path + "?" + (request.uri.query ?? "")
    }

    private func browse(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        func value(_ name: String, in allowed: [String]? = nil) -> String? {
            guard let text = query.get(name), !text.isEmpty else { return nil }
            if let allowed, !allowed.contains(text) { return nil }
            return text
        }
        let region = value("region").flatMap { $0.wholeMatch(of: /[0-9]{6}/) != nil ? $0 : nil }
        let specialty = value("specialty").flatMap { $0.wholeMatch(of: /[0-9]{2,6}[TK]{0,2}/) != nil ? $0 : nil }
        let filter = PostCatalogue.Filter(
            region: region, specialty: specialty, designation: value("designation", in: DesignationKindCode.codes),
            mode: value("mode", in: IntroductionModeCode.codes), incentive: value("incentive", in: IncentiveKindCode.codes)
        )
        let posts = try await gateway.catalogue.browse(filter)
        let label = gateway.renderer.labels(context)
        let list = { (items: [String]) in gateway.renderer.list(items, context) }
        let provinces = try await gateway.catalogue.provinces()
        var regionOptions = provinces.map { ["code": $0.code, "name": $0.name, "selected": $0.code == region] }
        if let region, !provinces.contains(where: { $0.code == region }),
           let named = try await ReferenceLookup(database: gateway.database).path(to: region).last {
            regionOptions.insert(["code": named.code, "name": named.name, "selected": true], at: 0)
        }
        let data: [String: Any] = [
            "region_options": regionOptions,
            "specialty": query.get("specialty") ?? "",
            "designation_options": gateway.renderer.options(DesignationKindCode.self, context) { $0 == filter.designation },
            "mode_options": gateway.renderer.options(IntroductionModeCode.self, context) { $0 == filter.mode },
            "incentive_options": gateway.renderer.options(IncentiveKindCode.self, context) { $0 == filter.incentive },
            "posts": posts.map { post -> [String: Any] in
                [
                    "id": post.id, "title": post.title, "region": post.regionName, "seats": post.seats,
                    "staffing": label(StaffingTypeCode.self, post.staffingType),
                    "modes": list(post.modes.map { label(IntroductionModeCode.self, $0) }),
                    "incentives": list(post.incentives.map { label(IncentiveKindCode.self, $0) }),
                    "designations": list(post.designations.map { label(DesignationKindCode.self, $0) }),
                ]
            },
            "none_found": posts.isEmpty,
            "count": posts.count,
        ]
        return gateway.renderer.page("posts", titleKey: "posts_title", data: data, context: context, request: request)
    }

    private func detail(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: Int64.self),
              let post = try await gateway.catalogue.detail(id: id) else {
            throw HTTPError(.notFound)
        }
        let label = gateway.renderer.labels(context)
        var data: [String: Any] = [
            "id": id, "heading": post.summary.title, "title": post.summary.title, "region": post.summary.regionName, "region_code": post.summary.regionCode,
            "centre": post.centreName, "description": post.description, "seats": post.summary.seats,
            "open": post.summary.status == "open",
            "staffing": label(StaffingTypeCode.self, post.summary.staffingType),
            "education": label(EducationCode.self, post.minEducation),
            // "at least None" said nothing: a post without a minimum says so.
            "min_title": post.minTitle == "none" ? "" : label(TitleCode.self, post.minTitle),
            "experience": post.minExperience == 0 ? "" : gateway.renderer.text("post_years", context, ["n": String(post.minExperience)]),
            "service_years": post.serviceYears.map(String.init) ?? "",
            "modes": post.summary.modes.map {
                ["label": label(IntroductionModeCode.self, $0), "explain": label(IntroductionModeCode.self, $0, suffix: "_explain")]
            },
            "specialties": post.specialties.map { ["code": $0.code, "name": $0.name, "fit": label(SpecialtyFitCode.self, $0.acceptedFit)] },
            "incentives": post.incentives.map { incentive -> [String: String] in
                ["label": label(IncentiveKindCode.self, incentive.kind), "amount": incentive.amountYuan.map { "¥\($0)" } ?? "", "note": incentive.note]
            },
            "has_incentives": !post.incentives.isEmpty,
            "rules": post.householdRules.map { rule -> [String: String] in
                ["text": gateway.renderer.text(HouseholdRuleKindCode(rawValue: rule.kind)?.catalogueKey ?? rule.kind, context, ["region": rule.regionName]), "basis": rule.legalBasis]
            },
            "has_rules": !post.householdRules.isEmpty,
            "has_designations": !post.summary.designations.isEmpty || post.hardshipCategory != nil,
            // A hardship area is named with its category instead of twice.
            "designations": post.summary.designations.filter { $0 != DesignationKindCode.hardshipArea.rawValue || post.hardshipCategory == nil }
                .map { label(DesignationKindCode.self, $0) }
                + (post.hardshipCategory.map { [gateway.renderer.text("hardship_category", context, ["n": String($0)])] } ?? []),
        ]
        if let candidate = context.candidateID {
            try await addEligibility(candidate, post, &data, context)
        }
        return gateway.renderer.page("post", titleKey: "post_title", data: data, context: context, request: request)
    }

    private func addEligibility(_ candidate: Int64, _ post: PostCatalogue.Detail, _ data: inout [String: Any], _ context: GatewayRequestContext) async throws {
        let profiles = CandidateProfileStore(database: gateway.database)
        guard let record = try await profiles.load(candidateID: candidate), record.complete else {
            data["profile_incomplete"] = true
            return
        }
        let profile = try await profiles.engineProfile(record, candidateID: candidate)
        let reasons = Eligibility.reasons(profile, for: post.profile)
        let text = ReasonText(renderer: gateway.renderer, context: context,
                              specialtyNames: Dictionary(post.specialties.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first }))
        data["checked"] = true
        data["eligible"] = reasons.isEmpty
        data["reasons"] = reasons.map(text.ineligibility)
        let ranked = try await RankingStore(database: gateway.database).current(candidateID: candidate)
        data["ranked"] = ranked.contains { $0.vacancyID == post.summary.id }
    }
}
