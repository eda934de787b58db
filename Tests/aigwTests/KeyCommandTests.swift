import Foundation
import Testing

@Suite struct KeyCommandTests {
    let minified = #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"temperature":0.7}"#
    let pretty = "{\r\n  \"temperature\": 7e-1,\r\n  \"messages\": [ { \"content\": [{\"type\":\"text\",\"text\":\"hi\"}], \"role\": \"user\" } ],\r\n  \"model\": \"gpt-4o-mini\"\r\n}\r\n"

    @Test func printsTheKeyOnALineOfItsOwnAndTheCanonicalForm() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("a.json", minified)
        let result = try CLIRunner.run(["key", file])
        #expect(result.status == 0, "\(result.stderr)")
        let keyLine = result.stdout.split(separator: "\n").first { $0.hasPrefix("key: ") }
        let key = try #require(keyLine).dropFirst("key: ".count)
        #expect(key.count == 32)
        #expect(key.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(result.stdout.contains("provider: openai"))
        #expect(result.stdout.contains("\"gpt-4o-mini\""))
    }

    @Test func readsStandardInputAndAgreesWithTheFileForm() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("a.json", minified)
        let fromFile = try CLIRunner.run(["key", file, "--json"])
        let fromStdin = try CLIRunner.run(["key", "--json"], stdin: Array(pretty.utf8))
        #expect(fromFile.status == 0 && fromStdin.status == 0, "\(fromFile.stderr) \(fromStdin.stderr)")
        #expect(try jsonField("key", fromFile.stdout) == jsonField("key", fromStdin.stdout))
    }

    @Test func tenantChangesTheKey() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("a.json", minified)
        let first = try CLIRunner.run(["key", file, "--tenant", "t1", "--json"])
        let second = try CLIRunner.run(["key", file, "--tenant", "t2", "--json"])
        #expect(try jsonField("key", first.stdout) != jsonField("key", second.stdout))
    }

    @Test func diffSaysWhenTwoRequestsShareAKey() throws {
        let directory = try TemporaryDirectory()
        let a = try directory.write("a.json", minified)
        let b = try directory.write("b.json", pretty)
        let result = try CLIRunner.run(["key", "--diff", a, b])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("same key: "))
    }

    @Test func diffNamesTheFirstCanonicalDifference() throws {
        let directory = try TemporaryDirectory()
        let a = try directory.write("a.json", minified)
        let b = try directory.write("b.json", minified.replacingOccurrences(of: "\"hi\"", with: "\"hi \""))
        let result = try CLIRunner.run(["key", "--diff", a, b])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("different keys"))
        #expect(result.stdout.contains("messages[0]"))
        #expect(result.stdout.contains("\"hi \""))
    }

    @Test func malformedJSONNamesTheOffsetAndFails() throws {
        let result = try CLIRunner.run(["key", "--provider", "openai"], stdin: Array(#"{"model":"m","messages":[}"#.utf8))
        #expect(result.status != 0)
        #expect(result.stderr.contains("byte"))
    }

    @Test func duplicateKeysAreNotCacheableAndSaySo() throws {
        let body = #"{"model":"gpt-4o","model":"gpt-4o-mini","messages":[]}"#
        let result = try CLIRunner.run(["key", "--provider", "openai"], stdin: Array(body.utf8))
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot be cached"))
    }

    @Test func anthropicBodyIsInferredAndHeadersCount() throws {
        let body = #"{"model":"claude-3-5-haiku-latest","max_tokens":100,"system":"S","messages":[{"role":"user","content":"hi"}]}"#
        let plain = try CLIRunner.run(["key", "--json"], stdin: Array(body.utf8))
        let beta = try CLIRunner.run(["key", "--json", "--header", "anthropic-beta: X"], stdin: Array(body.utf8))
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(try jsonField("provider", plain.stdout) == "anthropic")
        #expect(try jsonField("key", plain.stdout) != jsonField("key", beta.stdout))
    }

    @Test func missingFileIsAClearError() throws {
        let result = try CLIRunner.run(["key", "/nonexistent/request.json"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("no such file"))
    }

    private func jsonField(_ name: String, _ text: String) throws -> String? {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        return object?[name] as? String
    }
}
