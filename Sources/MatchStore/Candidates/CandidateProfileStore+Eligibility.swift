import MatchCore

extension CandidateProfileStore {
    /// The profile as the engine sees it, from a record the caller already loaded: one query
    /// (the sensitive-data consent) instead of loading the record a second time.
    public func engineProfile(_ record: CandidateProfileRecord, candidateID: Int64) async throws -> CandidateProfile {
        let consented = try await ConsentStore(database: database).isLive(.sensitiveData, candidateID: candidateID)
        return Self.engineProfile(record, id: candidateID, sensitiveConsent: consented)
    }
}
