import Fluent
import OporaCore
import Vapor

/// `/api/v1/home-care/my-day` and `/api/v1/home-care/visits/:visitID/events`: a worker's visits
/// of a day and the records on them, as the phone page's script also reads and sends them.
struct DayAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped(APIGuard()).grouped("home-care")
        api.get("my-day", use: day)
        api.post("visits", ":visitID", "events", use: VisitEventsEndpoint.submit)
    }

    func day(req: Request) async throws -> Response {
        let user = try req.require(.recordVisits)
        let today = CalendarDay.today(at: req.application.clock.now())
        var day = today
        if let raw = req.query[String.self, at: "day"] {
            guard let asked = CalendarDay(iso: raw), abs(today.days(until: asked)) <= 366 else {
                throw ValidationFailure(problems: [FieldProblem(field: "day", message: req.text(.dateInvalid))])
            }
            day = asked
        }
        let visits = try await VisitStore.day(worker: user.id, on: day, user.scope(for: .recordVisits), on: req.db)
        let cards = try await VisitStore.openCards(of: visits, request: req)
        return try req.json(visits.map { VisitDTO($0, card: cards[$0.personID]) })
    }
}
