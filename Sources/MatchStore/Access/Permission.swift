/// What a token may do, beside where it may look (its scope). Stored in `api_tokens.permissions`.
public enum Permission: String, Sendable, CaseIterable, Codable {
    case vacanciesRead = "vacancies:read"
    case vacanciesWrite = "vacancies:write"
    case policiesRead = "policies:read"
    case policiesWrite = "policies:write"
    case runsRead = "runs:read"
    case runsDryRun = "runs:dry-run"
    case referenceRead = "reference:read"
    case referenceWrite = "reference:write"
    case reviewsRead = "reviews:read"
    case reviewsDecide = "reviews:decide"

    /// What a centre token gets unless told otherwise: its posts, in and out. It is also all a
    /// centre token can hold: every other permission guards an office's operation.
    public static let centreDefaults: [Permission] = [.vacanciesRead, .vacanciesWrite, .referenceRead]

    /// What an office token gets unless told otherwise: everything an office does, which is
    /// also all it can hold (posts are written only by their centre).
    public static let officeDefaults: [Permission] = [
        .vacanciesRead, .policiesRead, .policiesWrite, .runsRead, .runsDryRun, .referenceRead, .referenceWrite,
        .reviewsRead, .reviewsDecide,
    ]
}
