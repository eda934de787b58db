// swift-tools-version:6.0
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "ai-gateway",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "AIGateway", targets: ["AIGateway"]),
        .library(name: "AIGatewayServer", targets: ["AIGatewayServer"]),
        .executable(name: "aigw", targets: ["aigw"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.7.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CLMDB",
            pkgConfig: "lmdb",
            providers: [.apt(["liblmdb-dev"]), .brew(["lmdb"])]
        ),
        .systemLibrary(
            name: "CXXHash",
            pkgConfig: "libxxhash",
            providers: [.apt(["libxxhash-dev"]), .brew(["xxhash"])]
        ),
        // JSON, canonical form, keys, pricing, SSE and response summaries: pure values, no I/O.
        .target(
            name: "AIGatewayCore",
            dependencies: ["CXXHash"],
            // Embedded as bytes (`PackageResources.prices_json`) so no bundle lookup at run time.
            resources: [.embedInCode("Pricing/prices.json")],
            swiftSettings: swiftSettings
        ),
        // The LMDB wrapper, the cache store, the ledger, the request log and the reports over them.
        .target(
            name: "AIGatewayStore",
            dependencies: [
                "AIGatewayCore",
                "CLMDB",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // The engine, the providers, translation, fixtures and the log handlers; re-exports both.
        .target(
            name: "AIGateway",
            dependencies: [
                "AIGatewayCore",
                "AIGatewayStore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // The HTTP server: routes, wire rendering and auth, built by one `buildApplication`.
        .target(
            name: "AIGatewayServer",
            dependencies: [
                "AIGateway",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "aigw",
            dependencies: [
                "AIGateway",
                "AIGatewayServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // A child process for the store's crash test: it writes entries until it is killed.
        .executableTarget(
            name: "StoreCrashWriter",
            dependencies: ["AIGateway"],
            path: "Tests/StoreCrashWriter",
            swiftSettings: swiftSettings
        ),
        // A loopback server speaking the OpenAI and Anthropic wire formats, for tests and
        // benchmarks: counts requests, injects failures, splits streams at awkward bytes.
        .target(
            name: "FakeProvider",
            dependencies: [
                "AIGateway",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            path: "Tests/FakeProvider",
            swiftSettings: swiftSettings
        ),
        // The fake provider as a process (with its control routes), for the Python SDK tests
        // and the wrk load benchmark; `--ceiling FILE` is the benchmark's bare-server bound.
        .executableTarget(
            name: "AIGatewayFakeProvider",
            dependencies: [
                "FakeProvider",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            path: "Tests/FakeProviderTool",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "AIGatewayBenchmarks",
            dependencies: [
                "AIGateway",
                "FakeProvider",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/AIGatewayBenchmarks",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AIGatewayTests",
            dependencies: ["AIGatewayCore", "AIGatewayStore", "AIGateway", "StoreCrashWriter", "FakeProvider"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AIGatewayServerTests",
            dependencies: [
                "AIGateway",
                "AIGatewayServer",
                "FakeProvider",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "aigwTests",
            dependencies: ["aigw", "AIGateway", "FakeProvider"],
            swiftSettings: swiftSettings
        ),
    ]
)
