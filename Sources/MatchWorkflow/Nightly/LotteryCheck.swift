import MatchCore

/// Checks a published lottery from outside the night: `talentmatch solve` on an exported snapshot.
public enum LotteryCheck {
    /// Whether SHA-256 of the secret's bytes is the published commitment.
    public static func isKept(_ lottery: LotteryReveal) -> Bool {
        NightLottery.isKept(lottery)
    }
}
