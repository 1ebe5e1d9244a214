import Fluent
import Prometheus
import SQLKit
import Vapor

/// Probes for load balancers and the metrics endpoint for Prometheus.
struct HealthRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("healthz", use: health)
        routes.get("readyz", use: ready)
        routes.get("metrics", use: metrics)
    }

    func health(req: Request) -> Response {
        Response(status: .ok, headers: ["Content-Type": "text/plain; charset=utf-8"], body: "ok\n")
    }

    /// Ready when the database answers.
    func ready(req: Request) async -> Response {
        do {
            _ = try await req.db.sql().raw("SELECT 1").all()
            return Response(status: .ok, headers: ["Content-Type": "text/plain; charset=utf-8"], body: "ready\n")
        } catch {
            req.logger.warning("readiness check failed: \(String(describing: error))")
            return Response(status: .serviceUnavailable, headers: ["Content-Type": "text/plain; charset=utf-8"], body: "database unreachable\n")
        }
    }

    func metrics(req: Request) -> Response {
        Response(status: .ok, headers: ["Content-Type": "text/plain; version=0.0.4; charset=utf-8"],
                 body: .init(string: req.application.metrics.registry.emitToString()))
    }
}
