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
            return Response(
                status: .serviceUnavailable,
                headers: ["Content-Type": "text/plain; charset=utf-8"],
                body: "database unreachable\n"
            )
        }
    }

    /// Route names and counts tell an outsider what is used and when: only a scraper holding
    /// `OPORA_METRICS_TOKEN` reads them; without the setting the endpoint is not there (404).
    func metrics(req: Request) throws -> Response {
        guard let expected = req.application.opora.metricsToken else { throw Abort(.notFound) }
        guard let bearer = req.headers.bearerAuthorization, Secrets.constantTimeEquals(bearer.token, expected) else {
            // Answered here: a scraper is not sent to the sign-in page as a browser would be.
            return Response(
                status: .unauthorized,
                headers: ["WWW-Authenticate": "Bearer", "Content-Type": "text/plain; charset=utf-8"],
                body: "a bearer token is required\n"
            )
        }
        return Response(
            status: .ok,
            headers: ["Content-Type": "text/plain; version=0.0.4; charset=utf-8", "Cache-Control": "no-store"],
            body: .init(string: req.application.metrics.registry.emitToString())
        )
    }
}
