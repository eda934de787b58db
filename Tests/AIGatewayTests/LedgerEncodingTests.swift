@testable import AIGateway
@testable import AIGatewayStore
import Foundation
import Testing

@Suite struct LedgerEncodingTests {
    @Test func keyRoundTripsAndSortsByDayFirst() {
        let key = LedgerKey(day: "2026-11-29", tenant: "acme", user: "ünïcode", agent: "bot", model: "gpt-4o-mini", provider: "openai")
        let decoded = key.encoded.withUnsafeBytes { LedgerKey(encoded: $0) }
        #expect(decoded == key)
        let later = LedgerKey(day: "2026-11-30", tenant: "a")
        let earlierLongTenant = LedgerKey(day: "2026-11-29", tenant: String(repeating: "z", count: 90))
        #expect(earlierLongTenant.encoded.lexicographicallyPrecedes(later.encoded))
        #expect(key.encoded.starts(with: LedgerKey.prefix(day: "2026-11-29", tenant: "acme")))
    }

    @Test func overLongFieldsAreCutAtACharacterBoundaryWithinLMDBsKeyLimit() {
        let long = String(repeating: "é", count: 400)
        let key = LedgerKey(day: "2026-11-29", tenant: long, user: long, agent: long, model: long, provider: long)
        #expect(key.encoded.count <= 511)
        let decoded = key.encoded.withUnsafeBytes { LedgerKey(encoded: $0) }
        #expect(decoded?.tenant == String(repeating: "é", count: 48))
    }

    @Test func countersRoundTripWithVersionAndIgnoreAppendedFields() {
        var counters = LedgerCounters()
        counters.requests = 3
        counters.spend = USD(picodollars: -12)
        counters.saved = USD(picodollars: .max)
        counters.unknownCostRequests = 9
        let bytes = counters.encoded
        #expect(bytes.count == 2 + 8 * 13)
        #expect(bytes[0] == 1)
        #expect(bytes.withUnsafeBytes { LedgerCounters(encoded: $0) } == counters)

        var extended = bytes
        extended[1] = 14
        extended += [UInt8](repeating: 7, count: 8)
        #expect(extended.withUnsafeBytes { LedgerCounters(encoded: $0) } == counters)

        var newer = bytes
        newer[0] = 2
        #expect(newer.withUnsafeBytes { LedgerCounters(encoded: $0) } == nil)
        #expect(Array(bytes.prefix(20)).withUnsafeBytes { LedgerCounters(encoded: $0) } == nil)
    }

    @Test func countersCodeMoneyAsIntegerPicodollars() throws {
        var counters = LedgerCounters()
        counters.spend = USD(picodollars: 135_000_001)
        let json = try JSONEncoder().encode(counters)
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(object["spend_picodollars"] as? Int == 135_000_001)
        #expect(try JSONDecoder().decode(LedgerCounters.self, from: json) == counters)
    }

    @Test func dayIsTheUTCCalendarDay() {
        #expect(LedgerKey.day(of: Date(timeIntervalSince1970: 0)) == "1970-01-01")
        #expect(LedgerKey.day(of: Date(timeIntervalSince1970: 1_795_996_799.999)) == "2026-11-29")
        #expect(LedgerKey.day(of: Date(timeIntervalSince1970: 1_795_996_800)) == "2026-11-30")
        #expect(LedgerKey.day(of: Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29")
        #expect(LedgerKey.day(of: Date(timeIntervalSince1970: -1)) == "1969-12-31")
        #expect(UTCDate(millisecondsSince1970: 1_795_946_400_123).timestamp == "2026-11-29T10:00:00.123Z")
        #expect(UTCDate(millisecondsSince1970: 0).timestamp == "1970-01-01T00:00:00.000Z")
        #expect(UTCDate(millisecondsSince1970: -1).timestamp == "1969-12-31T23:59:59.999Z")
        // Past year 9999 the year is written in full rather than cut.
        #expect(UTCDate(millisecondsSince1970: 253_402_300_800_007).timestamp == "10000-01-01T00:00:00.007Z")
        #expect(UTCDate(millisecondsSince1970: 253_402_300_800_007).dayString == "10000-01-01")
    }

    /// The server's `Date` header on hits answered on the event loop; Hummingbird writes the same
    /// format on every other answer.
    @Test func httpDateIsTheIMFFixdate() {
        #expect(HTTPDate.string(secondsSince1970: 0) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(HTTPDate.string(secondsSince1970: -1) == "Wed, 31 Dec 1969 23:59:59 GMT")
        #expect(HTTPDate.string(secondsSince1970: 951_782_400) == "Tue, 29 Feb 2000 00:00:00 GMT")
        #expect(HTTPDate.string(secondsSince1970: 1_795_975_716) == "Sun, 29 Nov 2026 18:08:36 GMT")
        // Every weekday and month name, against Foundation's formatter.
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        for day in stride(from: Int64(19_000), to: 19_400, by: 1) {
            let seconds = day * 86_400 + day * 37 % 86_400
            #expect(HTTPDate.string(secondsSince1970: seconds) == formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds))))
        }
    }

    @Test func aStoredRowOfANewerFormatIsLeftUntouched() throws {
        try withTemporaryDirectory { path in
            let ledger = try UsageLedger(storePath: path)
            defer { ledger.close() }
            let key = LedgerKey(day: "2026-11-29", tenant: "acme", model: "m", provider: "openai")
            let foreign: [UInt8] = [9, 1, 2, 3]
            try ledger.environment.withTransaction(.write) { (txn) throws(LMDBError) in
                try txn.put(ledger.database, key: key.encoded, value: foreign)
            }
            ledger.record(LedgerEvent(time: Date(timeIntervalSince1970: 1_795_946_400), tenant: "acme", model: "m", provider: "openai", cache: .miss, cost: .zero))
            #expect(try ledger.flush() == 0)
            let stored = try ledger.environment.withTransaction(.read) { (txn) throws(LMDBError) in
                try txn.get(ledger.database, key: key.encoded)
            }
            #expect(stored == foreign)
        }
    }
}
