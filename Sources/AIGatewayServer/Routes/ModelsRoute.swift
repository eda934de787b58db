import AIGateway
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import NIOCore

/// `GET /v1/models` and `GET /v1/models/{id}`: the models the price table knows (families and
/// their dated snapshots) that the caller's API serves, in that API's shape. An OpenAI client
/// (`/v1/chat/completions`) is served OpenAI's and Anthropic's models, since Claude requests are
/// translated; an Anthropic client (`anthropic-version` sent, as its SDKs do) only Claude, since
/// `/v1/messages` refuses the rest. Anthropic's list is paged as Anthropic pages it.
struct ModelsRoute: Sendable {
    let gateway: AIGateway

    static let listPath = "/v1/models"
    static let retrievePath = "/v1/models/{id}"
    static let defaultLimit = 20
    static let maxLimit = 1_000

    struct Model: Sendable, Hashable {
        var id: String
        var provider: Provider
        /// Unix seconds: the date in a dated name, else the newest of the family's snapshots, else 0
        /// (Anthropic's "epoch when the release date is unknown").
        var created: Int
    }

    /// What `api`'s endpoints serve, newest first (Anthropic's order), then by name.
    func models(for api: WireAPI) -> [Model] {
        let table = gateway.priceTable
        var models: [Model] = []
        for family in table.prices.keys {
            guard let provider = servingProvider(family, api: api) else { continue }
            let snapshots = table.snapshots[family] ?? []
            for snapshot in snapshots {
                models.append(Model(id: snapshot, provider: provider, created: Self.releaseDate(of: snapshot) ?? 0))
            }
            let newest = snapshots.compactMap(Self.releaseDate).max() ?? 0
            models.append(Model(id: family, provider: provider, created: newest))
        }
        return models.sorted { ($0.created, $1.id) > ($1.created, $0.id) }
    }

    /// The provider `model` goes to when `api` serves it, else nil.
    private func servingProvider(_ model: String, api: WireAPI) -> Provider? {
        guard let provider = gateway.configuration.router.provider(for: model) else { return nil }
        switch api {
        case .anthropicMessages: return provider == .anthropic ? provider : nil
        case .openAIChat: return provider  // other providers' models are translated
        }
    }

    func list(_ request: Request) -> Response {
        let api = WireAPI.caller(path: request.uri.path, headers: request.headers)
        let models = models(for: api)
        switch api {
        case .openAIChat:
            return Self.json(.object([
                JSONMember("object", "list"),
                JSONMember("data", .array(models.sorted { $0.id < $1.id }.map(Self.openAIObject))),
            ]))
        case .anthropicMessages:
            do {
                return Self.json(try anthropicPage(of: models, query: request.uri.queryParameters))
            } catch {
                return APIError(error).response(for: api, requestId: RequestID.make())
            }
        }
    }

    func retrieve(_ request: Request, id: String) -> Response {
        let api = WireAPI.caller(path: request.uri.path, headers: request.headers)
        let listed = models(for: api).first { $0.id == id.lowercased() }
        // A name the table prices by its rules (another snapshot, a fine-tuned model) is served too.
        let model = listed ?? servingProvider(id, api: api).flatMap { provider in
            gateway.priceTable.price(for: id) == nil ? nil
                : Model(id: id, provider: provider, created: Self.releaseDate(of: id) ?? 0)
        }
        guard let model else {
            return APIError(status: 404, message: "model '\(id.count > 200 ? String(id.prefix(200)) : id)' is not served by \(api.path) here",
                            code: "model_not_found")
                .response(for: api, requestId: RequestID.make())
        }
        return Self.json(api == .openAIChat ? Self.openAIObject(model) : Self.anthropicObject(model))
    }

