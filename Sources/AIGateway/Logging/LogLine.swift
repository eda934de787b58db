import Foundation
import Logging

/// One log event with everything merged, ready for a handler to render in its shape.
public struct LogLine: Sendable {
    var time: Date
    var level: Logger.Level
    var message: String
    var label: String
    /// Handler metadata, then the metadata provider's, then the call's: later wins.
    var metadata: Logger.Metadata

    init(
        time: Date,
        level: Logger.Level,
        message: String,
        label: String,
        handlerMetadata: Logger.Metadata = [:],
        provider: Logger.MetadataProvider? = nil,
        eventMetadata: Logger.Metadata? = nil
    ) {
        self.time = time
        self.level = level
        self.message = message
        self.label = label
        // Usually only the call has metadata: it is taken as it is, without a merge.
        guard !handlerMetadata.isEmpty || provider != nil else {
            self.metadata = eventMetadata ?? [:]
            return
        }
        var metadata = handlerMetadata
        if let provided = provider?.get() { metadata.merge(provided) { $1 } }
        if let eventMetadata { metadata.merge(eventMetadata) { $1 } }
        self.metadata = metadata
    }

    /// Nested dictionaries become dotted keys (`a: [b: x]` → `a.b`), so both shapes are flat.
    var flatMetadata: [(key: String, value: Logger.MetadataValue)] {
        var flat: [(key: String, value: Logger.MetadataValue)] = []
        func visit(_ prefix: String, _ value: Logger.MetadataValue) {
            if case .dictionary(let nested) = value {
                for (key, inner) in nested { visit(prefix + "." + key, inner) }
            } else {
                flat.append((prefix, value))
            }
        }
        for (key, value) in metadata { visit(key, value) }
        return flat.sorted { $0.key < $1.key }
    }

    /// ``flatMetadata`` by key, unsorted: the metadata itself when nothing is nested.
    var flatMetadataByKey: Logger.Metadata {
        let nested = metadata.values.contains { value in
            if case .dictionary = value { true } else { false }
        }
        guard nested else { return metadata }
        return Dictionary(flatMetadata, uniquingKeysWith: { $1 })
    }
}
