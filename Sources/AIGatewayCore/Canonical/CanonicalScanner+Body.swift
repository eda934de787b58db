#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The request object: the provider rules of `OpenAIChatRules` and `AnthropicMessagesRules`,
/// applied to the recorded top-level members instead of a tree. Whatever they would reject,
/// or a rare case (both `max_tokens` and `max_completion_tokens`), falls back.
extension CanonicalScanner {
    struct Body {
        var bytes: [UInt8]
        var model: String
        var wantsStream: Bool
        var wantsStreamUsage: Bool
    }

    static let openAIPaths = PathTable(OpenAIChatRules.structure)
    static let anthropicPaths = PathTable(AnthropicMessagesRules.structure)

    /// The canonical body, or nil when the reference path must decide.
    static func canonicalBody(_ body: [UInt8], provider: Provider, limits: JSONLimits) -> Body? {
        guard !body.isEmpty, body.count <= min(limits.maxBytes, Int(UInt32.max)), limits.maxDepth > 0 else { return nil }
        return body.withUnsafeBufferPointer { buffer in
            var scanner = CanonicalScanner(
                base: buffer.baseAddress!,
                count: buffer.count,
                maxDepth: limits.maxDepth,
                paths: provider == .openai ? openAIPaths : anthropicPaths,
                dropsCacheControl: provider == .anthropic
            )
            defer { scanner.deallocate() }
            return try? scanner.scanBody(provider: provider)
        }
    }

    private mutating func scanBody(provider: Provider) throws(Fallback) -> Body {
        skipWhitespace()
        guard peek() == UInt8(ascii: "{") else { throw Fallback() }
        index += 1
        skipWhitespace()
        guard peek() != UInt8(ascii: "}") else { throw Fallback() }
        _ = try scanMembers(live: Live(set: paths.all, depth: 0), depth: 0, writesCommas: false, checksMessages: true)
        skipWhitespace()
        guard index == count else { throw Fallback() }
        try sortMembers(from: 0, to: members.count)

        // Rule lookups see only members whose value is not null, as the rules do.
        guard let model = find("model"), out[members[model].valueStart] == UInt8(ascii: "\""),
            members[model].end - members[model].valueStart > 2
        else { throw Fallback() }
        guard let messages = find("messages"), out[members[messages].valueStart] == UInt8(ascii: "[") else {
            throw Fallback()
        }
        var wantsStream = false
        if let stream = find("stream") {
            if valueIs(stream, "true") {
                wantsStream = true
            } else if !valueIs(stream, "false") {
                throw Fallback()
            }
        }
        var wantsStreamUsage = false
        switch provider {
        case .openai:
            wantsStreamUsage = try streamUsageFlag()
            try applyOpenAIRules()
        case .anthropic:
            applyAnthropicRules()
        }
        return Body(bytes: assemble(), model: try modelString(model), wantsStream: wantsStream,
                    wantsStreamUsage: wantsStreamUsage)
    }

