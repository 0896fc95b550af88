// libFuzzer entry point for the signaling message decoder, built by run-fuzzer.sh with
// VicohomeAPI's Foundation-only sources: any text decodes or fails with a typed error, and a
// decoded message survives encoding and decoding again unchanged.

import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func signalingDecodeFuzzTarget(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    guard let message = try? SignalingMessage.decode(text) else { return 0 }
    let encoded = message.encodedText()
    guard let again = try? SignalingMessage.decode(encoded) else {
        fatalError("a decoded message does not decode after encoding: \(encoded.debugDescription)")
    }
    guard again.encodedText() == encoded else {
        fatalError("encoding is not stable: \(encoded.debugDescription)")
    }
    return 0
}
