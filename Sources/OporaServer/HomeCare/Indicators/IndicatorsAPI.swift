import Foundation
import OporaCore
import Vapor

/// `/api/v1/home-care/indicators/{month}`: the indicators page's figures, each item with its
/// label in the request's language and its value.
struct IndicatorsAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(APIGuard()).grouped("home-care", "indicators").get(":month", use: month)
    }

    struct ItemDTO: Content {
        var label: String
        var value: Double
    }

    struct IndicatorDTO: Content {
        var id: String
        var title: String
        var items: [ItemDTO]
    }

    struct MonthDTO: Content {
        var month: String
        var providerId: UUID
        var planPublished: Bool
        var peopleServed: Int
        var indicators: [IndicatorDTO]
    }

    func month(req: Request) async throws -> Response {
        let context = try await HoursContext.resolve(req, month: req.parameters.get("month") ?? "")
        let month = try await IndicatorsRoutes.indicators(req, context)
        return try req.json(
            MonthDTO(
                month: context.month.iso,
                providerId: context.centre,
                planPublished: month.hasPublishedPlan,
                peopleServed: month.peopleServed,
                indicators: month.indicators.map { indicator in
                    IndicatorDTO(
                        id: indicator.id,
                        title: indicator.title,
                        items: indicator.items.map { ItemDTO(label: $0.label, value: $0.value) }
                    )
                }
            )
        )
    }
}
