import Dashboard
import Foundation
import Testing

@Suite("Format")
struct FormatTests {
    @Test func countdowns() {
        #expect(Format.countdown(299.7) == "4:59")
        #expect(Format.countdown(3723) == "1:02:03")
        #expect(Format.countdown(0) == "expired")
        #expect(Format.countdown(-5) == "expired")
    }

    @Test func ages() {
        #expect(Format.age(12) == "12s")
        #expect(Format.age(125) == "2m")
        #expect(Format.age(7200) == "2h")
        #expect(Format.coarseAge(7) == "7s")
        #expect(Format.coarseAge(19.9) == "10s")
        #expect(Format.coarseAge(59) == "50s")
        #expect(Format.coarseAge(125) == "2m")
    }

    @Test func milliseconds() {
        #expect(Format.milliseconds(0.84) == "0.8 ms")
        #expect(Format.milliseconds(12.4) == "12 ms")
        #expect(Format.milliseconds(1250) == "1.25 s")
        #expect(Format.milliseconds(nil) == "—")
    }

    @Test func clockInZone() {
        let date = Date(timeIntervalSince1970: 3600 * 5 + 60 * 7 + 9)
        #expect(Format.time(date, in: TimeZone(identifier: "UTC")!) == "05:07:09")
        #expect(Format.clock(date, in: TimeZone(secondsFromGMT: -3600 * 6)!) == "23:07")
    }
}
