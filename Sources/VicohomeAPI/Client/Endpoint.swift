/// The API paths this client calls.
public enum Endpoint: String, Sendable, CaseIterable {
    /// Exchanges e-mail and password for a token.
    case login = "/account/login"
    /// Lists the account's devices.
    case listDevices = "/device/listuserdevices"
    /// Describes one device.
    case selectDevice = "/device/selectsingledevice"
    /// Issues a WebRTC ticket for a device.
    case webrtcTicket = "/device/getWebrtcTicket"
    /// Ends a device's live view so a new ticket starts clean.
    case stopLive = "/device/stoplive"
}
