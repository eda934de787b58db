import AIGateway
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import NIOCore

/// `GET /v1/gateway/usage` and `GET /v1/gateway/logs`: the `aigw usage` report and request-log
/// records, as the CLI's `--json` prints them (schemas in docs/request-log.md).
///
/// A tenant key sees its own tenant only (asking for another is 403); an admin key, or local mode
/// without a config file, sees every tenant. Errors come in OpenAI's error shape.
struct ReportRoutes: Sendable {
    let gateway: AIGateway
    let keys: GatewayKeys?

    static let usagePath = "/v1/gateway/usage"
    static let logsPath = "/v1/gateway/logs"
    static let defaultLogLimit = 100
    static let maxLogLimit = 1_000

    func usage(_ request: Request) async -> Response {
        await respond(to: request) { parameters, tenant in
            let nowMs = ReportTime.nowMs
            var grouping = LedgerGrouping.tenant
            if let by = parameters["by"] {
                guard let parsed = LedgerGrouping(rawValue: by) else {
                    throw ServerError.invalidQuery("by must be one of: \(LedgerGrouping.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                grouping = parsed
            }
            let query = UsageQuery(
                since: try parameters.time("since") { ReportTime.day($0, nowMs: nowMs) },
                until: try parameters.time("until") { ReportTime.day($0, nowMs: nowMs) },
                tenant: tenant, grouping: grouping
            )
            return try Self.json(await gateway.usageReport(query))
        }
    }

    func logs(_ request: Request) async -> Response {
        await respond(to: request) { parameters, tenant in
            let nowMs = ReportTime.nowMs
            var query = RequestLogQuery(
                sinceMs: try parameters.time("since") { ReportTime.milliseconds($0, nowMs: nowMs) },
                untilMs: try parameters.time("until") { ReportTime.milliseconds($0, nowMs: nowMs) },
                tenant: tenant, failedOnly: parameters["failed"] == "true", requestID: parameters["request_id"]
            )
            if let after = parameters["after"] {
                guard let cursor = RequestLogCursor(hex: after) else {
                    throw ServerError.invalidQuery("after must be a cursor from an earlier response (32 hex digits)")
                }
                query.after = cursor
            }
            let limit = try parameters["limit"].map { (text) throws -> Int in
                guard let limit = Int(text), (1...Self.maxLogLimit).contains(limit) else {
                    throw ServerError.invalidQuery("limit must be between 1 and \(Self.maxLogLimit)")
                }
                return limit
            } ?? Self.defaultLogLimit
            // With a cursor the client is paging forward; without one it wants the latest records.
            query.limit = limit
            query.newest = query.after == nil
            let records = try await gateway.requestLogRecords(query)
            return try Self.json(LogsPage(records: records, next: records.last?.cursor.description ?? query.after?.description))
        }
    }

    /// What `/v1/gateway/logs` returns: records oldest first, and the cursor to pass as `after`
    /// for the records committed since (`null` while there are none at all).
    struct LogsPage: Encodable {
        var records: [LoggedRequest]
        var next: String?

        enum CodingKeys: String, CodingKey { case object, records = "data", next = "next_after" }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode("list", forKey: .object)
            try container.encode(records, forKey: .records)
            try container.encode(next, forKey: .next)
        }
    }

    /// Resolves who may see what, reads the parameters, and turns any failure into an OpenAI-shape error.
    private func respond(to request: Request, _ body: (ReportParameters, String?) async throws -> Response) async -> Response {
        let requestId = RequestID.make()
        do {
            var parameters = ReportParameters(request.uri.queryParameters)
            let allowed = try ClientIdentity.reportTenant(headers: request.headers, keys: keys)
            if let allowed {
                if let asked = parameters["tenant"], asked != allowed {
                    throw ServerError.forbidden("this key reads tenant '\(allowed)' only")
                }
            }
            let tenant = allowed ?? parameters["tenant"]
            parameters.consumeTenant()
            return try await body(parameters, tenant)
        } catch {
            return APIError(error).response(for: .openAIChat, requestId: requestId)
        }
    }

    private static func json(_ value: some Encodable) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Response(status: .ok, headers: [.contentType: "application/json"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }
}

/// The query string of a report request.
struct ReportParameters {
    private var values: [String: String] = [:]

    init(_ query: FlatDictionary<Substring, Substring>) {
        for (name, value) in query { values[String(name)] = String(value) }
    }

    subscript(name: String) -> String? { values[name].flatMap { $0.isEmpty ? nil : $0 } }

    mutating func consumeTenant() { values["tenant"] = nil }

    /// A time parameter through `parse`; a value it rejects is a 400 naming the parameter.
    func time<T>(_ name: String, _ parse: (String) -> T?) throws(ServerError) -> T? {
        guard let text = self[name] else { return nil }
        guard let value = parse(text) else {
            throw .invalidQuery("\(name) must be an age (90s, 30m, 12h, 7d, 2w) or a UTC date (2026-11-29)")
        }
        return value
    }
}
