import Crypto
import Foundation

/// The three digests STUN needs, kept in one file so that a build without swift-crypto (the
/// fuzzer's) can swap in a stand-in and still compile the rest of the codec.
enum STUNHashing {
    static func hmacSHA1(key: [UInt8], message: ArraySlice<UInt8>) -> [UInt8] {
        let code = HMAC<Insecure.SHA1>.authenticationCode(for: Array(message), using: SymmetricKey(data: key))
        return Array(code)
    }

    static func hmacSHA256(key: [UInt8], message: ArraySlice<UInt8>) -> [UInt8] {
        let code = HMAC<SHA256>.authenticationCode(for: Array(message), using: SymmetricKey(data: key))
        return Array(code)
    }

    static func md5(_ bytes: [UInt8]) -> [UInt8] {
        Array(Insecure.MD5.hash(data: bytes))
    }
}
