import Metrics
import Prometheus

/// The process's Prometheus registry, and the one-time hookup of swift-metrics to it.
/// Hummingbird's `MetricsMiddleware` counts and times requests by route; MatchStore reports
/// database transactions in flight and their durations; `/metrics` prints the registry.
public enum MetricsSetup {
    public static let registry = PrometheusCollectorRegistry()

    /// Bootstraps swift-metrics once per process; later calls do nothing (tests build many apps).
    public static func bootstrap() {
        _ = bootstrapped
    }

    private static let bootstrapped: Void = {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.nameAndLabelSanitizer = { name, labels in
            (sanitize(name), labels.map { (sanitize($0.0), $0.1) })
        }
        MetricsSystem.bootstrap(factory)
    }()

    /// Prometheus names are `[a-zA-Z_:][a-zA-Z0-9_:]*`; swift-metrics labels often use dots.
    static func sanitize(_ name: String) -> String {
        String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ":") ? $0 : "_" })
    }
}
