import Foundation
import Hummingbird

/// The one stylesheet and the one small script, read once at start-up and cached by browsers.
struct StaticRoutes {
    func register(on router: RouterGroup<GatewayRequestContext>) {
        let files: [(String, String)] = [("site.css", "text/css; charset=utf-8"), ("rank.js", "text/javascript; charset=utf-8")]
        let folder = try? GatewayResources.directory().appendingPathComponent("static")
        for (name, type) in files {
            guard let folder, let data = try? Data(contentsOf: folder.appendingPathComponent(name)) else { continue }
            let body = ByteBuffer(bytes: data)
            router.get(RouterPath(stringLiteral: name)) { _, _ in
                Response(status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=3600"], body: .init(byteBuffer: body))
            }
        }
    }
}
