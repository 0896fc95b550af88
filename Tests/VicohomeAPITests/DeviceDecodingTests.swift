import Foundation
import Testing
@testable import VicohomeAPI

@Suite("Device decoding")
struct DeviceDecodingTests {
    struct ListData: Decodable { var list: LossyList<Device> }

    @Test("a real device list: flags as 1/0 and strings, unknown fields, odd values dropped, entries without a serial skipped")
    func realList() throws {
        let devices = try Fixture.decode("real-devices", as: ListData.self).list.elements
        #expect(devices.map(\.serialNumber) == ["VDCA1P0123456789", "VDCB2G0000000002"])
        let front = devices[0]
        #expect(front.online == true)
        #expect(front.isCharging == false)
        #expect(front.batteryLevel == 87)
        #expect(front.offlineTime == nil, "0 means never offline")
        let garage = devices[1]
        #expect(garage.online == false)
        #expect(garage.batteryLevel == nil, "N/A is not a number and is dropped, not fatal")
        #expect(garage.isCharging == true)
        #expect(garage.offlineTime == Date(timeIntervalSince1970: 1_732_440_000))
        #expect(garage.displayName == "Garage")
    }
}
