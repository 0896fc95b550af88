import VicohomeAPI

/// Renders the device list as an aligned table with sanitised cells.
struct DeviceTable {
    func render(_ devices: [Device]) -> String {
        let header = ["SERIAL", "NAME", "MODEL", "ONLINE", "BATTERY", "SIGNAL", "FIRMWARE"]
        let rows = devices.map { device -> [String] in
            [
                device.serialNumber,
                device.deviceName ?? "",
                device.displayModelNo ?? device.modelNo ?? "",
                device.online.map { $0 ? "yes" : "no" } ?? "?",
                device.batteryLevel.map { "\($0)%" + (device.isCharging == true ? "+" : "") } ?? "",
                device.signalStrength.map { "\($0)" } ?? "",
                device.firmwareId ?? "",
            ].map { Self.clip(Sanitizer.singleLine($0), 28) }
        }
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        var lines = all.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        lines.append("\(devices.count) device\(devices.count == 1 ? "" : "s")")
        return lines.joined(separator: "\n")
    }

    static func clip(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
