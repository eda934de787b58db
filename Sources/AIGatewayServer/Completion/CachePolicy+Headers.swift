import AIGateway
import HTTPTypes

extension CachePolicy {
    /// The policy a client asks for: `Cache-Control: no-cache` (do not read), `no-store` (do
    /// not write), `max-age=N` (accept entries at most N seconds old; TTL of a new entry), and
    /// `x-aigw-cache-namespace`. Other directives are ignored.
    init(headers: HTTPFields) throws(ServerError) {
        self.init()
        let directives = headers[values: .cacheControl]
            .flatMap { $0.split(separator: ",") }
            .map { $0.trimmingWhitespace().lowercased() }
        for directive in directives {
            if directive == "no-cache" {
                read = false
            } else if directive == "no-store" {
                write = false
            } else if directive.hasPrefix("max-age=") {
                guard let seconds = Int(directive.dropFirst("max-age=".count)), seconds >= 0 else {
                    throw .invalidHeader("Cache-Control: \(directive) is not a whole number of seconds")
                }
                maxAge = .seconds(seconds)
            }
        }
        if let namespace = headers[GatewayHeaders.cacheNamespace]?.trimmingWhitespace(), !namespace.isEmpty {
            self.namespace = namespace
        }
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        let characters = drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()
        return String(characters)
    }
}
