import AIGateway
import HTTPTypes
import Hummingbird
import NIOCore

/// An SSE answer: each event is written (and flushed) as it arrives from the provider, or
/// replayed from the cache.
///
/// The head goes out before the answer is complete, so it carries what is known then: the
/// cache status and key always; cost and savings at once for a hit; for a live stream the
/// savings (zero) only, and its cost as the `x-aigw-cost-usd` trailer after a clean end. A
/// failure after the head is sent as a last event in the API's error shape.
///
/// A client that closes its connection cancels the forwarding at once, not at the next write:
/// the provider request is cancelled with it and nothing is stored. Watching the inbound side
/// means the connection cannot carry another request, so the head says `connection: close`.
///
/// A replayed stream (a hit, a fixture) has nothing to cancel: it is written whole, with its
/// length, and the connection stays open for the client's next request.
struct StreamResponse: Sendable {
    let api: WireAPI
    let stream: CompletionEventStream
    /// The client's request, its body already collected.
    let request: Request
    /// For an OpenAI client reading a Claude answer: rewrites each Anthropic event.
    let translation: AnthropicToOpenAIStream?

    func response() -> Response {
        if let answer = Self.replayAnswer(stream, api: api, translation: translation) {
            return Response(status: .ok, headers: answer.fields, body: ResponseBody(byteBuffer: answer.body))
        }
        let headers = Self.head(of: stream, with: HTTPField(name: .connection, value: "close"))
        let api = api
        let stream = stream
        let body = request.body
        let translation = translation
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            try await body.consumeWithCancellationOnInboundClose { _ in
                try await Self.forward(stream, api: api, translation: translation, to: &writer)
            }
        })
    }

    private static func forward(_ stream: CompletionEventStream, api: WireAPI, translation: AnthropicToOpenAIStream?,
                                to writer: inout any ResponseBodyWriter) async throws {
        let sse = SSEWriter()
        var events = stream.makeAsyncIterator()
        var translator = translation
        while true {
            let bytes: [UInt8]
            do {
                guard let event = try await events.next() else { break }
                bytes = try Self.bytes(of: event, translatedBy: &translator, sse: sse)
            } catch {
                // Writing fails too when the client has gone; then there is no one to tell.
                try await writer.write(ByteBuffer(bytes: try Self.failureEvent(error, api: api, requestId: stream.requestId, sse: sse)))
                try await writer.finish(nil)
                return
            }
            if !bytes.isEmpty { try await writer.write(ByteBuffer(bytes: bytes)) }
        }
        var trailers = HTTPFields()
        if stream.cacheStatus != .hit, let cost = stream.outcome?.cost {
            trailers[GatewayHeaders.cost] = cost.plainAmount
        }
        try await writer.finish(trailers.isEmpty ? nil : trailers)
    }

    /// The headers and whole body of a replayed stream; nil for a live one. An event that
    /// cannot be written (translated) ends the body with an error event, as in a live stream.
    static func replayAnswer(_ stream: CompletionEventStream, api: WireAPI,
                             translation: AnthropicToOpenAIStream?) -> (fields: HTTPFields, body: ByteBuffer)? {
        var body = ByteBuffer()
        if translation == nil {
            guard let bytes = stream.replayedBytes else { return nil }
            body.writeBytes(bytes)
        } else {
            guard let events = stream.replayedEvents else { return nil }
            let sse = SSEWriter()
            var translator = translation
            do {
                for event in events { body.writeBytes(try Self.bytes(of: event, translatedBy: &translator, sse: sse)) }
            } catch {
                body.writeBytes((try? Self.failureEvent(error, api: api, requestId: stream.requestId, sse: sse)) ?? [])
            }
        }
        // The length is set here, so `Response` does not look for it and add it.
        return (head(of: stream, with: HTTPField(name: .contentLength, value: String(body.readableBytes))), body)
    }

    /// A stream answer's head: what is known of its outcome, the SSE content type, and `last`
    /// (`Connection: close` for a live stream, the length of a replay).
    private static func head(of stream: CompletionEventStream, with last: HTTPField) -> HTTPFields {
        let known = stream.outcome
        return GatewayHeaders.outcome(requestId: stream.requestId, cache: stream.cacheStatus, key: stream.key,
                                      cost: known?.cost, saved: known?.saved ?? .zero, reason: stream.bypassReason,
                                      extra: [HTTPField(name: .contentType, value: "text/event-stream"),
                                              HTTPField(name: .cacheControl, value: "no-cache"), last])
    }

    /// A failure after the head, as the last event in the client API's error shape.
    private static func failureEvent(_ error: any Error, api: WireAPI, requestId: String, sse: SSEWriter) throws -> [UInt8] {
        try sse.encode(APIError(error).streamEvent(for: api, requestId: requestId))
    }

    /// What to write for one upstream event: its own bytes, or for a translated stream the
    /// OpenAI chunks it becomes (often none).
    private static func bytes(of event: ServerSentEvent, translatedBy translator: inout AnthropicToOpenAIStream?,
                              sse: SSEWriter) throws -> [UInt8] {
        guard var active = translator else { return try event.bytes(writtenBy: sse) }
        defer { translator = active }
        var bytes: [UInt8] = []
        for chunk in try active.translate(event) { bytes += try sse.encode(chunk) }
        return bytes
    }
}
