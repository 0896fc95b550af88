// libFuzzer entry point for the cloud API's answer decoding, built by run-fuzzer.sh with
// VicohomeAPI's Foundation-only sources. Any body, under any HTTP status, must turn into a
// payload or a typed error, never a trap; an error's message must be one clean line.

import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func apiDecodeFuzzTarget(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    // The first byte picks the HTTP status, so one input explores both envelopes' paths.
    let statuses = [200, 200, 200, 401, 403, 500, 502, 503]
    let status = statuses[Int(bytes.first ?? 0) % statuses.count]
    let body = Array(bytes.dropFirst())
    check { try ResponseInterpreter.interpret(status: status, body: body, serialNumber: "VDFUZZ0000000001", as: WebRTCTicket.self) }
    check { try ResponseInterpreter.interpret(status: status, body: body, serialNumber: nil, as: Device.self) }
    check { try ResponseInterpreter.interpret(status: status, body: body, serialNumber: nil, as: JSONValue.self) }
    _ = Sanitizer.excerpt(body)
    return 0
}

private func check<T>(_ decode: () throws -> T) {
    do {
        _ = try decode()
    } catch let error as VicohomeError {
        let message = error.description
        guard !message.contains("\n"), !message.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else {
            fatalError("an error message carries a control character: \(message.debugDescription)")
        }
    } catch {
        fatalError("an untyped error escaped: \(error)")
    }
}
