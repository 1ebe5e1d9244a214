import Fluent
import OporaCore
import Vapor

/// The catalogue of good practices: read by everyone, written within the writer's scope.
enum PracticeStore {
    /// The published practices matching `q` (any words, Cyrillic or Latin), in Bulgarian order.
    static func search(_ q: String, on db: any Database) async throws -> [GoodPractice] {
        var query = Scoped.unscoped(GoodPractice.self, on: db, .publicRecord)
        let folded = SearchNormalizer.fold(q)
        for word in folded.split(separator: " ") where !word.isEmpty {
            query = query.filter(\.$searchText ~~ String(word))
        }
        return try await query.sort(\.$sortKey).all()
    }

    static func published(_ id: UUID, on db: any Database) async throws -> GoodPractice {
        guard let practice = try await Scoped.unscopedFind(GoodPractice.self, id, on: db, .publicRecord) else {
            throw Abort(.notFound)
        }
        return practice
    }

    static func transfers(of id: UUID, on db: any Database) async throws -> [PracticeTransfer] {
        try await PracticeTransfer.query(on: db).filter(\.$practice.$id == id).sort(\.$adoptedOn).all()
    }

    struct Draft: Sendable {
        var title: String
        var problem: String
        var description: String
        var evidence: String
        var contact: String
        var providerName: String
        var municipality: Municipality
    }

    struct Input: Content {
        var title: String?
        var problem: String?
        var description: String?
        var evidence: String?
        var contact: String?
        var providerName: String?
        var municipalityCode: String?
    }

    /// Checks every field at once; a practice without evidence is refused (`GoodPracticeRule`).
    static func validate(_ input: Input, scope: AccessScope, request req: Request) async throws -> Draft {
        var checks = req.fieldChecks()
        let title = checks.text("title", input.title, maximum: 200)
        let problem = checks.text("problem", input.problem, maximum: 4000)
        let description = checks.text("description", input.description, maximum: 8000)
        let evidence = checks.text("evidence", input.evidence, maximum: 8000, required: false)
        do { try GoodPracticeRule.check(evidence: evidence) } catch { checks.add("evidence", error) }
        let contact = checks.text("contact", input.contact, maximum: 300)
        let provider = checks.text("providerName", input.providerName, maximum: 200)
        let municipality = try await municipalityInScope(input.municipalityCode, scope, on: req.db)
        if municipality == nil { checks.add("municipalityCode", key: .errorChooseFromList) }
        try checks.finish()
        return Draft(
            title: title,
            problem: problem,
            description: description,
            evidence: evidence,
            contact: contact,
            providerName: provider,
            municipality: municipality!
        )
    }

    /// The municipality named, if the scope reaches it: its own, or one of its oblast's.
    static func municipalityInScope(
        _ code: String?,
        _ scope: AccessScope,
        on db: any Database
    ) async throws
        -> Municipality?
    {
        guard let code, !code.isEmpty, let municipality = try await TerritoryQueries.municipality(code, on: db) else {
            return nil
        }
        let reaches =
            scope.country || scope.municipalities.contains(code) || scope.oblasts.contains(municipality.oblastCode)
        return reaches ? municipality : nil
    }

    static func create(_ draft: Draft, request req: Request) async throws -> GoodPractice {
        let actor = req.auditActor
        let now = req.application.clock.now()
        let practice = GoodPractice()
        practice.version = 1
        practice.title = draft.title
        practice.problem = draft.problem
        practice.practiceDescription = draft.description
        practice.evidence = draft.evidence
        practice.contact = draft.contact
        practice.providerName = draft.providerName
        practice.municipalityCode = draft.municipality.id!
        practice.oblastCode = draft.municipality.oblastCode
        practice.searchText = searchText(draft)
        practice.sortKey = BulgarianCollation.sortKey(draft.title)
        return try await req.write { db in
            try await practice.create(on: db)
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: "practice.created",
                recordType: "practice",
                recordID: practice.id!.uuidString,
                changes: [FieldChange(field: "title", old: nil, new: draft.title)],
                at: now
            )
            return practice
        }
    }

    static func searchText(_ draft: Draft) -> String {
        SearchNormalizer.fold(
            [draft.title, draft.problem, draft.description, draft.providerName, draft.municipality.nameBG]
                .joined(separator: " ")
        )
    }

    struct TransferInput: Content {
        var municipalityCode: String?
        var adoptedOn: String?
        var result: String?
    }

    /// Records that a municipality of the writer's scope took the practice up.
    static func recordTransfer(
        _ input: TransferInput,
        practice: GoodPractice,
        scope: AccessScope,
        request req: Request
    ) async throws -> PracticeTransfer {
        var checks = req.fieldChecks()
        let municipality = try await municipalityInScope(input.municipalityCode, scope, on: req.db)
        if municipality == nil { checks.add("municipalityCode", key: .errorChooseFromList) }
        if let municipality, municipality.id == practice.municipalityCode {
            checks.add("municipalityCode", key: .planningTransferSamePlace)
        }
        let day = CalendarDay(iso: (input.adoptedOn ?? "").trimmingCharacters(in: .whitespaces))
        if day == nil { checks.add("adoptedOn", key: .dateInvalid) }
        let result = checks.text("result", input.result, maximum: 4000)
        try checks.finish()
        let actor = req.auditActor
        let now = req.application.clock.now()
        let transfer = PracticeTransfer()
        transfer.$practice.id = try practice.requireID()
        transfer.municipalityCode = municipality!.id!
        transfer.oblastCode = municipality!.oblastCode
        transfer.adoptedOn = day!.iso
        transfer.result = result
        return try await req.write { db in
            try await transfer.create(on: db)
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: "practice.transferred",
                recordType: "practice",
                recordID: practice.id!.uuidString,
                changes: [FieldChange(field: "transfer", old: nil, new: transfer.municipalityCode)],
                at: now
            )
            return transfer
        }
    }
}
