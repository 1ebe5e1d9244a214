import Fluent
import OporaCore
import Vapor

/// The centre's staff: who makes visits, with what skills, hours, home and working pattern, and
/// their dated absences.
struct StaffRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("home-care", "staff", use: list)
        routes.get("home-care", "staff", ":userID", use: show)
        routes.post("home-care", "staff", ":userID", use: save)
        routes.post("home-care", "staff", ":userID", "absences", use: addAbsence)
    }

    struct Row: Encodable, Sendable {
        var href: String
        var name: String
        var job: String
        var skills: String
        var hours: String
        var home: String
        var pattern: String
        var absences: String
    }

    struct ListContext: Encodable, Sendable {
        var centres: [Choice]
        var rows: [Row]
    }

    func list(req: Request) async throws -> View {
        let user = try req.require(.viewHomeCare)
        let scope = user.scope(for: .viewHomeCare)
        let (centre, centres) = try await HomeCareCentre.chosen(req, scope)
        let language = req.language
        let entries = try await centre.asyncFlatMap { try await StaffStore.list(provider: $0, scope, on: req.db) } ?? []
        let homes = try await settlementNames(entries.compactMap { $0.profile?.homeSettlement }, on: req.db)
        let today = CalendarDay.today(at: req.application.clock.now())
        let rows = entries.map { entry in
            Row(
                href: "/home-care/staff/\(entry.user.id!)",
                name: entry.user.displayName,
                job: entry.user.jobTitle?.label(in: language) ?? "",
                skills: (entry.profile?.skillSet ?? []).map { $0.label(in: language) }.sorted().joined(separator: ", "),
                hours: entry.profile.map { String($0.contractHours) } ?? "—",
                home: entry.profile.flatMap { homes[$0.homeSettlement] } ?? "—",
                pattern: entry.profile.map { Self.patternSummary($0.shiftList, language) }
                    ?? req.text(.staffNoProfile),
                absences: entry.absences.compactMap(\.absence).filter { $0.until >= today }
                    .map { "\($0.kind.label(in: language)) \($0.from.display)–\($0.until.display)" }.joined(
                        separator: "; "
                    )
            )
        }
        return try await req.view.render(
            "homecare/staff",
            req.page(title: req.text(.staffTitle), ListContext(centres: centres, rows: rows))
        )
    }

    static func patternSummary(_ shifts: [Shift], _ language: Language) -> String {
        guard !shifts.isEmpty else { return "—" }
        let minutes = shifts.reduce(0) { $0 + $1.minutes }
        let days = Weekday.allCases.filter { day in shifts.contains { $0.weekday == day } }
        return days.map { $0.short(in: language) }.joined(separator: ", ") + " · "
            + decimalHours(minutes, in: language) + (language == .bg ? " ч седмично" : " h a week")
    }

    struct ShiftRow: Encodable, Sendable {
        var index: Int
        /// The row as people count it, from 1.
        var number: Int
        var days: [Choice]
        var start: String
        var end: String
        var error: String?
    }

    struct AbsenceRow: Encodable, Sendable {
        var kind: String
        var from: String
        var until: String
    }

    struct FormContext: Encodable, Sendable {
        var action: String
        var name: String
        var job: String
        var canEdit: Bool
        var version: Int?
        var form: FormState
        var summary: ErrorSummary?
        var skills: [Choice]
        var settlements: [Choice]
        var shifts: [ShiftRow]
        var absences: [AbsenceRow]
        var absenceForm: FormState
        var kinds: [Choice]
        var hasProfile: Bool
        var calendar: CalendarFeedSection
    }

    func show(req: Request) async throws -> View {
        let user = try req.require(.viewHomeCare)
        let entry = try await StaffStore.member(
            try req.uuidParameter("userID"),
            user.scope(for: .viewHomeCare),
            on: req.db
        )
        return try await render(req, entry, input: Self.input(of: entry), form: FormState())
    }

    static func input(of entry: StaffListEntry) -> StaffInput {
        guard let profile = entry.profile else {
            return StaffInput(
                skills: entry.user.jobTitle.map { CareSkill.defaults(for: $0).map(\.rawValue) } ?? [],
                contractHours: "40",
                homeSettlement: nil
            )
        }
        let shifts = profile.shiftList
        return StaffInput(
            version: profile.version,
            skills: profile.skillSet.map(\.rawValue),
            contractHours: String(profile.contractHours),
            homeSettlement: profile.homeSettlement,
            shiftDay: shifts.map(\.weekday.rawValue),
            shiftStart: shifts.map { TimeWindow.clock($0.startMinute) },
            shiftEnd: shifts.map { TimeWindow.clock($0.endMinute) }
        )
    }

    private func render(
        _ req: Request,
        _ entry: StaffListEntry,
        input: StaffInput,
        form: FormState,
        summary: ErrorSummary? = nil,
        absenceForm: FormState = FormState()
    ) async throws -> View {
        let user = try req.currentUser()
        let language = req.language
        let canEdit =
            user.can(.manageStaff)
            && user.scope(for: .manageStaff).covers(
                oblast: entry.user.oblastCode ?? "",
                municipality: entry.user.municipalityCode ?? "",
                provider: entry.user.providerID
            )
        let municipality = entry.user.municipalityCode
        let settlements = try await TerritoryNames.shared.settlements(of: municipality, on: req.db)
        let skills = Set(input.skills ?? [])
        let days = input.shiftDay ?? []
        let shifts = (0..<StaffInput.rows).map { index in
            let day = index < days.count ? days[index] : ""
            return ShiftRow(
                index: index,
                number: index + 1,
                days: [Choice(value: "", label: "—", selected: day.isEmpty)]
                    + Weekday.allCases.map {
                        Choice(value: $0.rawValue, label: $0.label(in: language), selected: $0.rawValue == day)
                    },
                start: index < (input.shiftStart ?? []).count ? input.shiftStart![index] : "",
                end: index < (input.shiftEnd ?? []).count ? input.shiftEnd![index] : "",
                error: form.errors["shifts.\(index)"]
            )
        }
        var values = form.values
        values["contractHours"] = input.contractHours ?? ""
        let context = FormContext(
            action: "/home-care/staff/\(entry.user.id!)",
            name: entry.user.displayName,
            job: entry.user.jobTitle?.label(in: language) ?? "",
            canEdit: canEdit,
            version: input.version,
            form: FormState(values: values, errors: form.errors),
            summary: summary,
            skills: CareSkill.allCases.map {
                Choice(value: $0.rawValue, label: $0.label(in: language), selected: skills.contains($0.rawValue))
            },
            settlements: [Choice(value: "", label: "—", selected: (input.homeSettlement ?? "").isEmpty)]
                + settlements.map { Choice(value: $0.code, label: $0.name, selected: $0.code == input.homeSettlement) },
            shifts: shifts,
            absences: entry.absences.compactMap(\.absence).map {
                AbsenceRow(kind: $0.kind.label(in: language), from: $0.from.display, until: $0.until.display)
            },
            absenceForm: absenceForm,
            kinds: [Choice(value: "", label: "—", selected: (absenceForm.values["kind"] ?? "").isEmpty)]
                + Absence.Kind.allCases.map {
                    Choice(
                        value: $0.rawValue,
                        label: $0.label(in: language),
                        selected: absenceForm.values["kind"] == $0.rawValue
                    )
                },
            hasProfile: entry.profile != nil,
            calendar: try await CalendarFeedSection.of(entry.user.id!, on: req.db)
        )
        return try await req.view.render("homecare/staff-member", req.page(title: entry.user.displayName, context))
    }

    private func editable(_ req: Request) async throws -> StaffListEntry {
        let user = try req.require(.manageStaff)
        return try await StaffStore.member(try req.uuidParameter("userID"), user.scope(for: .manageStaff), on: req.db)
    }

    func save(req: Request) async throws -> Response {
        let entry = try await editable(req)
        let input = try req.content.decode(StaffInput.self)
        var checks = req.fieldChecks()
        let known = try await TerritoryNames.shared.settlementNames([input.homeSettlement ?? ""], on: req.db)
        let draft = StaffDraft.validate(input, settlementExists: { known[$0] != nil }, checks: &checks)
        do {
            try checks.finish()
            try await StaffStore.save(draft!, for: entry, version: input.version, request: req)
            return req.redirect(to: "/home-care/staff/\(entry.user.id!)", flash: .saved)
        } catch let failure as ValidationFailure {
            return try await render(
                req,
                entry,
                input: input,
                form: FormState(errors: failure.byField),
                summary: req.errorSummary(failure)
            ).encodeResponse(status: .unprocessableEntity, for: req)
        } catch is EditConflict {
            return try await render(
                req,
                entry,
                input: input,
                form: FormState(),
                summary: req.errorSummary(message: req.text(.errorConflict))
            ).encodeResponse(status: .conflict, for: req)
        }
    }

    func addAbsence(req: Request) async throws -> Response {
        let entry = try await editable(req)
        let input = try req.content.decode(AbsenceInput.self)
        var checks = req.fieldChecks()
        let absence = Absence.validate(input, checks: &checks)
        do {
            try checks.finish()
            guard let profile = entry.profile else {
                throw ValidationFailure(problems: [
                    FieldProblem(field: "kind", message: req.text(.staffAbsenceNeedsProfile))
                ])
            }
            try await StaffStore.addAbsence(absence!, to: profile, request: req)
            return req.redirect(to: "/home-care/staff/\(entry.user.id!)#absences", flash: .saved)
        } catch let failure as ValidationFailure {
            let values = ["kind": input.kind ?? "", "from": input.from ?? "", "until": input.until ?? ""]
            return try await render(
                req,
                entry,
                input: Self.input(of: entry),
                form: FormState(),
                summary: req.errorSummary(failure),
                absenceForm: FormState(values: values, errors: failure.byField)
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
    }
}
