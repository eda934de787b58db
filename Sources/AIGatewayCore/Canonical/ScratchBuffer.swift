#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A growable buffer of plain values that the canonical scanner owns for one call.
///
/// `Array` checks uniqueness and bounds on every append, which costs more than the work
/// itself when the scanner appends byte by byte; this one is a pointer, a count and a
/// capacity. The owner must call `deallocate()` exactly once.
struct ScratchBuffer<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>
    var count = 0
    private(set) var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    func deallocate() {
        base.deallocate()
    }

    @inline(__always)
    mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private mutating func grow(to needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    mutating func append(_ element: Element) {
        if count == capacity { grow(to: count + 1) }
        base[count] = element
        count += 1
    }

    @inline(__always)
    mutating func append(_ source: UnsafePointer<Element>, count length: Int) {
        reserve(length)
        (base + count).update(from: source, count: length)
        count += length
    }

    @inline(__always)
    subscript(index: Int) -> Element {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }
}

extension ScratchBuffer<UInt8> {
    /// Appends `length` bytes. Most copies are a key or a short value, where a call to
    /// `memcpy` costs more than the copy: up to 16 bytes are moved as two overlapping words.
    @inline(__always)
    mutating func appendBytes(_ source: UnsafePointer<UInt8>, count length: Int) {
        reserve(length)
        let from = UnsafeRawPointer(source)
        let to = UnsafeMutableRawPointer(base + count)
        if length >= 8 && length <= 16 {
            let head = from.loadUnaligned(as: UInt64.self)
            let tail = from.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
            to.storeBytes(of: head, as: UInt64.self)
            to.storeBytes(of: tail, toByteOffset: length - 8, as: UInt64.self)
        } else if length >= 4 && length < 8 {
            let head = from.loadUnaligned(as: UInt32.self)
            let tail = from.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self)
            to.storeBytes(of: head, as: UInt32.self)
            to.storeBytes(of: tail, toByteOffset: length - 4, as: UInt32.self)
        } else if length < 4 {
            for offset in 0..<length { to.storeBytes(of: source[offset], toByteOffset: offset, as: UInt8.self) }
        } else {
            to.copyMemory(from: from, byteCount: length)
        }
        count += length
    }

    @inline(__always)
    mutating func append(_ text: StaticString) {
        appendBytes(text.utf8Start, count: text.utf8CodeUnitCount)
    }

    /// Whether bytes `start..<end` are exactly `text`.
    func slice(_ start: Int, _ end: Int, equals text: [UInt8]) -> Bool {
        end - start == text.count
            && text.withUnsafeBufferPointer { text in text.isEmpty || memcmp(base + start, text.baseAddress!, text.count) == 0 }
    }

    /// Whether bytes `start..<end` are exactly `text`.
    @inline(__always)
    func slice(_ start: Int, _ end: Int, equals text: StaticString) -> Bool {
        end - start == text.utf8CodeUnitCount
            && (end == start || memcmp(base + start, text.utf8Start, end - start) == 0)
    }
}
