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
        .executable(name: "aigw", targets: ["aigw"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
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
        .target(
            name: "AIGateway",
            dependencies: ["CLMDB", "CXXHash"],
            // Embedded as bytes (`PackageResources.prices_json`) so no bundle lookup at run time.
            resources: [.embedInCode("Pricing/prices.json")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "aigw",
            dependencies: [
                "AIGateway",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
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
        .executableTarget(
            name: "AIGatewayBenchmarks",
            dependencies: ["AIGateway"],
            path: "Benchmarks/AIGatewayBenchmarks",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AIGatewayTests",
            dependencies: ["AIGateway", "StoreCrashWriter"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "aigwTests",
            dependencies: ["aigw", "AIGateway"],
            swiftSettings: swiftSettings
        ),
    ]
)
