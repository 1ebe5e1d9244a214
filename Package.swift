// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "opora",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "opora", targets: ["opora"]),
        .executable(name: "opora-solve", targets: ["opora-solve"]),
        .library(name: "OporaCore", targets: ["OporaCore"]),
        .library(name: "OporaScheduling", targets: ["OporaScheduling"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
    ],
    targets: [
        // Domain rules with no I/O: identifiers, assessments, transliteration, calendars.
        .target(name: "OporaCore", swiftSettings: strict),
        // The optimisation engine; pure Swift so benchmarks and opora-solve skip the Vapor stack.
        .target(name: "OporaScheduling", swiftSettings: strict),
        .target(
            name: "OporaServer",
            dependencies: [
                "OporaCore",
                "OporaScheduling",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Territory/Data")],
            swiftSettings: strict
        ),
        .executableTarget(name: "opora", dependencies: ["OporaServer"], swiftSettings: strict),
        .executableTarget(
            name: "opora-solve",
            dependencies: [
                "OporaScheduling",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "OporaCoreTests",
            dependencies: ["OporaCore", .product(name: "PropertyBased", package: "swift-property-based")],
            exclude: ["Fixtures/make_fixtures.py"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "OporaSchedulingTests",
            dependencies: ["OporaScheduling", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "OporaServerTests",
            dependencies: [
                "OporaServer",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "VaporTesting", package: "vapor"),
            ],
            swiftSettings: strict
        ),
    ]
)
