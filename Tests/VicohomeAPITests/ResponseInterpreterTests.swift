import Foundation
import Testing
@testable import VicohomeAPI

@Suite("Answer interpretation")
struct ResponseInterpreterTests {
    func interpret(_ status: Int, _ body: String) -> VicohomeError? {
        do {
            _ = try ResponseInterpreter.interpret(status: status, body: Array(body.utf8), serialNumber: "SN1", as: EmptyPayload.self)
            return nil
        } catch { return error }
    }

    @Test("both envelopes succeed with code 0")
    func success() {
        #expect(interpret(200, #"{"code":0,"message":"Success"}"#) == nil)
        #expect(interpret(200, #"{"result":0,"msg":"Success"}"#) == nil)
    }

    @Test("auth codes", arguments: [-1024, -1025, -1026, -1027])
    func authCodes(code: Int) {
        let error = interpret(200, #"{"result":\#(code),"msg":"nope"}"#)
        #expect(error == .unauthorized(code: code, message: "nope"))
        #expect(error?.category == .auth)
    }

    @Test("HTTP 401 is an auth failure whatever the body")
    func http401() {
        #expect(interpret(401, #"{"code":401,"message":"Invalid authentication token"}"#)?.category == .auth)
        #expect(interpret(401, "<html>nope</html>") == .unauthorized(code: 401, message: "HTTP 401"))
        #expect(interpret(401, #"{"code":0}"#)?.category == .auth)
    }

    @Test("101 and 102 are device errors")
    func deviceCodes() {
        #expect(interpret(400, #"{"code":101,"message":"Invalid device serial number"}"#)
            == .invalidSerial(serialNumber: "SN1", message: "Invalid device serial number"))
        #expect(interpret(400, #"{"code":102,"message":"Device is offline or unavailable"}"#)
            == .deviceOffline(serialNumber: "SN1", message: "Device is offline or unavailable"))
    }

    @Test("other codes keep code and message")
    func otherCodes() {
        #expect(interpret(200, #"{"result":-2001,"msg":"too many requests"}"#) == .api(code: -2001, message: "too many requests"))
    }

    @Test("HTTP errors without API JSON carry a short sanitised excerpt")
    func httpWithoutJSON() throws {
        let error = try #require(interpret(502, "<html>\u{1B}[31mBad Gateway\u{07}</html>"))
        guard case .httpStatus(502, let excerpt) = error else { Issue.record("got \(error)"); return }
        #expect(!excerpt.contains("\u{1B}"))
        #expect(!excerpt.contains("\u{07}"))
        #expect(excerpt.contains("Bad Gateway"))
    }

    @Test("a truncated 200 body is malformed, with an excerpt whose secrets are masked")
    func malformed() throws {
        let body = #"{"code":0,"data":{"token":{"token":"abcdefghijklmnopqrstuvwxyz"#
        let error = try #require(interpret(200, body))
        guard case .malformedBody(200, _, let excerpt) = error else {
            Issue.record("expected malformedBody, got \(error)")
            return
        }
        #expect(!excerpt.contains("abcdefghijklmnop"))
        #expect(excerpt.contains("…(26 chars)"))
    }

    @Test("a well-formed envelope whose data is not a ticket is malformed and names the field")
    func wrongData() throws {
        let body = #"{"code":0,"message":"Success","data":{"traceId":1}}"#
        #expect(throws: VicohomeError.self) {
            try ResponseInterpreter.interpret(status: 200, body: Array(body.utf8), serialNumber: nil, as: WebRTCTicket.self)
        }
    }

    @Test("every error has a one-line message")
    func oneLine() {
        let errors: [VicohomeError] = [
            .invalidSerial(serialNumber: "S\nN", message: "m\r\n"), .deviceOffline(serialNumber: nil, message: "x"),
            .unauthorized(code: -1027, message: "expired"), .api(code: 7, message: "a\u{1B}[2Jb"),
            .httpStatus(status: 503, excerpt: ""), .malformedBody(status: 200, detail: "not JSON", excerpt: "<"),
            .timeout(seconds: 1.5), .connectionFailed(detail: "refused"), .invalidConfiguration("bad"),
        ]
        for error in errors {
            #expect(!error.description.contains("\n"))
            #expect(!error.description.contains("\u{1B}"))
            #expect(!error.description.isEmpty)
        }
        #expect(VicohomeError.unauthorized(code: -1027, message: "").description.contains("expired"))
        #expect(VicohomeError.unauthorized(code: -1024, message: "").description.contains("signed in elsewhere"))
    }
}
