// swift-tools-version:6.1
import Foundation
import PackageDescription

let package = Package(
    name: "vicotop",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "vicotop", targets: ["vicotop"]),
        .library(name: "VicohomeAPI", targets: ["VicohomeAPI"]),
        .library(name: "VicohomeSimulator", targets: ["VicohomeSimulator"]),
        .library(name: "ICEProbe", targets: ["ICEProbe"]),
        .library(name: "LiveSession", targets: ["LiveSession"]),
        .library(name: "Dashboard", targets: ["Dashboard"]),
        .library(name: "VicotopConfig", targets: ["VicotopConfig"]),
        .library(name: "LiveMedia", targets: ["LiveMedia"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/vapor/websocket-kit", from: "2.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .target(
            name: "VicohomeAPI",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .target(
            name: "ICEProbe",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "LiveSession",
            dependencies: [
                "VicohomeAPI",
                "ICEProbe",
                .product(name: "WebSocketKit", package: "websocket-kit"),
                .product(name: "HeapModule", package: "swift-collections"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        .target(
            name: "VicohomeSimulator",
            dependencies: [
                "VicohomeAPI",
                "ICEProbe",
                "LiveMedia",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
            ]
        ),
        // GStreamer's webrtcbin, loaded with dlopen at run time: no GStreamer header or -dev
        // package is needed to build, and vicotop runs (media unavailable) without it.
        .target(name: "CGStreamer", linkerSettings: [.linkedLibrary("dl"), .linkedLibrary("pthread")]),
        .target(
            name: "LiveMedia",
            dependencies: [
                "CGStreamer",
                "VicohomeAPI",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .systemLibrary(
            name: "CNCurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        .target(name: "VicotopConfig", dependencies: [.product(name: "TOMLKit", package: "TOMLKit")]),
        .target(
            name: "Dashboard",
            dependencies: [
                "CNCurses",
                "LiveSession",
                "VicohomeAPI",
                "VicotopConfig",
            ]
        ),
        .executableTarget(
            name: "vicotop",
            dependencies: [
                "VicohomeAPI",
                "VicohomeSimulator",
                "ICEProbe",
                "LiveSession",
                "Dashboard",
                "VicotopConfig",
                "LiveMedia",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "TestSupport", dependencies: ["ICEProbe", .product(name: "NIOConcurrencyHelpers", package: "swift-nio")], path: "Tests/TestSupport"),
        .testTarget(name: "ICEProbeTests", dependencies: ["ICEProbe", "TestSupport"]),
        .testTarget(name: "LiveSessionTests", dependencies: ["LiveSession", "VicohomeSimulator", "VicohomeAPI", "TestSupport"]),
        .testTarget(name: "VicohomeAPITests", dependencies: ["VicohomeAPI", "VicohomeSimulator", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "VicohomeSimulatorTests", dependencies: [
            "VicohomeSimulator", "VicohomeAPI", "TestSupport", "LiveMedia",
            .product(name: "WebSocketKit", package: "websocket-kit"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOWebSocket", package: "swift-nio"),
        ]),
        .testTarget(name: "VicotopConfigTests", dependencies: ["VicotopConfig"]),
        .testTarget(name: "LiveMediaTests", dependencies: ["LiveMedia", "LiveSession", "VicohomeSimulator", "VicohomeAPI", "TestSupport"]),
        .testTarget(name: "DashboardTests", dependencies: ["Dashboard", "VicotopConfig", "LiveSession", "VicohomeAPI", "TestSupport"],
                    exclude: ["Snapshots"]),
        .testTarget(name: "vicotopTests", dependencies: [
            "vicotop", "VicohomeSimulator", "VicohomeAPI", "ICEProbe", "TestSupport", "LiveMedia", "LiveSession",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Prometheus", package: "swift-prometheus"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)

// Tests/Fuzz/run-fuzzer.sh sets VICOTOP_FUZZ to build the libFuzzer target of the TOML
// files (theme and config) with sanitizers; an ordinary build never sees it.
if ProcessInfo.processInfo.environment["VICOTOP_FUZZ"] != nil {
    package.targets.append(.executableTarget(name: "TOMLFilesFuzzer", dependencies: ["VicotopConfig"], path: "Tests/Fuzz/TOMLFilesFuzzer"))
}
