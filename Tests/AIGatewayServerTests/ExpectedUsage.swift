import AIGateway
import FakeProvider
import Testing

/// Per-tenant totals computed without the gateway's ledger or request log: from the script, the
/// fake provider's log of what it received (its answers are a pure function of each request,
/// ``FakeAnswer``) and the shipped price table.
struct ExpectedUsage: Equatable, CustomStringConvertible {
    var requests: Int64 = 0
    var hits: Int64 = 0
    var errors: Int64 = 0
    var inputTokens: Int64 = 0
    var outputTokens: Int64 = 0
    var tokensServedFromCache: Int64 = 0
    var spend = USD.zero
    var saved = USD.zero

    var description: String {
        "requests \(requests) hits \(hits) errors \(errors) in \(inputTokens) out \(outputTokens) cached \(tokensServedFromCache) spend \(spend) saved \(saved)"
    }

    /// Totals per tenant, and under "" the grand total.
    static func compute(steps: [TrafficScript.Step], received: [RecordedRequest], prices: PriceTable) throws -> [String: ExpectedUsage] {
        // Every request the provider answered normally, in arrival order, with what it billed.
        var billed = try received.filter { !String(decoding: $0.body, as: UTF8.self).contains(TrafficScript.failureMarker) }.map { request in
            let route = try #require(FakeRoute(rawValue: request.path))
            let answer = FakeAnswer(route: route, requestBody: request.body, sequence: 0)
            let tokens = try #require(answer.summary.usage)
            return (tokens: tokens, cost: try #require(prices.cost(model: answer.summary.model, usage: tokens)))
        }.makeIterator()
        var firstAnswers: [String: (tokens: BilledTokens, cost: USD)] = [:]
        var usage: [String: ExpectedUsage] = [:]
        // A model no provider serves is refused by the server before the gateway routes it, as
        // a malformed body or a bad key is: such requests are in neither the ledger nor the log.
        for step in steps where !step.unknownModel {
            var row = usage[step.tenant, default: ExpectedUsage()]
            row.requests += 1
            if step.fails {
                row.errors += 1
            } else if let original = firstAnswers["\(step.tenant)|\(step.body)"] {
                row.hits += 1
                row.saved = row.saved + original.cost
                row.tokensServedFromCache += Int64(original.tokens.totalInput + original.tokens.output)
            } else {
                let next = billed.next()
                let answer = try #require(next, "the provider answered fewer requests than the script missed")
                firstAnswers["\(step.tenant)|\(step.body)"] = answer
                row.inputTokens += Int64(answer.tokens.uncachedInput)
                row.outputTokens += Int64(answer.tokens.output)
                row.spend = row.spend + answer.cost
            }
            usage[step.tenant] = row
        }
        let extra = billed.next()
        #expect(extra == nil, "every answered request belongs to a miss of the script")
        usage[""] = usage.values.reduce(into: ExpectedUsage()) { total, row in
            total.requests += row.requests
            total.hits += row.hits
            total.errors += row.errors
            total.inputTokens += row.inputTokens
            total.outputTokens += row.outputTokens
            total.tokensServedFromCache += row.tokensServedFromCache
            total.spend = total.spend + row.spend
            total.saved = total.saved + row.saved
        }
        return usage
    }

    /// The same figures read from a usage row of the documented JSON (`aigw usage --json`,
    /// `GET /v1/gateway/usage`).
    init(reportRow row: JSONValue) throws {
        func integer(_ name: String) throws -> Int64 { try #require(row[JSONString(name)]?.numberValue?.int64Value, "\(name) missing") }
        requests = try integer("requests")
        hits = try integer("hits")
        errors = try integer("errors")
        inputTokens = try integer("input_tokens")
        outputTokens = try integer("output_tokens")
        tokensServedFromCache = try integer("tokens_served_from_cache")
        spend = USD(picodollars: try integer("spend_picodollars"))
        saved = USD(picodollars: try integer("saved_picodollars"))
        #expect(row["spend_usd"]?.stringValue == spend.description)
        #expect(row["saved_usd"]?.stringValue == saved.description)
    }

    init() {}
}
