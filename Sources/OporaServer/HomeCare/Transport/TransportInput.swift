import Foundation
import OporaCore
import OporaScheduling
import Vapor

/// A vehicle as typed on the form (or sent to the API, as text, so both take the same checks).
struct VehicleInput: Content, Sendable {
    var version: Int?
    var name: String?
    var plate: String?
    var seats: String?
    var wheelchairPlaces: String?
    var baseSettlement: String?
    /// The driver's user id; empty for none.
    var driverId: String?
}

/// A vehicle, checked: what `TransportStore.saveVehicle` writes.
struct VehicleDraft: Sendable {
    var name: String
    var plate: String
    var seats: Int
    var wheelchairPlaces: Int
    var baseSettlement: String
    var driverID: UUID?

    /// A minibus's seats at most; a wheelchair place takes the room of about three seats.
    static let seats = 1...30
    static let wheelchairPlaces = 0...6

    /// Every problem at once, beside its field. A driver named who is not one of the centre's
    /// drivers is not a form error but a record outside the caller's reach: 404.
    static func validate(
        _ input: VehicleInput,
        settlementExists: (String) -> Bool,
        drivers: Set<UUID>,
        checks: inout FieldChecks
    ) throws -> VehicleDraft? {
        let name = checks.text("name", input.name, maximum: 80)
        let plate = checks.text("plate", input.plate, maximum: 12)
        let seats = number(input.seats, in: Self.seats, field: "seats", key: .transportSeatsNumber, &checks)
        let places = number(
            input.wheelchairPlaces,
            in: Self.wheelchairPlaces,
            field: "wheelchairPlaces",
            key: .transportWheelchairPlacesNumber,
            &checks
        )
        let base = (input.baseSettlement ?? "").trimmingCharacters(in: .whitespaces)
        if base.isEmpty {
            checks.add("baseSettlement", key: .errorRequired)
        } else if !settlementExists(base) {
            checks.add("baseSettlement", key: .settlementUnknown)
        }
        var driver: UUID?
        let driverText = (input.driverId ?? "").trimmingCharacters(in: .whitespaces)
        if !driverText.isEmpty {
            guard let id = UUID(uuidString: driverText) else {
                checks.add("driverId", key: .errorChooseFromList)
                return nil
            }
            guard drivers.contains(id) else { throw Abort(.notFound) }
            driver = id
        }
        guard checks.problems.isEmpty, let seats, let places else { return nil }
        return VehicleDraft(
            name: name,
            plate: plate,
            seats: seats,
            wheelchairPlaces: places,
            baseSettlement: base,
            driverID: driver
        )
    }

    /// A whole number in `range`, refused with `key` otherwise; at most four digits are read,
    /// so a huge number is refused rather than parsed.
    static func number(
        _ text: String?,
        in range: ClosedRange<Int>,
        field: String,
        key: CatalogueKey,
        _ checks: inout FieldChecks
    ) -> Int? {
        let trimmed = (text ?? "").trimmingCharacters(in: .whitespaces)
        guard trimmed.count <= 4, let value = Int(trimmed), range.contains(value) else {
            checks.add(field, key: key)
            return nil
        }
        return value
    }
}

/// A trip request as typed.
struct TripInput: Content, Sendable {
    /// The case of the person who travels.
    var caseId: String?
    var day: String?
    var fromSettlement: String?
    var fromAddress: String?
    var toSettlement: String?
    var toAddress: String?
    var arriveBy: String?
    /// Empty for a trip one way.
    var returnAt: String?
    /// "on" (a checkbox) or "true".
    var wheelchair: String?
    var companions: String?
}

/// A trip request, checked: what `TransportStore.addTrip` writes.
struct TripDraft: Sendable {
    var passenger: TransportStore.Passenger
    var day: CalendarDay
    var fromSettlement: String
    var fromAddress: String
    var toSettlement: String
    var toAddress: String
    var arriveBy: Int
    var returnAt: Int?
    var load: TripLoad

    /// Trips are booked up to three months ahead (the carriers' lists go out weekly).
    static let daysAhead = 92
    /// A trip's times lie in the vehicles' working day.
    static let earliestArrival = 6 * 60
    static let latestReturn = 21 * 60
    /// The shortest stay at the destination before the back trip.
    static let shortestStay = 15