    /// Anthropic's page: `limit` (1…1000, default 20) models after `after_id` or before
    /// `before_id`, with `has_more`, `first_id` and `last_id` for the SDK's paging. Every model
    /// here is `active`, so a `lifecycle` filter without it lists none.
    private func anthropicPage(of models: [Model], query: FlatDictionary<Substring, Substring>) throws(ServerError) -> JSONValue {
        var limit = Self.defaultLimit
        if let text = query["limit"] {
            guard let value = Int(text), (1...Self.maxLimit).contains(value) else {
                throw .invalidQuery("limit must be between 1 and \(Self.maxLimit)")
            }
            limit = value
        }
        let lifecycles = (query[values: "lifecycle"] + query[values: "lifecycle[]"]).flatMap { $0.split(separator: ",") }
        let models = lifecycles.isEmpty || lifecycles.contains("active") ? models : []
        func index(of id: String, _ name: String) throws(ServerError) -> Int {
            guard let index = models.firstIndex(where: { $0.id == id }) else { throw .invalidQuery("\(name) '\(id)' is not a listed model") }
            return index
        }
        let page: ArraySlice<Model>
        let hasMore: Bool
        if let before = query["before_id"] {
            let end = try index(of: String(before), "before_id")
            page = models[max(0, end - limit)..<end]
            hasMore = page.startIndex > 0
        } else {
            let start = try query["after_id"].map { (id) throws(ServerError) in try index(of: String(id), "after_id") + 1 } ?? 0
            page = models[start..<min(models.count, start + limit)]
            hasMore = page.endIndex < models.count
        }
        return .object([
            JSONMember("data", .array(page.map(Self.anthropicObject))),
            JSONMember("has_more", .bool(hasMore)),
            JSONMember("first_id", page.first.map { .string(JSONString($0.id)) } ?? .null),
            JSONMember("last_id", page.last.map { .string(JSONString($0.id)) } ?? .null),
        ])
    }

    private static func openAIObject(_ model: Model) -> JSONValue {
        .object([
            JSONMember("id", .string(JSONString(model.id))),
            JSONMember("object", "model"),
            JSONMember("created", .number(JSONNumber(model.created))),
            JSONMember("owned_by", .string(JSONString(model.provider.rawValue))),
        ])
    }

    /// Every field the `anthropic` SDK's `ModelInfo` requires (`id`, `type`, `display_name`,
    /// `created_at`, `lifecycle`), and `null` for what the table does not know.
    private static func anthropicObject(_ model: Model) -> JSONValue {
        .object([
            JSONMember("type", "model"),
            JSONMember("id", .string(JSONString(model.id))),
            JSONMember("display_name", .string(JSONString(displayName(of: model.id)))),
            JSONMember("created_at", .string(JSONString(rfc3339(model.created)))),
            JSONMember("lifecycle", "active"),
            JSONMember("deprecated_at", .null),
            JSONMember("retires_at", .null),
        ])
    }

    /// `claude-3-5-haiku-20241022` → `Claude 3.5 Haiku (2024-10-22)`, `claude-opus-4-1` → `Claude Opus 4.1`.
    static func displayName(of id: String) -> String {
        var family = id
        var date: String?
        if let created = releaseDate(of: id) {
            family = PriceTable.removingSnapshotSuffix(id)
            date = String(rfc3339(created).prefix(10))
        }
        var words: [String] = []
        for segment in family.split(separator: "-") {
            let isNumber = segment.allSatisfy(\.isNumber)
            if isNumber, let last = words.last, last.allSatisfy({ $0.isNumber || $0 == "." }) {
                words[words.count - 1] = last + "." + segment
            } else {
                words.append(isNumber ? String(segment) : segment.prefix(1).uppercased() + segment.dropFirst())
            }
        }
        return words.joined(separator: " ") + (date.map { " (\($0))" } ?? "")
    }

    /// The Unix time of the date a dated model name ends with, if it does.
    static func releaseDate(of id: String) -> Int? {
        let base = PriceTable.removingSnapshotSuffix(id)
        guard base != id, !id.hasSuffix("-latest") else { return nil }
        let digits = id.dropFirst(base.count + 1).filter(\.isNumber)
        guard digits.count == 8, let year = Int(digits.prefix(4)), let month = Int(digits.dropFirst(4).prefix(2)),
              let day = Int(digits.suffix(2)) else { return nil }
        var components = DateComponents(calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "UTC"),
                                        year: year, month: month, day: day)
        components.hour = 0
        return components.date.map { Int($0.timeIntervalSince1970) }
    }

    private static func rfc3339(_ seconds: Int) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    private static func json(_ body: JSONValue) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: JSONWriter.minified(body))))
    }
}
