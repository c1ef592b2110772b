import Foundation
import Logging
import PostgresNIO

/// Everything held about one candidate (PIPL Art. 45), and deleting the account (Art. 47).
public struct CandidateDataStore: Sendable {
    /// What deletion keeps, and why; shown to the candidate before and after.
    public static let retainedRecords = [
        "offers", "offer_transitions", "rankings", "review_requests", "audit_log", "candidate_consents",
    ]

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// One JSON document, built by PostgreSQL from the rows themselves, so nothing is left out
    /// by a forgotten field in application code.
    ///
    /// The ID number is the person's own data (PIPL Art. 45), so the export gives it in full as
    /// `candidate.id_number`, decrypted here with `vault`; the hash and ciphertext columns are
    /// left out (they are our protection, not their data). A number the keys cannot open is
    /// exported as null with `id_number_on_file` true.
    public func export(candidateID: Int64, vault: IdentityNumberVault) async throws -> String? {
        guard let json = try await databaseExport(candidateID: candidateID),
              var document = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return nil }
        // Every night they took part in, explained for each post they ranked (ADR 0037, 0038):
        // computed from the cutoffs as their pages are, since no per-candidate row is stored.
        document["nights"] = try await nightExplanations(candidateID)
        if let ciphertext = try await IdentityNumberStore(database: database).ciphertext(candidateID: candidateID),
           let number = try? vault.open(ciphertext, candidateID: candidateID),
           var candidate = document["candidate"] as? [String: Any] {
            candidate["id_number"] = number.digits
            document["candidate"] = candidate
        }
        return String(decoding: try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]), as: UTF8.self)
    }

    private func nightExplanations(_ candidateID: Int64) async throws -> [[String: Any]] {
        let store = CandidateNightStore(database: database)
        var nights: [[String: Any]] = []
        for summary in try await store.nights(candidateID: candidateID) {
            if let night = try await store.night(candidateID: candidateID, runID: summary.runID) { nights.append(night.exportValue) }
        }
        return nights
    }

    private func databaseExport(candidateID: Int64) async throws -> String? {
        let rows = try await database.query(
            """
            SELECT jsonb_build_object(
                'format', 'talentmatch.candidate-data/1',
                'exported_at', now(),
                'candidate', (SELECT to_jsonb(c) - 'id_number_hash' - 'id_number_ciphertext'
                                     || jsonb_build_object('id_number_on_file', c.id_number_hash IS NOT NULL, 'id_number', NULL)
                              FROM candidates c WHERE c.id = \(candidateID)),
                'account', (SELECT jsonb_build_object('created_at', a.created_at, 'password_changed_at', a.password_changed_at,
                                                      'profile_completed_at', a.profile_completed_at)
                            FROM candidate_accounts a WHERE a.candidate_id = \(candidateID)),
                'specialties', coalesce((SELECT jsonb_agg(jsonb_build_object('code', s.specialty_code, 'name', p.name, 'position', s.position)
                                                          ORDER BY s.position)
                                         FROM candidate_specialties s JOIN specialties p ON p.code = s.specialty_code
                                         WHERE s.candidate_id = \(candidateID)), '[]'),
                -- Every version of the profile kept to explain past nights (ADR 0050).
                'profile_versions', coalesce((SELECT jsonb_agg(to_jsonb(v) - 'candidate_id' ORDER BY v.valid_from)
                                              FROM candidate_profile_versions v WHERE v.candidate_id = \(candidateID)), '[]'),
                'consents', coalesce((SELECT jsonb_agg(to_jsonb(k) - 'candidate_id' ORDER BY k.id) FROM candidate_consents k
                                      WHERE k.candidate_id = \(candidateID)), '[]'),
                'rankings', coalesce((SELECT jsonb_agg(jsonb_build_object('version', r.version, 'submitted_at', r.submitted_at,
                                                                          'posts', r.choices) ORDER BY r.version)
                                      FROM rankings r WHERE r.candidate_id = \(candidateID)), '[]'),
                'offers', coalesce((SELECT jsonb_agg(jsonb_build_object('id', o.id, 'run', o.run_id, 'vacancy', o.vacancy_id,
                                        'choice_rank', o.choice_rank, 'score', o.score,
                                        'state', o.state, 'deadline', o.deadline, 'explanation', o.explanation,
                                        'deadline_paused_at', o.paused_at, 'withdrawal_cause', o.withdrawal_cause,
                                        'transitions', (SELECT jsonb_agg(to_jsonb(t) - 'offer_id' ORDER BY t.at, t.from_state NULLS FIRST)
                                                        FROM offer_history t WHERE t.offer_id = o.id)) ORDER BY o.id)
                                    FROM offers o WHERE o.candidate_id = \(candidateID)), '[]'),
                'review_requests', coalesce((SELECT jsonb_agg(to_jsonb(q) - 'candidate_id' ORDER BY q.id) FROM review_requests q
                                             WHERE q.candidate_id = \(candidateID)), '[]'),
                'audit_log', coalesce((SELECT jsonb_agg(jsonb_build_object('at', l.at, 'action', l.action, 'actor', l.actor) ORDER BY l.id)
                                       FROM audit_log l WHERE l.subject = \("candidate:\(candidateID)")), '[]')
            )::text
            FROM candidates WHERE id = \(candidateID) AND status = 'active'
            """,
            logger: database.logger
        )
        for try await json in rows.decode(String.self) { return json }
        return nil
    }

    /// Erases the person's details and ends the account in one transaction. Offers, their
    /// history, rankings that runs used, consents and the audit log are kept (they record
    /// decisions made about the person, PIPL Art. 24/55–56), tied to an anonymised row.
    public func deleteAccount(candidateID: Int64, source: String) async throws {
        let logger = database.logger
        try await database.transaction(.attributed(to: "candidate:\(candidateID)", reason: "account deleted")) { connection in
            try await OfferWrites.declinePending(ofCandidate: candidateID, on: connection, logger: logger)
            // Before the consents are withdrawn, so the couple records why it ended (migration 0110).
            try await connection.query("SELECT end_couples_of(\(candidateID), 'account_deleted')", logger: logger)
            try await connection.query(
                "UPDATE candidate_consents SET withdrawn_at = now() WHERE candidate_id = \(candidateID) AND withdrawn_at IS NULL",
                logger: logger
            )
            try await connection.query("DELETE FROM candidate_specialties WHERE candidate_id = \(candidateID)", logger: logger)
            try await connection.query(
                """
                UPDATE candidates SET full_name = '已删除', contact = 'deleted:' || public_id::text, hukou_region_code = NULL,
                    contact_verified_at = NULL, second_contact = NULL, second_contact_verified_at = NULL,
                    hukou_type = NULL, current_region_code = NULL, id_number_hash = NULL, id_number_ciphertext = NULL,
                    programmes = '{}', status = 'withdrawn', updated_at = now()
                WHERE id = \(candidateID)
                """,
                logger: logger
            )
            try await connection.query("DELETE FROM candidate_accounts WHERE candidate_id = \(candidateID)", logger: logger)
            try await connection.query(
                "DELETE FROM web_sessions WHERE value ->> 'candidate' = \(String(candidateID))", logger: logger
            )
            try await AuditLog.record(
                actor: "candidate:\(candidateID)", action: "account.delete", subject: "candidate:\(candidateID)",
                details: ["kept": Self.retainedRecords.joined(separator: ",")], source: source, on: connection, logger: logger
            )
        }
    }
}
