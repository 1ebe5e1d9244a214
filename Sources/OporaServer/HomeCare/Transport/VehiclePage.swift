import Fluent
import OporaCore
import Vapor

/// A vehicle's page: its form, to add one or to change it.
enum VehiclePage {
    struct Fields: Encodable, Sendable {
        var action: String
        var version: Int?
        var canEdit: Bool
        var form: FormState
        var settlements: [Choice]
        var drivers: [Choice]
    }

    struct Context: Encodable, Sendable {
        var back: String
        var vehicleForm: Fields
        var summary: ErrorSummary?
    }

    static func input(of vehicle: TransportVehicle) -> VehicleInput {
        VehicleInput(
            version: vehicle.version,
            name: vehicle.name,
            plate: vehicle.plate,
            seats: String(vehicle.seats),
            wheelchairPlaces: String(vehicle.wheelchairPlaces),
            baseSettlement: vehicle.baseSettlement,
            driverId: vehicle.driverID?.uuidString ?? ""
        )
    }

    static func fields(
        _ req: Request,
        centre: UUID,
        vehicle: TransportVehicle? = nil,
        input: VehicleInput,
        form: FormState,
        scope: AccessScope
    ) async throws -> Fields {
        let user = try req.currentUser()
        let municipality = try await TransportStore.place(of: centre, req).municipality
        let settlements = try await TerritoryNames.shared.settlements(of: municipality, on: req.db)
        let drivers = try await TransportStore.drivers(provider: centre, scope, on: req.db)
        var values = form.values
        if values.isEmpty { values = input.values }
        return Fields(
            action: vehicle.map { "/home-care/transport/vehicles/\($0.id!)" }
                ?? "/home-care/transport/vehicles?provider=\(centre)",
            version: vehicle?.version ?? nil,
            canEdit: user.can(.planHomeCare) && user.scope(for: .planHomeCare).providers.contains(centre),
            form: FormState(values: values, errors: form.errors),
            settlements: [Choice(value: "", label: "—", selected: (input.baseSettlement ?? "").isEmpty)]
                + settlements.map { Choice(value: $0.code, label: $0.name, selected: $0.code == input.baseSettlement) },
            drivers: [Choice(value: "", label: "—", selected: (input.driverId ?? "").isEmpty)]
                + drivers.map {
                    Choice(
                        value: $0.userID.uuidString,
                        label: $0.name,
                        selected: $0.userID.uuidString == input.driverId
                    )
                }
        )
    }

    static func render(
        _ req: Request,
        vehicle: TransportVehicle?,
        centre: UUID,
        input: VehicleInput,
        form: FormState,
        summary: ErrorSummary? = nil
    ) async throws -> View {
        let user = try req.currentUser()
        var fields = try await fields(
            req,
            centre: centre,
            vehicle: vehicle,
            input: input,
            form: form,
            scope: user.scope(for: .viewHomeCare)
        )
        // A refused save keeps the version the editor started from, so a second try still conflicts.
        if let version = input.version { fields.version = version }
        let tomorrow = CalendarDay.today(at: req.application.clock.now()).adding(days: 1)
        let context = Context(
            back: "/home-care/transport/days/\(tomorrow.iso)?provider=\(centre)",
            vehicleForm: fields,
            summary: summary
        )
        return try await req.view.render(
            "homecare/vehicle",
            req.page(title: vehicle?.name ?? req.text(.transportNewVehicle), context)
        )
    }
}
