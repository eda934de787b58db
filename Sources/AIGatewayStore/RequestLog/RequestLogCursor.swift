import AIGatewayCore

/// A record's position in the request log, and its stored key: 8-byte big-endian Unix
/// milliseconds, a 4-byte writer id, a 4-byte big-endian sequence number.
///
/// Time first, so keys sort by time: `--since` is a range scan, `--follow` resumes after the last
/// cursor it printed, and retention deletes from the front. The time is the request's own
/// (``RequestLogEntry/timeMs``), raised to the writer's previous key time when a request that
/// finished earlier is queued later, so within one writer a flush only ever appends after
/// everything flushed before, and a key's time is never before its request's. The writer id (random per ``RequestLog``) keeps two
/// gateways on one store from overwriting each other's records in the same millisecond.
public struct RequestLogCursor: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var timeMs: Int64
    public var writer: UInt32
    public var sequence: UInt32

    public init(timeMs: Int64, writer: UInt32 = 0, sequence: UInt32 = 0) {
        self.timeMs = timeMs
        self.writer = writer
        self.sequence = sequence
    }

    static let byteCount = 16

    var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(Self.byteCount)
        // Offset so that times before 1970 still sort below later ones as unsigned bytes.
        appendBigEndian(UInt64(bitPattern: timeMs) ^ (1 << 63), to: &out)
        appendBigEndian(writer, to: &out)
        appendBigEndian(sequence, to: &out)
        return out
    }

    init?(bytes: UnsafeRawBufferPointer) {
        guard bytes.count == Self.byteCount else { return nil }
        timeMs = Int64(bitPattern: readBigEndian(bytes, at: 0, as: UInt64.self) ^ (1 << 63))
        writer = readBigEndian(bytes, at: 8, as: UInt32.self)
        sequence = readBigEndian(bytes, at: 12, as: UInt32.self)
    }

    /// 32 hex digits, the form the HTTP API and `aigw logs --json` use.
    public var description: String { Hex.encode(bytes) }

    /// Parses ``description``.
    public init?(hex: String) {
        guard let bytes = Hex.decode(hex, count: Self.byteCount),
              let cursor = bytes.withUnsafeBytes({ RequestLogCursor(bytes: $0) }) else { return nil }
        self = cursor
    }

    public static func < (lhs: RequestLogCursor, rhs: RequestLogCursor) -> Bool {
        (lhs.timeMs, lhs.writer, lhs.sequence) < (rhs.timeMs, rhs.writer, rhs.sequence)
    }
}
