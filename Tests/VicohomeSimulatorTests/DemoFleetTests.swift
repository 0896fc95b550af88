import Testing
import VicohomeSimulator

@Suite("Demo fleet")
struct DemoFleetTests {
    @Test("at least eight cameras, distinct serials, one of each behaviour")
    func fleet() {
        let devices = DemoFleet.devices
        #expect(devices.count >= 8)
        #expect(Set(devices.map(\.serialNumber)).count == devices.count)
        #expect(Set(devices.map(\.behavior.summary)).count == devices.count, "every camera behaves differently")
        #expect(devices.contains { $0.behavior == .healthy })
        #expect(devices.contains { !$0.behavior.online })
        #expect(devices.contains { $0.behavior.rejectsSerial })
        #expect(devices.contains { $0.behavior.pingLoss > 0 })
        #expect(devices.contains { $0.behavior.socketDrops != nil })
        #expect(devices.contains { $0.behavior.maxViewers == 0 })
        #expect(devices.contains { $0.behavior.peerFlap != nil })
        #expect(devices.contains { $0.behavior.ticketLifetime != nil })
        for device in devices {
            #expect(device.serialNumber.count == 16)
            #expect(device.serialNumber.allSatisfy { $0.isUppercase || $0.isNumber })
        }
    }
}
