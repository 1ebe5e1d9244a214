import Fluent
import OporaCore
import Vapor

/// One service of the register as planning completes it: how it is funded, its Map maximum for
/// the year, and how full it is, counted from casework (`ServiceUse`), never typed.
struct RegisterRow: Sendable {
    var service: ProvidedService
    var providerName: String
    var providerKind: ProviderKind
    var entryVersion: Int
    var fundingRegime: FundingRegime?
    var mapMaximum: Int?
    var use: ServiceUseFigures
    var status: CapacityStatus
    var licence: LicenceState
}

/// The completed register, always within the caller's scope.
enum RegisterStore {
    static let years = 2020...2100

    static func rows(
        _ scope: AccessScope,
        year: Int,
        municipality: String? = nil,
        request req: Request
    ) async throws -> [RegisterRow] {
        var query = ServiceStore.query(scope, on: req.db).with(\.$provider)
        if let municipality { query = query.filter(\.$municipalityCode == municipality) }
        let services = try await query.sort(\.$municipalityCode).sort(\.$name).all()
        guard !services.isEmpty else { return [] }
        let ids = services.map { $0.id! }
        let entries = try await Scoped.query(RegisterEntry.self, scope, on: req.db).filter(\.$serviceID ~~ ids).all()
        let maxima = try await Scoped.query(MapCapacity.self, scope, on: req.db).filter(\.$serviceID ~~ ids)
            .filter(\.$year == year).all()
        let entryBy = Dictionary(entries.map { ($0.serviceID, $0) }, uniquingKeysWith: { a, _ in a })
        let maximumBy = Dictionary(maxima.map { ($0.serviceID, $0.maxUsers) }, uniquingKeysWith: { a, _ in a })
        let today = CalendarDay.today(at: req.application.clock.now())
        let use = try await ServiceUse.figures(
            services: ids,
            scope,
            on: today,
            key: req.application.dataKey,
            on: req.db
        )
        return services.map { service in
            let figures = use[service.id!] ?? ServiceUseFigures()
            return RegisterRow(
                service: service,
                providerName: service.provider.name,
                providerKind: service.provider.kind,
                entryVersion: entryBy[service.id!]?.version ?? 0,
                fundingRegime: entryBy[service.id!]?.fundingRegime,
                mapMaximum: maximumBy[service.id!],
                use: figures,
                status: CapacityStatus.of(
                    places: service.capacityPlaces,
                    occupied: figures.receiving,
                    waiting: figures.waiting
                ),
                licence: LicenceState.of(
                    required: service.serviceType.licenceRequired(by: service.provider.kind),
                    expiry: service.licenceExpiry.flatMap(CalendarDay.init(iso:)),
                    on: today
                )
            )
        }
    }

    /// What the register form and the API accept, checked at the edge.
    struct Draft: Sendable {
        var fundingRegime: FundingRegime
        var year: Int
        var mapMaximum: Int?
    }

    static func validate(
        fundingRegime: String?,
        year: String?,
        mapMaximum: String?,
        request req: Request
    ) throws
        -> Draft
    {
        var checks = req.fieldChecks()
        let regime = FundingRegime(rawValue: fundingRegime ?? "")
        if regime == nil { checks.add("fundingRegime", key: .errorChooseFromList) }
        let parsedYear = Int((year ?? "").trimmingCharacters(in: .whitespaces)).flatMap {
            years.contains($0) ? $0 : nil
        }
        if parsedYear == nil { checks.add("year", key: .planningYearInvalid) }
        let rawMaximum = (mapMaximum ?? "").trimmingCharacters(in: .whitespaces)
        var maximum: Int?
        if !rawMaximum.isEmpty {
            if let value = Int(rawMaximum), (0...100_000).contains(value) {
                maximum = value
            } else {
                checks.add("mapMaximum", key: .planningMaximumInvalid)
            }
        }
        try checks.finish()
        return Draft(fundingRegime: regime!, year: parsedYear!, mapMaximum: maximum)
    }

    /// Records the funding regime and the Map maximum of a service found in the scope, in one
    /// transaction; `version` is the register entry's as read (0 before the first save).
    static func save(
        _ draft: Draft,
        service: ProvidedService,
        version: Int?,
        request req: Request
    ) async throws {
        guard let version else {
            throw ValidationFailure(problems: [FieldProblem(field: "version", message: req.text(.errorRequired))])
        }
        let actor = req.auditActor
        let now = req.application.clock.now()
        let serviceID = try service.requireID()
        let place = (service.$provider.id, service.municipalityCode, service.oblastCode)
        try await req.write { db in
            try await db.lockRow(table: ProvidedService.schema, id: serviceID)
            let entry =
                try await Scoped.unscoped(RegisterEntry.self, on: db, .reread).filter(\.$serviceID == serviceID).first()
            guard (entry?.version ?? 0) == version else { throw EditConflict(recordType: "register") }
            var changes: [FieldChange] = []
            let record = entry ?? RegisterEntry()
            if entry == nil {
                record.version = 0
                record.serviceID = serviceID
                record.providerID = place.0
                record.municipalityCode = place.1
                record.oblastCode = place.2
            }
            if entry?.fundingRegime != draft.fundingRegime {
                changes.append(
                    FieldChange(
                        field: "fundingRegime",
                        old: entry?.fundingRegime.rawValue,
                        new: draft.fundingRegime.rawValue
                    )
                )
                record.fundingRegime = draft.fundingRegime
            }
            let existing = try await Scoped.unscoped(MapCapacity.self, on: db, .reread)
                .filter(\.$serviceID == serviceID).filter(\.$year == draft.year).first()
            if existing?.maxUsers != draft.mapMaximum {
                changes.append(
                    FieldChange(
                        field: "mapMaximum.\(draft.year)",
                        old: existing.map { String($0.maxUsers) },
                        new: draft.mapMaximum.map(String.init)
                    )
                )
                switch (existing, draft.mapMaximum) {
                case (let existing?, let maximum?):
                    existing.maxUsers = maximum
                    try await existing.update(on: db)
                case (let existing?, nil):
                    try await existing.delete(on: db)
                case (nil, let maximum?):
                    let row = MapCapacity()
                    row.serviceID = serviceID
                    row.providerID = place.0
                    row.municipalityCode = place.1
                    row.oblastCode = place.2
                    row.year = draft.year
                    row.maxUsers = maximum
                    try await row.create(on: db)
                case (nil, nil):
                    break
                }
            }
            guard !changes.isEmpty else { return }
            record.version += 1
            try await record.save(on: db)
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: "register.updated",
                recordType: "service",
                recordID: serviceID.uuidString,
                changes: changes,
                at: now
            )
        }
    }
}
