import PostgresNIO

extension TokenStore {
    /// Every API request checks its token first (prepared: see `PreparedQuery`): the token,
    /// its organisation, and whether it is expired, revoked or its organisation closed.
    struct TokenLookup: PreparedQuery {
        static let template = Self(secretHash: ByteBuffer())
        /// A buffer, not `Data`, whose bind cannot fail, so the statement's text needs no `try`.
        let secretHash: ByteBuffer

        var query: PostgresQuery {
            """
            SELECT t.id, t.label, t.permissions, t.centre_id, c.code, c.office_id, t.office_id, o.code, r.prefix,
                   coalesce(t.expires_at <= now(), false), t.revoked_at IS NOT NULL,
                   coalesce(c.status, o.status) = 'closed'
            FROM api_tokens t
            LEFT JOIN centres c ON c.id = t.centre_id
            LEFT JOIN offices o ON o.id = t.office_id
            LEFT JOIN regions r ON r.code = o.region_code
            WHERE t.secret_hash = \(secretHash)
            """
        }
    }
}
