/// How a candidate serves a region: a full transfer (硬性引进) or one of the flexible modes
/// (柔性引进) that keep household registration, personnel file and staffing quota at home.
public enum IntroductionMode: String, Sendable, Equatable, Hashable, CaseIterable {
    case fullTransfer = "full-transfer"
    case partTime = "part-time"
    case shortTerm = "short-term"
    case remote
    case project

    public var isFlexible: Bool { self != .fullTransfer }
}
