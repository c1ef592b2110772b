/// The label a person saw beside a form field or filter, for messages that name the field
/// (`ErrorPageMiddleware`): `field_<name>` in the catalogue, or the few whose label lives
/// under another key.
enum FieldLabels {
    static let otherKeys = [
        "specialty_q": "profile_specialty_search", "reason": "offer_decline_reason", "review_reason": "offer_review_reason",
        "region": "filter_region", "specialty": "filter_specialty", "designation": "filter_designation",
        "mode": "filter_mode", "incentive": "filter_incentive",
    ]

    static func label(_ field: String, _ catalogue: MessageCatalogue, _ language: Language) -> String? {
        let key = otherKeys[field] ?? "field_" + field
        return catalogue.table(language)[key]
    }
}
