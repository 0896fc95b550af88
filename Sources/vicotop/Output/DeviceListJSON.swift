import Foundation
import LiveSession
import VicohomeAPI

/// `vicotop devices --json`: `{"devices":[…]}` (an object, so it can carry
/// `schemaVersion`), each camera with every field present, `null` when the cloud did not
/// say, and `offlineTime` as an RFC 3339 time.
struct DeviceListJSON: Encodable {
    var devices: [Device]

    private enum Key: String, CodingKey { case devices }

    private enum DeviceKey: String, CodingKey {
        case serialNumber, deviceName, modelNo, displayModelNo, online, awake, batteryLevel, isCharging
        case signalStrength, networkName, ip, macAddress, deviceStatus, firmwareId, offlineTime
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        var list = container.nestedUnkeyedContainer(forKey: .devices)
        for device in devices {
            var entry = list.nestedContainer(keyedBy: DeviceKey.self)
            try entry.encode(device.serialNumber, forKey: .serialNumber)
            try entry.encode(device.deviceName, forKey: .deviceName)
            try entry.encode(device.modelNo, forKey: .modelNo)
            try entry.encode(device.displayModelNo, forKey: .displayModelNo)
            try entry.encode(device.online, forKey: .online)
            try entry.encode(device.awake, forKey: .awake)
            try entry.encode(device.batteryLevel, forKey: .batteryLevel)
            try entry.encode(device.isCharging, forKey: .isCharging)
            try entry.encode(device.signalStrength, forKey: .signalStrength)
            try entry.encode(device.networkName, forKey: .networkName)
            try entry.encode(device.ip, forKey: .ip)
            try entry.encode(device.macAddress, forKey: .macAddress)
            try entry.encode(device.deviceStatus, forKey: .deviceStatus)
            try entry.encode(device.firmwareId, forKey: .firmwareId)
            try entry.encodeTime(device.offlineTime, forKey: .offlineTime)
        }
    }
}
