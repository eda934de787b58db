/// How the cache took part in a request.
public enum CacheStatus: String, Sendable, Hashable, CaseIterable {
    /// Served from the cache; nothing was sent upstream.
    case hit
    /// Looked up, not found, sent upstream (and stored when allowed).
    case miss
    /// Not looked up: the request cannot be keyed safely, or the client asked to skip the cache.
    case bypass
}
