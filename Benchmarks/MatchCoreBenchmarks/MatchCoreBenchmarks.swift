import Benchmark
import MatchCore

/// Benchmarks of the matching engine on synthetic instances from `InstanceGenerator`, one
/// per phase of `talentmatch solve` (parse, solve = rank inversion + DA/FDA/couples, verify,
/// encode) and per mechanism (plain, caps, floors, 1% couples).
/// Sizes are kept moderate so `swift package benchmark` finishes in minutes on 2 cores; the
/// full 1M × 100k figures come from `talentmatch solve` (docs/performance.md).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .mallocCountTotal],
        maxDuration: .seconds(20), maxIterations: 5
    )
    for (name, settings) in Fixtures.shapes {
        let bytes = InstanceGenerator.generate(settings, catalogue: Fixtures.catalogue)
        guard let document = try? InstanceDocument.decode(bytes) else { continue }
        let instance = document.instance
        Benchmark("parse \(name)") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try? InstanceDocument.decode(bytes)) }
        }
        Benchmark("solve (invert + DA) \(name)") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(MatchEngine.solve(instance)) }
        }
        let outcome = MatchEngine.solve(instance)
        Benchmark("verify \(name)") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(Verifier.verify(instance, assignment: outcome.assignment)) }
        }
        let report = Verifier.verify(instance, assignment: outcome.assignment)
        Benchmark("encode result \(name)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(ResultDocument.encode(
                    instance: instance, outcome: outcome, verification: report, explainer: nil,
                    options: .init(includeTimings: false)
                ))
            }
        }
    }
}

enum Fixtures {
    /// A small real-shaped catalogue so benchmarks need no files.
    static let catalogue = ReferenceCatalogue(
        counties: ["110101", "110105", "310101", "440106", "510104", "510107", "511902", "511921", "520102", "522701", "630121", "650102"]
            .compactMap { RegionCode($0) },
        specialties: ["080901", "080902", "090101", "120103"].compactMap { SpecialtyCode($0) },
        keyAssistanceCounties: Set(["511921", "522701", "630121"].compactMap { RegionCode($0) })
    )

    static let shapes: [(String, GeneratorSettings)] = [
        ("100k×10k×30", GeneratorSettings(candidates: 100_000, vacancies: 10_000, seed: 42)),
        ("100k×10k×30 caps", GeneratorSettings(candidates: 100_000, vacancies: 10_000, seed: 42, caps: true)),
        ("100k×10k×30 floors", GeneratorSettings(candidates: 100_000, vacancies: 10_000, seed: 42, floors: true)),
        ("100k×10k×30 couples 1%", GeneratorSettings(candidates: 100_000, vacancies: 10_000, seed: 42, coupleShare: 0.01)),
    ]
}
