import Foundation
import Testing

@Suite("talentmatch solve checks a night's lottery")
struct SolveLotteryTests {
    /// A night's snapshot: the secret is bytes 01…20, and its SHA-256 is the commitment.
    static func snapshot(commitment: String) -> String {
        #"""
        {"format": "talentmatch.instance/2", "seed": 72623859790382856,
         "lottery": {"secret": "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20", "commitment": "\#(commitment)"},
         "candidates": [{"id": "c1", "ranking": ["v1"]}, {"id": "c2", "ranking": ["v1"]}],
         "vacancies": [{"id": "v1", "capacity": 1, "scores": {"c1": 50, "c2": 50}}]}
        """#
    }

    @Test("a secret that hashes to the published commitment is replayed; another commitment is refused with exit status 2")
    func checksCommitment() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tm-solve-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let kept = folder.appendingPathComponent("kept.json"), broken = folder.appendingPathComponent("broken.json")
        try Self.snapshot(commitment: "ae216c2ef5247a3782c135efa279a3e4cdc61094270f5d2be58c6204b7a612c9").write(to: kept, atomically: true, encoding: .utf8)
        try Self.snapshot(commitment: String(repeating: "0", count: 64)).write(to: broken, atomically: true, encoding: .utf8)
        let good = try CommandLine.run(["solve", "--input", kept.path, "--no-timings"])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stderr.contains("the secret hashes to the commitment ae216c2e"))
        #expect(good.stdout.contains(#""seed":72623859790382856"#))
        let bad = try CommandLine.run(["solve", "--input", broken.path])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("/lottery: the secret does not hash to the commitment"))
        #expect(bad.stdout.isEmpty, "a refused snapshot writes no result")
    }
}
