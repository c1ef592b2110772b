import Foundation
import Testing

/// What each documented command's text says it does, checked on its output.
enum DocumentedOutcome {
    static func check(_ line: String, _ result: CommandLine.Result, _ session: DocsSession, runsBefore: Int, source: DocumentedCommand) async throws {
        let out = result.stdout
        let comment = Comment(rawValue: "\(source)\n\(out.prefix(2000))\n\(result.stderr.suffix(2000))")
        let runsAfter = try await session.count("SELECT count(*) FROM match_runs")
        switch line {
        case let l where l.contains("demo --no-serve"):
            #expect(out.contains("centre token: tm_") && out.contains("office token: tm_"), comment)
            #expect(out.contains("review request 1"), "the README's review examples need request 1: \(comment)")
        case let l where l.contains("keys generate"):
            let path = try path(after: "--output", in: l, session)
            #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600, comment)
        case let l where l.contains("generate "):
            #expect(try file(after: "--output", in: l, session).contains("talentmatch.instance/1"), comment)
        case let l where l.contains("solve ") && l.contains("--output"):
            let written = try file(after: "--output", in: l, session)
            #expect(written.contains("talentmatch.result/1") && (!l.contains("--explain") || written.contains("\"explanations\"")), comment)
        case let l where l.contains("solve "):
            try expectReproduces(out, session, comment)
            #expect(result.stderr.contains("lottery: the secret hashes to the commitment"), "a night's snapshot carries its lottery: \(comment)")
        case let l where l.contains("nightly ") && l.contains("--dry-run"):
            #expect(out.contains("nothing was written") && runsAfter == runsBefore, "a what-if writes nothing: \(comment)")
            if let office = ["BZ-HR", "DZ-HR"].first(where: { l.contains("--office \($0)") }) {
                // The whole market is solved; only the named office's part is printed.
                #expect(out.contains("dry run for market main") && out.contains("office \(office): policy v") && !out.contains("GY-HR"),
                        "--office narrows what is printed: \(comment)")
            }
        case let l where l.contains("nightly ") && l.contains("--rerun"):
            #expect(out.contains("committed") && runsAfter == runsBefore + 1, comment)
            #expect(try await session.count("SELECT count(*) FROM match_runs WHERE status = 'superseded'") >= 1, comment)
        case let l where l.contains("nightly "):
            #expect(out.contains("committed for") || out.contains("already has run"), comment)
        case let l where l.contains("export snapshot") && l.contains("--output"):
            let snapshot = try file(after: "--output", in: l, session)
            #expect(snapshot.contains("talentmatch.instance/2") && snapshot.contains("\"lottery\""), "a market's night, with its lottery: \(comment)")
        case let l where l.contains("--format csv"):
            #expect(out.hasPrefix("\u{FEFF}run_id,candidate_id,vacancy_id") && out.split(whereSeparator: \.isNewline).count > 1, comment)
        case let l where l.contains("--format json"):
            #expect(out.contains("talentmatch.result/1"), comment)
        case let l where l.contains("runs list"):
            let ids = out.split(separator: "\n").dropFirst().compactMap { Int64($0.prefix { $0.isNumber }) }
            #expect(out.hasPrefix("id\tmarket\toffice\tdate\tstatus") && ids.first == ids.max(), "the run made last first: \(comment)")
            #expect(out.hasPrefix("id\tmarket\toffice\tdate\tstatus\toffers\tsnapshot\tlottery commitment"), "with its lottery: \(comment)")
        case let l where l.contains("offers list"):
            #expect(out.contains("\tchoice #"), comment)
        case let l where l.contains("offers expire"):
            #expect(out.contains("expired") || out.contains("no pending offer"), comment)
        case let l where l.contains("policy create"):
            #expect(out.contains("created policy v"), comment)
        case let l where l.contains("office create"):
            #expect(out.contains("office DZ-HR (id ") && out.contains("created"), comment)
        case let l where l.contains("centre create"):
            #expect(out.contains("centre XH-CENTRE (id ") && out.contains("created under office DZ-HR"), comment)
        case let l where l.contains("staff invite"):
            #expect(out.contains("liming@dz.example.cn, office_admin) invited until") && out.contains("https://talentmatch.example.cn/"), comment)
        case let l where l.contains("office list") && l.contains("staff list"):
            #expect(out.contains("DZ-HR\t达州市人力资源和社会保障局") && out.contains("XH-CENTRE\t") && out.contains("\tliming@dz.example.cn\t"), comment)
        case let l where l.contains("policy show"):
            #expect(out.contains("region 511702: cap 2") && out.contains("region 511722: cap -, floor 2"), comment)
            #expect(out.contains("experience cap: 10 years"), comment)
        case let l where l.contains("migrate --status"):
            #expect(!out.isEmpty && out.split(separator: "\n").allSatisfy { $0.hasPrefix("applied") }, comment)
        default:
            Issue.record("\(source): no check of what this command does; add one to DocumentedOutcome")
        }
    }

    /// `solve --input run1.json` printed the same placements as run 1 (re-solved and checked
    /// against the run by `export run 1`).
    private static func expectReproduces(_ printed: String, _ session: DocsSession, _ comment: Comment) throws {
        let exported = try session.shell("talentmatch export run 1 --format json")
        let solved = try assignments(printed), stored = try assignments(exported.stdout)
        #expect(!stored.isEmpty && solved == stored, comment)
    }

    private static func assignments(_ json: String) throws -> [String] {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let rows = object?["assignments"] as? [[String: Any]] ?? []
        return rows.map { "\($0["candidate"] ?? "")→\($0["vacancy"] ?? "")" }.sorted()
    }

    static func checkResponse(_ line: String, _ body: String, _ session: DocsSession, source: DocumentedCommand) {
        let compact = body.filter { !$0.isWhitespace }
        let comment = Comment(rawValue: "\(source)\n\(body.prefix(2000))")
        switch line {
        case let l where l.contains("/health") && l.contains("/ready"):
            #expect(compact.contains("ok") && compact.contains("ready"), comment)
        case let l where l.contains("/ready"):
            #expect(compact.contains("ready"), comment)
        case let l where l.contains("/policies"):
            // Features left out keep the standard weights (ADR 0045).
            #expect(compact.contains("\"specialty-fit\":3") && compact.contains("\"education-above-minimum\":15"), comment)
        case let l where l.hasSuffix("/policy"):
            #expect(compact.contains("\"office\":\"BZ-HR\""), comment)
        case let l where l.hasSuffix("/market"):
            #expect(compact.contains("\"BZ-HR\"") && compact.contains("\"GY-HR\"") && compact.contains("\"commitment\":\""), comment)
        case let l where l.contains("/what-if"):
            #expect(compact.contains("\"outcome\":\"solved\"") && compact.contains("\"comparison\""), comment)
        case let l where l.contains("-o posts.csv"):
            #expect(FileManager.default.fileExists(atPath: session.work + "/posts.csv"), comment)
        case let l where l.contains("dryRun=true"):
            #expect(compact.contains("\"dryRun\":true") && compact.contains("\"problems\":[]"), comment)
        case let l where l.contains("/imports/vacancies"):
            #expect(compact.contains("\"dryRun\":false"), comment)
        case let l where l.contains("reviews?status=open"):
            #expect(compact.contains("\"id\":1"), "the demo's review request: \(comment)")
        case let l where l.contains("/decision"):
            #expect(compact.contains("\"decision\":\"upheld\""), comment)
        case let l where l.contains("/runs") || l.contains("/vacancies") || l.contains("/reference/editions"):
            #expect(compact.hasPrefix("{") || compact.hasPrefix("["), comment)
        default:
            Issue.record("\(source): no check of what this request does; add one to DocumentedOutcome")
        }
    }

    private static func path(after option: String, in line: String, _ session: DocsSession) throws -> String {
        let words = line.split(separator: " ").map(String.init)
        guard let index = words.firstIndex(of: option), index + 1 < words.count else { throw POSIXError(.EINVAL) }
        let path = words[index + 1]
        return path.hasPrefix("/") ? path : session.work + "/" + path
    }

    private static func file(after option: String, in line: String, _ session: DocsSession) throws -> String {
        let path = try path(after: option, in: line, session)
        return String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }
}
