@testable import aigw
import AIGateway
import Testing

@Suite struct FollowedTailTests {
    @Test func followPrintsEachRecordOnceAndNothingTheFirstPageLeftOut() {
        let first = RequestLogCursor(timeMs: 10_000, writer: 1, sequence: 0)
        var tail = FollowedTail(floor: first)
        let older = tail.see(RequestLogCursor(timeMs: 9_000, writer: 1, sequence: 0))
        #expect(!older, "older than the first page: left out for good")
        let new = tail.see(RequestLogCursor(timeMs: 11_000, writer: 1, sequence: 0))
        #expect(new)
        let again = tail.see(RequestLogCursor(timeMs: 11_000, writer: 1, sequence: 0))
        #expect(!again, "a rescanned record is not printed twice")
        // Another writer's record, committed late but keyed before the newest one printed.
        let late = tail.see(RequestLogCursor(timeMs: 10_500, writer: 2, sequence: 0))
        #expect(late)
        #expect(tail.resumeAfter.map { $0.timeMs < 11_000 - FollowedTail.windowMs } == true, "the next poll rescans the window")
    }
}
