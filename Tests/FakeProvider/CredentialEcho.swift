import AIGateway
import HTTPTypes
import Hummingbird
import NIOCore

/// Where a fake upstream that echoes its request's credentials (a proxy, a self-hosted server,
/// an error page quoting the request) puts the key it was sent: ``FakeReply/echoCredentials(_:)``.
public enum CredentialEcho: String, Sendable, CaseIterable {
    /// A 401 whose error message, type and code all hold the key.
    case error
    /// A 200 stream whose only event after the first chunk is an error event holding the key.
    case streamError = "stream_error"
    /// The default answer, with the key in a response header.
    case header
    /// The default answer (JSON or SSE) with the key in its text.
    case answer

    /// The key a request carried: the `Authorization: Bearer` token or `x-api-key`.
    static func credential(in headers: [(name: String, value: String)]) -> String {
        for header in headers {
            switch header.name.lowercased() {
            case "authorization" where header.value.hasPrefix("Bearer "): return String(header.value.dropFirst(7))
            case "x-api-key": return header.value
            default: continue
            }
        }
        return ""
    }
}

extension FakeReplyRenderer {
    func echoResponse(_ place: CredentialEcho) -> Response {
        let key = credential
        switch place {
        case .error:
            return errorResponse(status: 401, type: key, message: "Incorrect API key provided: \(key).", code: key)
        case .streamError:
            let error: String
            switch route {
            case .openAIChat:
                error = #"data: {"error":{"message":"key \#(key) was refused","type":"\#(key)","code":"\#(key)"}}"# + "\n\n"
            case .anthropicMessages:
                error = "event: error\n" + #"data: {"type":"error","error":{"type":"\#(key)","message":"key \#(key) was refused"}}"# + "\n\n"
            }
            return Response(status: .ok, headers: baseHeaders(contentType: "text/event-stream"),
                            body: .init(byteBuffer: ByteBuffer(bytes: (answer.eventBytes.first ?? []) + Array(error.utf8))))
        case .header:
            var response = answerResponse(echoing: nil)
            response.headers[HTTPField.Name("x-echoed-key")!] = key
            return response
        case .answer:
            return answerResponse(echoing: key)
        }
    }

    /// The default answer, whole, with `key` after its `echo:`.
    private func answerResponse(echoing key: String?) -> Response {
        var bytes = answer.stream ? answer.streamBytes : answer.jsonBody
        if let key, let range = bytes.firstRange(of: Array("echo:".utf8)) {
            bytes.replaceSubrange(range, with: Array("echo: \(key)".utf8))
        }
        return Response(status: .ok, headers: baseHeaders(contentType: answer.stream ? "text/event-stream" : "application/json"),
                        body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
