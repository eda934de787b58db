import AIGateway
import HTTPTypes
import Hummingbird
import NIOCore

/// `GET /v1/models`: the models the price table knows and the router sends somewhere, in
/// OpenAI's list shape, or Anthropic's when the client sends `anthropic-version`.
struct ModelsRoute: Sendable {
    let gateway: AIGateway

    struct Model: Sendable, Hashable {
        var id: String
        var provider: Provider
    }

    var models: [Model] {
        let router = gateway.configuration.router
        return gateway.priceTable.prices.keys.sorted().compactMap { id in
            router.provider(for: id).map { Model(id: id, provider: $0) }
        }
    }

    func respond(to request: Request) -> Response {
        let models = models
        let body: JSONValue
        if request.headers[HTTPField.Name("anthropic-version")!] != nil {
            body = .object([
                JSONMember("data", .array(models.map { model in
                    JSONValue.object([
                        JSONMember("type", "model"),
                        JSONMember("id", .string(JSONString(model.id))),
                        JSONMember("display_name", .string(JSONString(model.id))),
                        JSONMember("created_at", "1970-01-01T00:00:00Z"),
                    ])
                })),
                JSONMember("has_more", false),
                JSONMember("first_id", models.first.map { JSONValue.string(JSONString($0.id)) } ?? .null),
                JSONMember("last_id", models.last.map { JSONValue.string(JSONString($0.id)) } ?? .null),
            ])
        } else {
            body = .object([
                JSONMember("object", "list"),
                JSONMember("data", .array(models.map { model in
                    JSONValue.object([
                        JSONMember("id", .string(JSONString(model.id))),
                        JSONMember("object", "model"),
                        JSONMember("created", 0),
                        JSONMember("owned_by", .string(JSONString(model.provider.rawValue))),
                    ])
                })),
            ])
        }
        return Response(status: .ok, headers: [.contentType: "application/json"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: JSONWriter.minified(body))))
    }
}
