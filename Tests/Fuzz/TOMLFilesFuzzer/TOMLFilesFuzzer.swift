// libFuzzer entry point for vicotop's TOML files: the theme parser and the config file
// parser, over TOMLKit and toml++ (instrumented too). Built by run-fuzzer.sh with
// VICOTOP_FUZZ set; VICOTOP_FUZZ_PARSER (theme or config) picks the parser.
// Any bytes must give a value or a typed error, never a trap, and an error must name
// its file; a parsed theme must be one the dashboard can draw.

import Foundation
import VicotopConfig

private let parser = ProcessInfo.processInfo.environment["VICOTOP_FUZZ_PARSER"] ?? "theme"

@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafeRawPointer, Int) -> CInt) -> CInt

/// SwiftPM links an executable target's entry point as `<Target>_main`; with libFuzzer
/// providing the loop, that entry point hands over to its driver.
@_cdecl("TOMLFilesFuzzer_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { start, size in tomlFilesFuzzTarget(start, size) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func tomlFilesFuzzTarget(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    // Files are read as UTF-8 with replacement, as String(contentsOf:) would refuse or repair them.
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    switch parser {
    case "config":
        do {
            let file = try ConfigFile.parse(text, path: "/fuzz/config.toml")
            if let margin = file.refreshMargin, !(margin > 0 && margin <= ConfigFile.refreshMarginLimit) {
                fatalError("refresh_margin out of range accepted: \(margin)")
            }
        } catch {
            guard error.description.hasPrefix("/fuzz/config.toml") else { fatalError("an error without its file: \(error)") }
        }
    default:
        do {
            let theme = try ThemeParser.parse(text, name: "fuzz", file: "/fuzz/fuzz.toml")
            for (_, path) in Theme.colorKeys {
                switch theme[keyPath: path] {
                case .ansi(let index): precondition((0...15).contains(index), "ANSI colour \(index)")
                case .indexed(let index): precondition((0...255).contains(index), "colour index \(index)")
                case .rgb(let red, let green, let blue):
                    precondition([red, green, blue].allSatisfy { (0...255).contains($0) }, "RGB \(red) \(green) \(blue)")
                case .terminalDefault: break
                }
            }
        } catch {
            guard error.file == "/fuzz/fuzz.toml" else { fatalError("an error without its file: \(error)") }
        }
    }
    return 0
}
