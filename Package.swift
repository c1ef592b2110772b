// swift-tools-version:6.1
import PackageDescription

/// Targets depend one way: MatchCore ← MatchStore ← MatchWorkflow ← MatchAPI / MatchWeb ← MatchNotify ← talentmatch,
/// with MatchLocal (the embedded cluster, demo and synthetic markets) beside the edges, linked only
/// by the executable and the tests. MatchCore has no dependencies at all, so the engine builds and
/// tests alone, fast. docs/architecture.md draws the rooms.
let strictSwift: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "TalentMatch",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "talentmatch", targets: ["talentmatch"]),
        .library(name: "MatchCore", targets: ["MatchCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.0"..<"5.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-openapi-generator.git", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime.git", from: "1.13.4"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird.git", from: "2.1.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        .target(
            name: "MatchCore",
            swiftSettings: strictSwift
        ),
        .target(
            name: "MatchStore",
            dependencies: [
                "MatchCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSwift
        ),
        .target(
            name: "MatchLocal",
            dependencies: [
                "MatchCore", "MatchStore",
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift
        ),
        .target(
            name: "MatchWorkflow",
            dependencies: ["MatchCore", "MatchStore", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSwift
        ),
        .target(
            name: "MatchAPI",
            dependencies: [
                "MatchStore", "MatchWorkflow",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("openapi.yaml")],
            swiftSettings: strictSwift,
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        .target(
            name: "MatchWeb",
            dependencies: [
                "MatchCore", "MatchStore", "MatchWorkflow",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: strictSwift
        ),
        .target(
            name: "MatchNotify",
            dependencies: [
                "MatchStore", "MatchWeb",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSwift
        ),
        .executableTarget(
            name: "talentmatch",
            dependencies: [
                "MatchCore", "MatchStore", "MatchWorkflow", "MatchAPI", "MatchWeb", "MatchLocal", "MatchNotify",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Configuration", package: "swift-configuration"),
            ],
            swiftSettings: strictSwift
        ),
        .target(
            name: "MatchCoreTesting",
            dependencies: ["MatchCore"],
            path: "Tests/MatchCoreTesting",
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "MatchCoreTests",
            dependencies: [
                "MatchCore", "MatchCoreTesting",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strictSwift
        ),
        .target(
            name: "MatchStoreTesting",
            dependencies: [
                "MatchStore", "MatchWorkflow", "MatchLocal",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            path: "Tests/MatchStoreTesting",
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "MatchStoreTests",
            dependencies: [
                "MatchStore", "MatchStoreTesting",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "MatchLocalTests",
            dependencies: ["MatchLocal", "MatchWorkflow", "MatchStoreTesting"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "MatchWorkflowTests",
            dependencies: [
                "MatchWorkflow", "MatchStoreTesting", "MatchCoreTesting",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "MatchAPITests",
            dependencies: [
                "MatchAPI", "MatchStoreTesting",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "MatchWebTests",
            dependencies: [
                "MatchWeb", "MatchWorkflow", "MatchStoreTesting",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "MatchNotifyTests",
            dependencies: [
                "MatchNotify", "MatchWeb", "MatchWorkflow", "MatchStoreTesting",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "talentmatchTests",
            dependencies: ["talentmatch", "MatchWorkflow", "MatchStoreTesting", .product(name: "PostgresNIO", package: "postgres-nio")],
            swiftSettings: strictSwift
        ),
        .executableTarget(
            name: "MatchCoreBenchmarks",
            dependencies: [
                "MatchCore",
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/MatchCoreBenchmarks",
            swiftSettings: strictSwift,
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
