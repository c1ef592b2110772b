import Foundation

/// Where the copied `Resources` folder (templates, catalogues, static files, password list) is.
///
/// SwiftPM copies it into the module's bundle; Foundation on Linux reports the bundle's
/// `Resources` folder as its resource URL, Darwin reports `Contents/Resources`, so the first
/// candidate that really holds the templates wins.
enum GatewayResources {
    static func directory() throws -> URL {
        let bundle = Bundle.module
        let candidates = [bundle.resourceURL?.appendingPathComponent("Resources"), bundle.bundleURL.appendingPathComponent("Resources"),
                          bundle.resourceURL].compactMap { $0 }
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate.appendingPathComponent("templates").path) {
            return candidate
        }
        throw GatewaySetupError(reason: "the gateway's resources are missing from \(bundle.bundlePath)")
    }
}
