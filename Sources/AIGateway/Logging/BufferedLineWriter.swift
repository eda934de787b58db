import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes lines to a file descriptor in batches: a busy gateway logs a line per request, and one
/// `write(2)` per line was a measurable share of a cache hit's CPU.
///
/// A line waits at most ``maxDelay`` (a batch is written when it reaches ``capacity`` bytes, or
/// when the delay has passed), and whatever is buffered is written at exit (`atexit`) and on
/// ``flush()``. What a crash loses is at most that last fraction of a second of lines; the
/// request log in the store is the record of requests, not these lines.
final class BufferedLineWriter: Sendable {
    static let capacity = 32 * 1024
    static let maxDelay: DispatchTimeInterval = .milliseconds(20)

    private struct Pending {
        var bytes: [UInt8] = []
        var flushScheduled = false
    }

    private let descriptor: Int32
    private let pending = Mutex(Pending())
    /// Held while a batch is taken and written, so batches reach the descriptor in order.
    private let writing = Mutex(())

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Appends `line` and a newline; writes the batch at once when it is full.
    func write(_ line: String) {
        write(line.utf8)
    }

    /// Appends `line` (UTF-8) and a newline; writes the batch at once when it is full.
    func write(_ line: some Collection<UInt8>) {
        let (full, schedule) = pending.withLock { pending -> (Bool, Bool) in
            if pending.bytes.capacity == 0 { pending.bytes.reserveCapacity(Self.capacity + 1024) }
            pending.bytes.append(contentsOf: line)
            pending.bytes.append(UInt8(ascii: "\n"))
            let full = pending.bytes.count >= Self.capacity
            let schedule = !full && !pending.flushScheduled
            if schedule { pending.flushScheduled = true }
            return (full, schedule)
        }
        if full {
            flush()
        } else if schedule {
            DispatchQueue.global().asyncAfter(deadline: .now() + Self.maxDelay) { self.flush() }
        }
    }

    /// Writes whatever is buffered.
    func flush() {
        writing.withLock { _ in
            let batch = pending.withLock { pending -> [UInt8] in
                pending.flushScheduled = false
                guard !pending.bytes.isEmpty else { return [] }
                var batch: [UInt8] = []
                batch.reserveCapacity(Self.capacity + 1024)
                swap(&batch, &pending.bytes)
                return batch
            }
            Self.writeAll(batch, to: descriptor)
        }
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }

    /// Standard error and standard output, flushed at exit.
    static let standardError = BufferedLineWriter.flushedAtExit(descriptor: 2)
    static let standardOutput = BufferedLineWriter.flushedAtExit(descriptor: 1)

    private static func flushedAtExit(descriptor: Int32) -> BufferedLineWriter {
        let writer = BufferedLineWriter(descriptor: descriptor)
        Self.registerExitFlush
        return writer
    }

    private static let registerExitFlush: Void = {
        atexit { BufferedLineWriter.flushStandardStreams() }
    }()

    static func flushStandardStreams() {
        standardError.flush()
        standardOutput.flush()
    }
}

/// `write(2)`, named apart from ``BufferedLineWriter/write(_:)``, which shadows it inside the type.
@inline(__always)
private func systemWrite(_ descriptor: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, pointer, count)
}
