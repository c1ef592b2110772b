import Foundation
import Hummingbird
import MatchStore
import Synchronization

/// The open posts as candidates browse them, kept in memory and read again only after the
/// catalogue changed.
///
/// Posts change a few times a day and are read on every view; the query behind a list (every
/// open post with its region, incentives and designations) was most of the cost of `/posts`.
/// Migration 0021 counts every change to the tables the catalogue reads in one version
/// number, inside the writing transaction; the cache asks for that number (one indexed row)
/// at most once per `recheck` and drops everything when it moved. Entries are stored under
/// the version read before their query, so a list read while a change commits is at worst
/// read again, never kept stale (ADR 0027).
final class PostCatalogueCache: Sendable {
    /// More distinct lists or posts than this and the cache starts over (filters are few;
    /// this only bounds what a crawler of random ids could make it hold).
    static let capacity = 1024

    private struct State {
        var version: Int64?
        var checkedAt: ContinuousClock.Instant?
        var lists: [PostCatalogue.Filter: [PostCatalogue.Summary]] = [:]
        var details: [Int64: PostCatalogue.Detail?] = [:]
        var provinces: [ReferenceLookup.Region]?
        /// Pages as a visitor sees them, rendered, by language and address.
        var pages: [String: Response] = [:]

        var size: Int { lists.count + details.count + pages.count }
    }

    let catalogue: PostCatalogue
    let lookup: ReferenceLookup
    let recheck: Duration
    private let state = Mutex(State())

    init(catalogue: PostCatalogue, lookup: ReferenceLookup, recheck: Duration) {
        self.catalogue = catalogue
        self.lookup = lookup
        self.recheck = recheck
    }

    func browse(_ filter: PostCatalogue.Filter) async throws -> [PostCatalogue.Summary] {
        let version = try await currentVersion()
        if let hit = state.withLock({ $0.lists[filter] }) { return hit }
        let posts = try await catalogue.browse(filter)
        keep(version) { $0.lists[filter] = posts }
        return posts
    }

    /// A post that exists and is not a draft, or nil.
    func detail(id: Int64) async throws -> PostCatalogue.Detail? {
        let version = try await currentVersion()
        if let hit = state.withLock({ $0.details[id] }) { return hit }
        let post = try await catalogue.detail(id: id)
        keep(version) { $0.details[id] = .some(post) }
        return post
    }

    /// The provinces in force, for the region filter.
    func provinces() async throws -> [ReferenceLookup.Region] {
        let version = try await currentVersion()
        if let hit = state.withLock({ $0.provinces }) { return hit }
        let provinces = try await lookup.regions(under: nil)
        keep(version) { $0.provinces = provinces }
        return provinces
    }

    /// A catalogue page as a visitor (not signed in) sees it: the same for every visitor with
    /// the same language and address, so it is rendered once per catalogue version. Rendering
    /// a long list was most of the cost of `/posts` once the catalogue was in memory.
    func visitorPage(_ key: String, render: () async throws -> Response) async throws -> Response {
        let version = try await currentVersion()
        if let hit = state.withLock({ $0.pages[key] }) { return hit }
        // The body is one buffer (`PageRenderer`), written anew for each response that reuses it.
        let page = try await render()
        if page.status == .ok { keep(version) { $0.pages[key] = page } }
        return page
    }

    /// The catalogue's version, asked of the database when the last answer is older than
    /// `recheck`; everything cached is dropped when it moved.
    private func currentVersion() async throws -> Int64 {
        let now = ContinuousClock.now
        if let known = state.withLock({ state -> Int64? in
            guard let checked = state.checkedAt, let version = state.version, now - checked < recheck else { return nil }
            return version
        }) {
            return known
        }
        let version = try await catalogue.version()
        state.withLock { state in
            if state.version != version {
                state = State(version: version)
            }
            state.checkedAt = now
        }
        return version
    }

    /// Stores what was read under `version`, unless the catalogue has moved on since.
    private func keep(_ version: Int64, _ change: (inout State) -> Void) {
        state.withLock { state in
            guard state.version == version else { return }
            if state.size >= Self.capacity {
                state = State(version: version, checkedAt: state.checkedAt, provinces: state.provinces)
            }
            change(&state)
        }
    }
}