    /// Every problem at once, beside its field. `now` is the request's clock: an arrival
    /// already past is refused. `fleet` is the centre's vehicles: a load none of them could
    /// ever carry is refused here rather than left for the planner to drop.
    static func validate(
        _ input: TripInput,
        passengers: [TransportStore.Passenger],
        fleet: [(seats: Int, wheelchairPlaces: Int)],
        settlementExists: (String) -> Bool,
        now: Date,
        checks: inout FieldChecks
    ) throws -> TripDraft? {
        var passenger: TransportStore.Passenger?
        if let id = UUID(uuidString: (input.caseId ?? "").trimmingCharacters(in: .whitespaces)) {
            // A case that is not one of the centre's people in the caller's scope is not found.
            guard let found = passengers.first(where: { $0.caseID == id }) else { throw Abort(.notFound) }
            passenger = found
        } else {
            checks.add("caseId", key: .errorChooseFromList)
        }
        let today = CalendarDay.today(at: now)
        let day = CalendarDay(iso: (input.day ?? "").trimmingCharacters(in: .whitespaces))
        if let day {
            if day < today {
                checks.add("day", key: .transportDayPast)
            } else if today.days(until: day) > Self.daysAhead {
                checks.add("day", key: .transportDayTooFar)
            }
        } else {
            checks.add("day", key: .dateInvalid)
        }
        for field in ["fromSettlement", "toSettlement"] {
            let code = ((field == "fromSettlement" ? input.fromSettlement : input.toSettlement) ?? "")
                .trimmingCharacters(in: .whitespaces)
            if code.isEmpty {
                checks.add(field, key: .errorRequired)
            } else if !settlementExists(code) {
                checks.add(field, key: .settlementUnknown)
            }
        }
        let fromAddress = checks.text("fromAddress", input.fromAddress, maximum: 200)
        let toAddress = checks.text("toAddress", input.toAddress, maximum: 200)
        let arriveBy = TimeWindow.minute(ofClock: (input.arriveBy ?? "").trimmingCharacters(in: .whitespaces))
        if let arriveBy {
            if arriveBy < Self.earliestArrival || arriveBy > Self.latestReturn {
                checks.add("arriveBy", key: .transportTimeOutsideDay)
            } else if day == today, arriveBy <= SofiaTime.minuteOfDay(now) {
                checks.add("arriveBy", key: .transportArrivalPast)
            }
        } else {
            checks.add("arriveBy", key: .transportTimeInvalid)
        }
        var returnAt: Int?
        let returnText = (input.returnAt ?? "").trimmingCharacters(in: .whitespaces)
        if !returnText.isEmpty {
            returnAt = TimeWindow.minute(ofClock: returnText)
            if let back = returnAt {
                if back > Self.latestReturn {
                    checks.add("returnAt", key: .transportTimeOutsideDay)
                } else if let arriveBy, back < arriveBy + Self.shortestStay {
                    checks.add("returnAt", key: .transportReturnTooSoon)
                }
            } else {
                checks.add("returnAt", key: .transportTimeInvalid)
            }
        }
        let wheelchair = ["on", "true", "1"].contains((input.wheelchair ?? "").lowercased())
        let companions = VehicleDraft.number(
            input.companions ?? "0",
            in: TripLoad.companionRange,
            field: "companions",
            key: .transportCompanionsNumber,
            &checks
        )
        // The wheelchair is checked against the fleet even when the companions were refused.
        switch TripLoad(wheelchair: wheelchair, companions: companions ?? 0).misfit(in: fleet) {
        case .wheelchairPlaces(let needed, let largest):
            checks.add("wheelchair", message: misfitText(.transportWheelchairExceedsFleet, needed, largest, checks))
        case .seats(let needed, let largest) where companions != nil:
            checks.add("companions", message: misfitText(.transportSeatsExceedFleet, needed, largest, checks))
        default: break
        }
        guard checks.problems.isEmpty, let passenger, let day, let arriveBy, let companions else { return nil }
        return TripDraft(
            passenger: passenger,
            day: day,
            fromSettlement: (input.fromSettlement ?? "").trimmingCharacters(in: .whitespaces),
            fromAddress: fromAddress,
            toSettlement: (input.toSettlement ?? "").trimmingCharacters(in: .whitespaces),
            toAddress: toAddress,
            arriveBy: arriveBy,
            returnAt: returnAt,
            load: TripLoad(wheelchair: wheelchair, companions: companions)
        )
    }

    private static func misfitText(
        _ key: CatalogueKey,
        _ needed: Int,
        _ largest: Int,
        _ checks: FieldChecks
    )
        -> String
    {
        checks.catalogue.text(key, checks.language).replacingOccurrences(of: "{needed}", with: String(needed))
            .replacingOccurrences(of: "{largest}", with: String(largest))
    }
}