    private mutating func applyOpenAIRules() throws(Fallback) {
        drop(OpenAIChatRules.droppedFields)
        if let maxTokens = find("max_tokens") {
            guard find("max_completion_tokens") == nil else { throw Fallback() }
            let renamed: StaticString = "max_completion_tokens"
            members[maxTokens].keyOffset = keys.count
            members[maxTokens].keyCount = renamed.utf8CodeUnitCount
            members[maxTokens].keyInArena = true
            members[maxTokens].keyPrefix = Self.prefix(renamed.utf8Start, count: renamed.utf8CodeUnitCount, readable: renamed.utf8CodeUnitCount)
            members[maxTokens].action = .renamed
            keys.append(renamed)
            try sortMembers(from: 0, to: members.count)
        }
        let hasTools = find("tools").map { tools in
            out[members[tools].valueStart] == UInt8(ascii: "[") && !valueIs(tools, "[]")
        } ?? false
        dropDefault("temperature", "1")
        dropDefault("top_p", "1")
        dropDefault("n", "1")
        dropDefault("presence_penalty", "0")
        dropDefault("frequency_penalty", "0")
        dropDefault("logprobs", "false")
        if hasTools {
            dropDefault("parallel_tool_calls", "true")
            dropDefault("tool_choice", #""auto""#)
        } else {
            dropDefault("tool_choice", #""none""#)
        }
        if let stop = find("stop") { replaceWithStringSet(stop, stringIsOneElement: true) }
    }

    private mutating func applyAnthropicRules() {
        drop(AnthropicMessagesRules.droppedFields)
        dropDefault("temperature", "1")
        if let stop = find("stop_sequences") { replaceWithStringSet(stop, stringIsOneElement: false) }
    }

    /// The kept member named `name`.
    private func find(_ name: StaticString) -> Int? {
        for position in 0..<members.count where members[position].kept && key(of: members[position], is: name) {
            return position
        }
        return nil
    }

    private func valueIs(_ member: Int, _ text: StaticString) -> Bool {
        out.slice(members[member].valueStart, members[member].end, equals: text)
    }

    private mutating func drop(_ names: [JSONString]) {
        for position in 0..<members.count where members[position].kept {
            let member = members[position]
            let bytes = keyBytes(member)
            for name in names where name.utf8Count == member.keyCount {
                let same = name.withUTF8 { name in memcmp(name.baseAddress!, bytes, member.keyCount) == 0 }
                if same { members[position].kept = false }
            }
        }
    }

    /// Drops a member whose value is the API's default: canonical text is one per value, so
    /// equal text is an equal value.
    private mutating func dropDefault(_ name: StaticString, _ defaultText: StaticString) {
        if let member = find(name), valueIs(member, defaultText) { members[member].kept = false }
    }

    /// `stop` and `stop_sequences` are sets: sorted by bytes, without duplicates. The value is
    /// small, so the reference code (parse, `stringSet`, write) does the work on its
    /// canonical text.
    private mutating func replaceWithStringSet(_ member: Int, stringIsOneElement: Bool) {
        let start = members[member].valueStart
        let end = members[member].end
        let text = Array(UnsafeBufferPointer(start: out.base + start, count: end - start))
        if text.first == UInt8(ascii: "\"") {
            guard stringIsOneElement else { return }
            replacement = [UInt8(ascii: "[")] + text + [UInt8(ascii: "]")]
        } else {
            guard let value = try? JSONParser.parse(text), let set = value.stringSet else { return }
            replacement = JSONWriter.minified(set)
        }
        members[member].action = .replaced
    }

    /// `stream_options.include_usage`, read before `stream_options` is dropped; a small object,
    /// so the reference rule reads its canonical text.
    private func streamUsageFlag() throws(Fallback) -> Bool {
        guard let options = find("stream_options") else { return false }
        let start = members[options].valueStart
        let text = Array(UnsafeBufferPointer(start: out.base + start, count: members[options].end - start))
        guard let value = try? JSONParser.parse(text), let flag = try? OpenAIChatRules.streamUsageFlag(in: value) else {
            throw Fallback()
        }
        return flag
    }

    private func modelString(_ member: Int) throws(Fallback) -> String {
        let start = members[member].valueStart
        let text = UnsafeBufferPointer(start: out.base + start, count: members[member].end - start)
        if !text.contains(UInt8(ascii: "\\")) {
            return String(decoding: UnsafeBufferPointer(rebasing: text.dropFirst().dropLast()), as: UTF8.self)
        }
        guard let model = (try? JSONParser.parse(Array(text)))?.stringValue else { throw Fallback() }
        return model
    }

    /// `{`, the kept members in key order, `}`, in one exactly sized array.
    private func assemble() -> [UInt8] {
        let renamed: StaticString = #""max_completion_tokens":"#
        var total = 2
        for position in 0..<members.count where members[position].kept {
            let member = members[position]
            total += 1
            total += member.action == .renamed ? renamed.utf8CodeUnitCount : member.valueStart - member.start
            total += member.action == .replaced ? replacement.count : member.end - member.valueStart
        }
        return [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
            var cursor = buffer.baseAddress!
            func copy(_ source: UnsafePointer<UInt8>, _ length: Int) {
                cursor.update(from: source, count: length)
                cursor += length
            }
            cursor.pointee = UInt8(ascii: "{")
            cursor += 1
            var wroteOne = false
            for position in 0..<members.count where members[position].kept {
                let member = members[position]
                if wroteOne {
                    cursor.pointee = UInt8(ascii: ",")
                    cursor += 1
                }
                wroteOne = true
                if member.action == .renamed {
                    copy(renamed.utf8Start, renamed.utf8CodeUnitCount)
                } else {
                    copy(out.base + member.start, member.valueStart - member.start)
                }
                if member.action == .replaced {
                    replacement.withUnsafeBufferPointer { copy($0.baseAddress!, $0.count) }
                } else {
                    copy(out.base + member.valueStart, member.end - member.valueStart)
                }
            }
            cursor.pointee = UInt8(ascii: "}")
            cursor += 1
            initialized = cursor - buffer.baseAddress!
        }
    }
}
