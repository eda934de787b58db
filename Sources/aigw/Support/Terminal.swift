#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AIGateway
import Foundation

/// Output helpers shared by the commands.
enum Terminal {
    static func printError(_ message: String) {
        LogSink.flushStandardStreams()
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    /// Whether stderr is a terminal, so progress lines are worth drawing.
    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    /// Reads a whole file, or standard input for nil or "-".
    static func readInput(_ path: String?) throws -> [UInt8] {
        if let path, path != "-" {
            guard let data = FileManager.default.contents(atPath: path) else {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                    throw CLIError(isDirectory.boolValue ? "\(path) is a directory" : "cannot read \(path)")
                }
                throw CLIError("no such file: \(path)")
            }
            return [UInt8](data)
        }
        return [UInt8](FileHandle.standardInput.readDataToEndOfFile())
    }

    /// Pads columns to a common width; the first row is the header. Rows may be shorter or
    /// longer than others (a trailing note on some lines).
    static func table(_ rows: [[String]], rightAligned: Set<Int> = []) -> String {
        guard !rows.isEmpty else { return "" }
        var widths = Array(repeating: 0, count: rows.map(\.count).max() ?? 0)
        for row in rows {
            for (index, cell) in row.enumerated() {
                widths[index] = max(widths[index], cell.count)
            }
        }
        return rows.map { row in
            row.enumerated().map { index, cell in
                let padding = String(repeating: " ", count: max(0, widths[index] - cell.count))
                if index == row.count - 1 && !rightAligned.contains(index) { return cell }
                return rightAligned.contains(index) ? padding + cell : cell + padding
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// Encodes a value as stable JSON (sorted keys) for `--json` output.
    static func printJSON(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        print(String(decoding: data, as: UTF8.self))
    }
}

extension Terminal {
    /// Rewrites the current stderr line (for progress on a terminal).
    static func printErrorInPlace(_ message: String) {
        LogSink.flushStandardStreams()
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + message).utf8))
    }
}
