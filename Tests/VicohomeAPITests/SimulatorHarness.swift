import Foundation
import VicohomeAPI
import VicohomeSimulator

/// Runs a body against a fresh simulator on loopback and stops it afterwards.
func withSimulator<T>(
    style: WireStyle = .seed, configure: (inout SimulatorConfiguration) -> Void = { _ in },
    _ body: (VicohomeSimulator, VicohomeClient) async throws -> T
) async throws -> T {
    var configuration = SimulatorConfiguration()
    configuration.wireStyle = style
    configure(&configuration)
    let simulator = VicohomeSimulator(configuration: configuration)
    try await simulator.start()
    let client = VicohomeClient(
        configuration: APIConfiguration(baseURL: simulator.baseURL, requestTimeout: .seconds(5)),
        token: simulator.token)
    do {
        let result = try await body(simulator, client)
        await simulator.stop()
        return result
    } catch {
        await simulator.stop()
        throw error
    }
}

/// The error an API call throws, or `nil` when it succeeds.
func apiError<T>(_ call: () async throws -> T) async -> VicohomeError? {
    do {
        _ = try await call()
        return nil
    } catch let error as VicohomeError {
        return error
    } catch {
        return .connectionFailed(detail: "unexpected error type: \(error)")
    }
}

enum Serial {
    static let healthy = "VDCA1P2410000131"
    static let offline = "VDCA1P2311004420"
    static let invalid = "VDCX9Z2209000007"
}
