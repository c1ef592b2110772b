import Foundation

/// The contract as shipped beside the binary, served at `/api/v1/openapi.yaml`.
///
/// SwiftPM copies the target's `openapi.yaml` into `TalentMatch_MatchAPI.resources` next to
/// the executable (and the test bundle). `Bundle.module` would crash a binary installed without
/// that folder, so the file is looked up by hand: there, or where the container image puts it.
enum OpenAPIDocument {
    static let installedPath = "/usr/share/talentmatch/openapi.yaml"

    static let text: String? = {
        var candidates: [URL] = []
        let executableDirectory = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        for base in [Bundle.main.bundleURL, executableDirectory] {
            candidates.append(base.appendingPathComponent("TalentMatch_MatchAPI.resources/openapi.yaml"))
        }
        for bundle in Bundle.allBundles where bundle.bundleURL.lastPathComponent.hasSuffix(".xctest") {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("TalentMatch_MatchAPI.resources/openapi.yaml"))
        }
        candidates.append(URL(fileURLWithPath: installedPath))
        for url in candidates {
            if let data = try? Data(contentsOf: url) { return String(decoding: data, as: UTF8.self) }
        }
        return nil
    }()
}
