// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "vicotop",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "vicotop", targets: ["vicotop"]),
        .library(name: "VicohomeAPI", targets: ["VicohomeAPI"]),
        .library(name: "VicohomeSimulator", targets: ["VicohomeSimulator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/vapor/websocket-kit", from: "2.16.2"),
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
            name: "VicohomeSimulator",
            dependencies: [
                "VicohomeAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "vicotop",
            dependencies: [
                "VicohomeAPI",
                "VicohomeSimulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "VicohomeAPITests", dependencies: ["VicohomeAPI", "VicohomeSimulator"], resources: [.copy("Fixtures")]),
        .testTarget(name: "VicohomeSimulatorTests", dependencies: [
            "VicohomeSimulator", "VicohomeAPI",
            .product(name: "WebSocketKit", package: "websocket-kit"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOWebSocket", package: "swift-nio"),
        ]),
        .testTarget(name: "vicotopTests", dependencies: ["vicotop", "VicohomeSimulator", "VicohomeAPI"]),
    ],
    swiftLanguageModes: [.v6]
)
