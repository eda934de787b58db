import AIGateway
import Foundation

/// canonicalize+hash versus the naive way (Foundation parse, sorted-keys re-serialization,
/// hash), on the same bodies, alternating rounds so both see the same machine load.
enum CanonicalizationBenchmark {
    static func run(rounds: Int) throws -> String {
        var lines = [
            "| request | bytes | aigw canonicalize+hash | naive (JSONSerialization + sortedKeys + hash) | speed-up |",
            "|---|---:|---:|---:|---:|",
        ]
        for (label, target) in [("1 KB", 1_024), ("8 KB", 8_192), ("64 KB", 65_536)] {
            let body = RequestCorpus.openAIChat(targetBytes: target)
            let data = Data(body)
            var ours = [Double]()
            var naive = [Double]()
            for _ in 0..<rounds {
                ours.append(try Measure.nanosPerCall { blackHole(try keyTheGatewayWay(body)) })
                naive.append(try Measure.nanosPerCall { blackHole(try keyTheNaiveWay(data)) })
            }
            let oursMBps = Double(body.count) / Measure.median(ours) * 1e3
            let naiveMBps = Double(body.count) / Measure.median(naive) * 1e3
            lines.append("| \(label) | \(body.count) | \(format(oursMBps)) MB/s (\(format(Measure.median(ours) / 1e3, decimals: 2)) µs) | \(format(naiveMBps)) MB/s (\(format(Measure.median(naive) / 1e3, decimals: 2)) µs) | \(format(oursMBps / naiveMBps))× |")
        }
        return lines.joined(separator: "\n")
    }

    @inline(never)
    static func keyTheGatewayWay(_ body: [UInt8]) throws -> CacheKey {
        let request = try Canonicalizer.canonicalize(body: body, provider: .openai)
        return KeyDocument(request: request, scope: .tenant("bench")).key
    }

    @inline(never)
    static func keyTheNaiveWay(_ data: Data) throws -> CacheKey {
        let object = try JSONSerialization.jsonObject(with: data)
        let sorted = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return CacheKey(hashing: [UInt8](sorted))
    }
}
