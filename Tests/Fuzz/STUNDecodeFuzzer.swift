// libFuzzer entry point for the STUN decoder, built by run-fuzzer.sh together with the codec
// sources. Besides "no crash", it checks the properties the unit tests check, trapping on a
// violation so libFuzzer saves the input.

@_cdecl("LLVMFuzzerTestOneInput")
public func stunDecodeFuzzTarget(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))

    _ = STUNMessage.verifyIntegrity(of: bytes, key: STUNIntegrityKey.shortTerm(password: "fuzz"))
    _ = STUNMessage.verifyFingerprint(of: bytes)

    if let message = try? STUNMessage(decoding: bytes) {
        guard let reencoded = try? message.encoded() else {
            fatalError("a decoded message failed to encode: \(message)")
        }
        guard let again = try? STUNMessage(decoding: reencoded), again == message else {
            fatalError("encode/decode round trip changed the message: \(message)")
        }
        _ = message.mappedAddress
        _ = message.errorCode.map { "\($0)" }
        _ = message.attributes.map { "\($0.type)" }
    }

    // The text parsers see the same input as a string; they must not trap either.
    let text = String(decoding: bytes, as: UTF8.self)
    if let candidate = try? ICECandidate(parsing: text) {
        guard (try? ICECandidate(parsing: candidate.line)) == candidate else {
            fatalError("candidate line round trip failed: \(candidate.line)")
        }
    }
    if let uri = try? ICEServerURI(parsing: text) {
        guard (try? ICEServerURI(parsing: uri.description)) == uri else {
            fatalError("URI round trip failed: \(uri)")
        }
    }
    _ = try? SASLprep.prepare(text)
    return 0
}
