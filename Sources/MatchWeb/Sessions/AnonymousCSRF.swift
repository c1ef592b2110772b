import Crypto
import Foundation
import MatchStore

/// CSRF tokens for visitors who have no session: stateless, so that showing the sign-in or
/// registration form writes nothing (issue 13: every page view used to insert a session row).
///
/// The browser gets a random nonce in its own cookie (HttpOnly, SameSite=Lax, `__Host-` and
/// Secure in production), and the form carries HMAC-SHA-256(key, nonce). A forged POST from
/// another site has neither: it cannot read the cookie, and a cookie it managed to plant
/// would not match a token without the key. The key is derived (HKDF) from the ID-number
/// hash key that every `serve` of a deployment already shares (ADR 0022), so any replica
/// accepts a form another one served, and no new secret has to be managed (ADR 0025).
struct AnonymousCSRF: Sendable {
    private let key: SymmetricKey

    init(identityNumberKeys: IdentityNumberKeys) {
        key = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: identityNumberKeys.hashKey, info: Data("talentmatch gateway anonymous csrf v1".utf8), outputByteCount: 32
        )
    }

    /// The token a form shows for the browser holding `nonce`.
    func token(for nonce: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(nonce.utf8), using: key)
        return Data(mac).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Whether `sent` is the token for `nonce`, compared in constant time.
    func accepts(_ sent: String, nonce: String?) -> Bool {
        guard let nonce, !nonce.isEmpty else { return false }
        return ConstantTime.equal(sent, token(for: nonce))
    }
}
