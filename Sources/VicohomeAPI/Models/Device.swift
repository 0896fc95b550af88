import Foundation

/// A camera on the account, as `/device/listuserdevices` describes it.
///
/// Only the serial number is required; every other field is informational and is
/// dropped (left `nil`) rather than failing the list when a server sends an odd shape.
public struct Device: Sendable, Hashable, Codable, Identifiable {
    /// The serial number, the key of every device call.
    public var serialNumber: String
    /// The name the owner gave the camera.
    public var deviceName: String?
    /// The internal model number.
    public var modelNo: String?
    /// The model number shown to people.
    public var displayModelNo: String?
    /// Whether the cloud sees the camera online.
    public var online: Bool?
    /// Whether the camera is awake (battery cameras sleep).
    public var awake: Bool?
    /// Battery charge in percent.
    public var batteryLevel: Int?
    /// Whether the camera is charging.
    public var isCharging: Bool?
    /// Wi-Fi signal strength as the cloud reports it (dBm or a level).
    public var signalStrength: Int?
    /// The Wi-Fi network name.
    public var networkName: String?
    /// The camera's LAN address.
    public var ip: String?
    /// The camera's MAC address.
    public var macAddress: String?
    /// The cloud's status code for the device.
    public var deviceStatus: Int?
    /// The firmware version.
    public var firmwareId: String?
    /// When the camera went offline, if it is offline.
    public var offlineTime: Date?

    /// The serial number.
    public var id: String { serialNumber }

    /// The name to show: the owner's name for it, else the serial.
    public var displayName: String { (deviceName?.isEmpty == false ? deviceName : nil) ?? serialNumber }

    /// Creates a device description.
    public init(
        serialNumber: String, deviceName: String? = nil, modelNo: String? = nil,
        displayModelNo: String? = nil, online: Bool? = nil, awake: Bool? = nil,
        batteryLevel: Int? = nil, isCharging: Bool? = nil, signalStrength: Int? = nil,
        networkName: String? = nil, ip: String? = nil, macAddress: String? = nil,
        deviceStatus: Int? = nil, firmwareId: String? = nil, offlineTime: Date? = nil
    ) {
        self.serialNumber = serialNumber
        self.deviceName = deviceName
        self.modelNo = modelNo
        self.displayModelNo = displayModelNo
        self.online = online
        self.awake = awake
        self.batteryLevel = batteryLevel
        self.isCharging = isCharging
        self.signalStrength = signalStrength
        self.networkName = networkName
        self.ip = ip
        self.macAddress = macAddress
        self.deviceStatus = deviceStatus
        self.firmwareId = firmwareId
        self.offlineTime = offlineTime
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyCodingKey.self)
        serialNumber = try c.requiredString("serialNumber", "sn")
        deviceName = try? c.lenientString("deviceName")
        modelNo = try? c.lenientString("modelNo")
        displayModelNo = try? c.lenientString("displayModelNo")
        online = try? c.lenientBool("online")
        awake = try? c.lenientBool("awake")
        batteryLevel = try? c.lenientInt("batteryLevel")
        isCharging = try? c.lenientBool("isCharging")
        signalStrength = try? c.lenientInt("signalStrength")
        networkName = try? c.lenientString("networkName")
        ip = try? c.lenientString("ip")
        macAddress = try? c.lenientString("macAddress")
        deviceStatus = try? c.lenientInt("deviceStatus")
        firmwareId = try? c.lenientString("firmwareId")
        // Real servers send 0 for "never offline"; that is not a date in 1970.
        if let offline = try? c.lenientDate("offlineTime"), offline.timeIntervalSince1970 > 0 {
            offlineTime = offline
        }
    }

    private enum CodingKeys: String, CodingKey {
        case serialNumber, deviceName, modelNo, displayModelNo, online, awake, batteryLevel,
            isCharging, signalStrength, networkName, ip, macAddress, deviceStatus, firmwareId, offlineTime
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(serialNumber, forKey: .serialNumber)
        try c.encodeIfPresent(deviceName, forKey: .deviceName)
        try c.encodeIfPresent(modelNo, forKey: .modelNo)
        try c.encodeIfPresent(displayModelNo, forKey: .displayModelNo)
        try c.encodeIfPresent(online, forKey: .online)
        try c.encodeIfPresent(awake, forKey: .awake)
        try c.encodeIfPresent(batteryLevel, forKey: .batteryLevel)
        try c.encodeIfPresent(isCharging, forKey: .isCharging)
        try c.encodeIfPresent(signalStrength, forKey: .signalStrength)
        try c.encodeIfPresent(networkName, forKey: .networkName)
        try c.encodeIfPresent(ip, forKey: .ip)
        try c.encodeIfPresent(macAddress, forKey: .macAddress)
        try c.encodeIfPresent(deviceStatus, forKey: .deviceStatus)
        try c.encodeIfPresent(firmwareId, forKey: .firmwareId)
        try c.encodeIfPresent(offlineTime.map(WebRTCTicket.iso8601), forKey: .offlineTime)
    }
}
