import Hummingbird
import MatchStore
import NIOCore

/// The request context of the whole server: Hummingbird's core storage, the peer address
/// (for per-address log-in throttling) and what the gateway's middleware works out per
/// request (language, session, the parsed form).
///
/// The API and ops routes are generic over their context, so one router serves all three.
public struct GatewayRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    /// Set by `LanguageMiddleware`.
    var language: Language = .zhCN
    /// Set by `WebSessionMiddleware`: a signed-in session, or a visitor's handle (which stores nothing).
    var session: SessionHandle<WebSession>?
    /// A POST's form fields, read and checked by `RequestInputMiddleware` (CSRF by `WebSessionMiddleware`).
    var form = FormData()
    /// Set by `StaffSessionMiddleware` on the console's pages: the staff session, and the
    /// signed-in person once both factors are through.
    var staffSession: StaffSessionHandle?
    var staff: StaffIdentity?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }

    /// Forms are small; anything larger is refused before it is read.
    public var maxUploadSize: Int { 64 * 1024 }

    var candidateID: Int64? { session?.candidate }
}
