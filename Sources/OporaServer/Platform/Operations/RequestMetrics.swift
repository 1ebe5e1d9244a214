import Prometheus
import Vapor

/// Request counts and latency by route pattern (not raw path, so ids do not explode the series).
final class RequestMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    static let buckets: [Duration] = [
        .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5),
    ]

    // The descriptor type is not Sendable, so each use builds its own.
    static var requests: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "opora",
            subsystem: "http",
            metricName: "requests",
            unitName: "total",
            helpText: "HTTP requests answered, by method, route pattern and status"
        )
    }
    static var duration: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "opora",
            subsystem: "http",
            metricName: "request_duration",
            unitName: "seconds",
            helpText: "Time to answer an HTTP request, by method and route pattern"
        )
    }

    func record(method: String, route: String, status: UInt, duration: Duration) {
        let labels = [("method", method), ("route", route), ("status", String(status))]
        registry.makeCounter(descriptor: Self.requests, labels: labels).increment()
        registry.makeDurationHistogram(
            descriptor: Self.duration,
            labels: [("method", method), ("route", route)],
            buckets: Self.buckets
        ).record(duration)
    }
}

struct MetricsMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = ContinuousClock.now
        let metrics = request.application.metrics
        do {
            let response = try await next.respond(to: request)
            metrics.record(
                method: request.method.rawValue,
                route: request.routePattern,
                status: response.status.code,
                duration: ContinuousClock.now - start
            )
            return response
        } catch {
            metrics.record(
                method: request.method.rawValue,
                route: request.routePattern,
                status: ErrorPages.status(of: error).code,
                duration: ContinuousClock.now - start
            )
            throw error
        }
    }
}

extension Request {
    /// The matched route's pattern (`/people/:personID`), never the path: ids and secrets in a path
    /// stay out of logs and metrics.
    var routePattern: String {
        guard let route else { return "unmatched" }
        return "/" + route.path.map(\.description).joined(separator: "/")
    }
}

/// Logs each request by its route pattern once it is answered, where Vapor's route logging wrote
/// the raw path (with a calendar feed's secret, or a person's id).
struct RoutePatternLogging: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            let response = try await next.respond(to: request)
            request.logger.info("\(request.method) \(request.routePattern) \(response.status.code)")
            return response
        } catch {
            request.logger.info("\(request.method) \(request.routePattern) \(ErrorPages.status(of: error).code)")
            throw error
        }
    }
}

extension Application {
    private struct MetricsKey: StorageKey { typealias Value = RequestMetrics }

    var metrics: RequestMetrics {
        if let metrics = storage[MetricsKey.self] { return metrics }
        let metrics = RequestMetrics()
        storage[MetricsKey.self] = metrics
        return metrics
    }
}
