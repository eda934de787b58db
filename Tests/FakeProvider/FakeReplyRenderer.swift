import AIGateway
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// Turns a ``FakeReply`` into a Hummingbird response in one route's wire format.
struct FakeReplyRenderer {
    var route: FakeRoute
    var answer: FakeAnswer
    var sequence: Int
    var state: FakeProviderState
    /// The key the request carried, for ``FakeReply/echoCredentials(_:)``.
    var credential: String = ""

    /// Thrown from inside a response body: Hummingbird then closes the connection without
    /// ending the chunked body, which is what a provider dropping a stream looks like.
    struct DroppedConnection: Error {}

    func response(for reply: FakeReply, defaultLatency: Duration) async throws -> Response {
        switch reply {
        case .default:
            if defaultLatency > .zero { try await Task.sleep(for: defaultLatency) }
            return defaultResponse(chunkDelay: .zero)
        case .json(let status, let body, let extra):
            var headers = baseHeaders(contentType: "application/json")
            for header in extra {
                if let name = HTTPField.Name(header.name) { headers.append(HTTPField(name: name, value: header.value)) }
            }
            return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
        case .sse(let bytes, let chunking):
            return streamResponse(chunks: chunking.split(bytes).map(Array.init), chunkDelay: .zero)
        case .error(let status, let type, let message):
            return errorResponse(status: status, type: type, message: message, code: nil)
        case .rateLimited(let seconds):
            var response = rateLimitResponse()
            response.headers[.retryAfter] = String(seconds)
            return response
        case .retryAfterMs(let milliseconds):
            var response = rateLimitResponse()
            response.headers[HTTPField.Name("retry-after-ms")!] = String(milliseconds)
            return response
        case .serverError(let status):
            switch route {
            case .openAIChat:
                return errorResponse(status: status, type: "server_error", message: "The server had an error while processing your request. Sorry about that!", code: nil)
            case .anthropicMessages:
                return errorResponse(status: status, type: status == 529 ? "overloaded_error" : "api_error", message: status == 529 ? "Overloaded" : "Internal server error", code: nil)
            }
        case .malformedJSON:
            let broken = Array(#"{"id": "broken-\#(sequence)", "choices": [{"index": 0, "message": {"role": "assist"#.utf8)
            return Response(status: .ok, headers: baseHeaders(contentType: "application/json"), body: .init(byteBuffer: ByteBuffer(bytes: broken)))
        case .resetMidStream(let afterBytes):
            let prefix = Array(answer.streamBytes.prefix(afterBytes))
            return Response(
                status: .ok,
                headers: baseHeaders(contentType: "text/event-stream"),
                body: ResponseBody { writer in
                    if !prefix.isEmpty { try await writer.write(ByteBuffer(bytes: prefix)) }
                    throw DroppedConnection()
                }
            )
        case .slowFirstByte(let delay):
            try await Task.sleep(for: delay)
            return defaultResponse(chunkDelay: .zero)
        case .delay(let delay):
            return defaultResponse(chunkDelay: delay)
        case .lateEndAfterLastEvent(let delay):
            return streamResponse(chunks: answer.eventBytes, chunkDelay: .zero, endDelay: delay)
        case .echoCredentials(let place):
            return echoResponse(place)
        }
    }

    private func defaultResponse(chunkDelay: Duration) -> Response {
        if answer.stream {
            return streamResponse(chunks: answer.eventBytes, chunkDelay: chunkDelay)
        }
        let body = answer.jsonBody
        guard chunkDelay > .zero else {
            return Response(status: .ok, headers: baseHeaders(contentType: "application/json"), body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
        return Response(
            status: .ok,
            headers: baseHeaders(contentType: "application/json"),
            body: ResponseBody(contentLength: body.count) { writer in
                try await Task.sleep(for: chunkDelay)
                try await writer.write(ByteBuffer(bytes: body))
                try await writer.finish(nil)
            }
        )
    }

    /// Each chunk is its own write, and Hummingbird flushes every write.
    private func streamResponse(chunks: [[UInt8]], chunkDelay: Duration, endDelay: Duration = .zero) -> Response {
        Response(
            status: .ok,
            headers: baseHeaders(contentType: "text/event-stream"),
            body: ResponseBody { [state] writer in
                for chunk in chunks {
                    if chunkDelay > .zero { try await Task.sleep(for: chunkDelay) }
                    do {
                        try await writer.write(ByteBuffer(bytes: chunk))
                    } catch {
                        // The client went away mid-stream: what a cancelled request looks like here.
                        state.contents.withLock { $0.abandonedReplies += 1 }
                        throw error
                    }
                }
                if endDelay > .zero { try await Task.sleep(for: endDelay) }
                try await writer.finish(nil)
            }
        )
    }

    private func rateLimitResponse() -> Response {
        switch route {
        case .openAIChat:
            errorResponse(status: 429, type: "requests", message: "Rate limit reached for requests. Please try again later.", code: "rate_limit_exceeded")
        case .anthropicMessages:
            errorResponse(status: 429, type: "rate_limit_error", message: "Number of requests has exceeded your rate limit.", code: nil)
        }
    }

    func errorResponse(status: Int, type: String, message: String, code: String?) -> Response {
        let body: JSONValue
        switch route {
        case .openAIChat:
            body = .object([
                JSONMember("error", .object([
                    JSONMember("message", .string(JSONString(message))),
                    JSONMember("type", .string(JSONString(type))),
                    JSONMember("param", .null),
                    JSONMember("code", code.map { .string(JSONString($0)) } ?? .null),
                ])),
            ])
        case .anthropicMessages:
            body = .object([
                JSONMember("type", "error"),
                JSONMember("error", .object([
                    JSONMember("type", .string(JSONString(type))),
                    JSONMember("message", .string(JSONString(message))),
                ])),
            ])
        }
        return Response(
            status: .init(code: status),
            headers: baseHeaders(contentType: "application/json"),
            body: .init(byteBuffer: ByteBuffer(bytes: JSONWriter.minified(body)))
        )
    }

    func baseHeaders(contentType: String) -> HTTPFields {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        let requestIDName = route == .openAIChat ? "x-request-id" : "request-id"
        headers[HTTPField.Name(requestIDName)!] = "req_fake_\(sequence)"
        return headers
    }
}
