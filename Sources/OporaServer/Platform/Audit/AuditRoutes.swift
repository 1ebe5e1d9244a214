import Fluent
import OporaCore
import Vapor

/// The administrator's view of the audit trail, filtered by user, record and dates.
struct AuditRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("admin", "audit", use: list)
    }

    struct Row: Encodable, Sendable {
        var seq: Int
        var at: String
        var actor: String
        var action: String
        var record: String
        var changes: String
        var address: String
    }

    struct Context: Encodable, Sendable {
        var user: String
        var record: String
        var from: String
        var to: String
        var rows: [Row]
        var errors: [String: String]
        var summary: ErrorSummary?
    }

    func list(req: Request) async throws -> View {
        let admin = try req.require(.viewAudit)
        let user = (req.query[String.self, at: "user"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let record = (req.query[String.self, at: "record"] ?? "").trimmingCharacters(in: .whitespaces)
        let fromText = req.query[String.self, at: "from"] ?? ""
        let toText = req.query[String.self, at: "to"] ?? ""
        var errors: [String: String] = [:]
        let from = fromText.isEmpty ? nil : CalendarDay(iso: fromText)
        if !fromText.isEmpty, from == nil { errors["from"] = req.text(.dateInvalid) }
        let to = toText.isEmpty ? nil : CalendarDay(iso: toText)
        if !toText.isEmpty, to == nil { errors["to"] = req.text(.dateInvalid) }
        var query = AuditEvent.query(on: req.db)
        // Audit events are not tied to a territory; only country-wide administrators read them all,
        // others read the events they or the users in their scope caused.
        if !admin.scope(for: .viewAudit).country {
            let ids = try await UserDirectory.query(scope: admin.scope(for: .viewAudit), on: req.db).all().compactMap(
                \.id
            )
            query = query.filter(\.$actorID ~~ ids)
        }
        if !user.isEmpty { query = query.filter(\.$actorName == user) }
        if !record.isEmpty {
            query = query.group(.or) { $0.filter(\.$recordID == record).filter(\.$recordType == record) }
        }
        if let from { query = query.filter(\.$at >= from.startInstant) }
        if let to { query = query.filter(\.$at < to.adding(days: 1).startInstant) }
        let events = errors.isEmpty ? try await query.sort(\.$seq, .descending).limit(500).all() : []
        let rows = events.map {
            Row(
                seq: $0.seq,
                at: SofiaTime.dateTime($0.at),
                actor: $0.actorName,
                action: $0.action,
                record: "\($0.recordType) \($0.recordID)",
                changes: AuditTrail.displayed($0.changes),
                address: $0.address
            )
        }
        let context = Context(
            user: user,
            record: record,
            from: fromText,
            to: toText,
            rows: rows,
            errors: errors,
            summary: errors.isEmpty ? nil : req.errorSummary(ValidationFailure(errors))
        )
        return try await req.view.render("platform/audit", req.page(title: req.text(.auditTitle), context))
    }
}

extension CalendarDay {
    /// Midnight of this day in Sofia.
    var startInstant: Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = SofiaTime.zone
        return calendar.date(from: DateComponents(year: year, month: month, day: day)) ?? .distantPast
    }
}
