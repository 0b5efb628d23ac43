// swift-tools-version: 6.2
import PackageDescription

// Swift 6 mode is strict about concurrency already; this makes a curses call off the main actor an error too.
// CNcursesw takes its include path from the system (/usr/include/ncursesw): pkg-config would add -D flags SwiftPM
// refuses with a warning.
let strict: [SwiftSetting] = [
    .treatWarning("ActorIsolatedCall", as: .error),
]

let package = Package(
    name: "backdeck",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "backdeck", targets: ["backdeck"]),
        .executable(name: "backdeck-bench", targets: ["backdeck-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .target(name: "BackupModel", swiftSettings: strict),
        .target(
            name: "CloudAPI",
            dependencies: [
                "BackupModel",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
            ],
            swiftSettings: strict
        ),
        .target(name: "FetchEngine", dependencies: ["CloudAPI", "BackupModel"], swiftSettings: strict),
        .target(name: "DeckUI", dependencies: ["BackupModel"], swiftSettings: strict),
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncursesw5-dev"])]),
        .target(name: "CursesTerminal", dependencies: ["CNcursesw", "DeckUI"], swiftSettings: strict),
        .target(
            name: "CloudEmulator",
            dependencies: [
                "CloudAPI", "BackupModel",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "BackdeckApp",
            dependencies: [
                "BackupModel", "CloudAPI", "FetchEngine", "DeckUI", "CursesTerminal", "CloudEmulator",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "backdeck",
            dependencies: [
                "BackdeckApp",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // `swift run -c release backdeck-bench`: the benchmarks of issue 4 (it runs the `backdeck` beside it on a pty).
        .executableTarget(
            name: "backdeck-bench",
            dependencies: [
                "BackupModel", "CloudAPI", "FetchEngine", "DeckUI", "CursesTerminal", "CloudEmulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CloudAPITests",
            dependencies: [
                "CloudAPI", "BackupModel",
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
            ],
            swiftSettings: strict
        ),
        // The semantic screen driver both the grid tests and the tmux tests read screens with (no curses, no network).
        .target(name: "ScreenDriver", dependencies: ["DeckUI"], path: "Tests/ScreenDriver", swiftSettings: strict),
        .testTarget(name: "DeckUITests", dependencies: ["DeckUI", "BackupModel", "ScreenDriver"], swiftSettings: strict),
        .testTarget(
            name: "CloudEmulatorTests",
            dependencies: ["CloudEmulator", "CloudAPI", "FetchEngine", "BackupModel"],
            swiftSettings: strict
        ),
        .testTarget(name: "FetchEngineTests", dependencies: ["FetchEngine", "CloudAPI", "BackupModel"], swiftSettings: strict),
        .testTarget(name: "BackdeckAppTests", dependencies: ["BackdeckApp", "CloudEmulator"], swiftSettings: strict),
        .testTarget(name: "CursesTerminalTests", dependencies: ["CursesTerminal"], swiftSettings: strict),
        .testTarget(name: "EndToEndTests", dependencies: ["ScreenDriver", "DeckUI"], swiftSettings: strict),
    ]
)
