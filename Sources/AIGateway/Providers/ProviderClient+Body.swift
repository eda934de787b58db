import AsyncHTTPClient
import NIOCore

/// A body that did not fit the limit; ``ProviderClient/readBody(_:limit:truncating:until:)``
/// throws it so the caller can say which limit.
struct BodyTooLarge: Error {}

/// The deadline passed while a body was still arriving.
struct BodyDeadlineExceeded: Error {}

extension ProviderClient {
    /// Reads a whole non-stream body within the call's deadline. A body cut short is a failed
    /// attempt worth retrying: nothing has reached the caller yet.
    static func collect(
        _ body: HTTPClientResponse.Body,
        upTo maxBytes: Int,
        until deadline: ContinuousClock.Instant,
        request: UpstreamRequest,
        attempt: Int
    ) async throws -> [UInt8] {
        do {
            return try await readBody(body, limit: maxBytes, truncating: false, until: deadline)
        } catch is BodyTooLarge {
            let error = GatewayError(.invalidResponse, provider: request.provider, requestId: request.requestId,
                                     message: "response body larger than \(maxBytes) bytes", attempts: attempt)
            throw AttemptFailure(error: error, retryable: false)
        } catch is BodyDeadlineExceeded {
            let error = GatewayError(.timeout, provider: request.provider, requestId: request.requestId,
                                     message: "response body still arriving at the deadline", attempts: attempt)
            throw AttemptFailure(error: error, retryable: false)
        } catch {
            if error is CancellationError || Task.isCancelled { throw CancellationError() }
            let failure = GatewayError(.streamInterrupted, provider: request.provider, requestId: request.requestId,
                                       message: "connection lost while reading the response body: \(error)", attempts: attempt)
            throw AttemptFailure(error: failure, retryable: true)
        }
    }

    /// Reads `body` up to `limit` bytes, racing the deadline. With `truncating` the rest is
    /// dropped (and the request cancelled); without, a longer body throws ``BodyTooLarge``.
    static func readBody(
        _ body: HTTPClientResponse.Body,
        limit: Int,
        truncating: Bool,
        until deadline: ContinuousClock.Instant
    ) async throws -> [UInt8] {
        try await withThrowingTaskGroup(of: [UInt8].self) { group in
            group.addTask {
                var bytes: [UInt8] = []
                for try await buffer in body {
                    let room = limit - bytes.count
                    if buffer.readableBytes > room {
                        guard truncating else { throw BodyTooLarge() }
                        bytes += buffer.readableBytesView.prefix(room)
                        break
                    }
                    bytes += buffer.readableBytesView
                }
                return bytes
            }
            group.addTask {
                try await Task.sleep(until: deadline, clock: .continuous)
                throw BodyDeadlineExceeded()
            }
            defer { group.cancelAll() }
            guard let bytes = try await group.next() else { return [] }
            return bytes
        }
    }
}
