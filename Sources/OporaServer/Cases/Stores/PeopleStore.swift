import Fluent
import OporaCore
import SQLKit
import Vapor

/// People queries and changes, always within the caller's scope; every opening of a file is audited.
enum PeopleStore {
    static func query(_ scope: AccessScope, on db: any Database) -> QueryBuilder<Person> {
        Scoped.query(Person.self, scope, on: db)
            .filter(\.$anonymised == false)
    }

    /// By any part of a name (Cyrillic or Latin), by an exact ЕГН or ЛНЧ, or by settlement.
    static func search(
        _ scope: AccessScope,
        q: String,
        settlement: String?,
        page: Int,
        perPage: Int,
        key: DataKey,
        on db: any Database
    ) async throws -> SearchPage<PersonListRow> {
        var query = query(scope, on: db)
        if let settlement, !settlement.isEmpty { query = query.filter(\.$settlementEkatte == settlement) }
        let text = q.trimmingCharacters(in: .whitespaces)
        if text.allSatisfy(\.isNumber), text.count == 10 {
            let providers = try await providerIDs(in: scope, on: db)
            let hashes = providers.flatMap { provider in
                [IdentifierType.egn, .lnch].map { key.identifierHash(type: $0, value: text, provider: provider) }
            }
            query = query.filter(\.$identifierHash ~~ hashes)
        } else if text.allSatisfy(\.isNumber), text.count == 4 {
            // The last four digits the list shows, found by their keyed hash at each provider in scope.
            let providers = try await providerIDs(in: scope, on: db)
            query = query.filter(
                \.$identifierTailHash ~~ providers.compactMap { key.identifierTailHash(text, provider: $0) }
            )
        } else if !text.isEmpty {
            guard
                let named = try await PeopleSearch.filter(
                    query,
                    folded: SearchNormalizer.fold(text),
                    wholeRegion: scope.country || !scope.oblasts.isEmpty,
                    on: db
                )
            else {
                return PeopleSearch.empty(page: page, perPage: perPage)
            }
            query = named
        }
        return try await PeopleSearch.page(query, page: max(page, 1), perPage: perPage)
    }

    /// The providers whose people the scope reaches, for identifier hashes (which name the provider).
    private static func providerIDs(in scope: AccessScope, on db: any Database) async throws -> [UUID] {
        if scope.oblasts.isEmpty, scope.municipalities.isEmpty, !scope.country { return Array(scope.providers) }
        return try await ProviderStore.query(scope, on: db).all(\.$id)
    }

    /// Opens a person's file: not found outside the scope, and audited when found.
    static func open(_ id: UUID, _ scope: AccessScope, request req: Request) async throws -> Person {
        guard let person = try await query(scope, on: req.db).filter(\.$id == id).first() else {
            throw Abort(.notFound)
        }
        let actor = req.auditActor
        let now = req.application.clock.now()
        try await req.write { db in
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: "person.opened",
                recordType: "person",
                recordID: id.uuidString,
                at: now
            )
        }
        return person
    }

    struct PossibleDuplicate: Error, Sendable {
        var existing: [Person]
    }

    /// Refuses an identifier already registered at the provider; warns (once) about a person of
    /// the same names and birth date, or of the same names when either has no identifier. Both
    /// checks look only inside `scope` (what the user may read): that a person is a client of
    /// social services elsewhere is itself sensitive, and is learnt only through a consented referral.
    static func create(
        _ draft: PersonDraft,
        provider: UUID,
        scope: AccessScope,
        confirmDuplicate: Bool,
        request req: Request
    ) async throws -> Person {
        let key = req.application.dataKey
        let actor = req.auditActor
        let now = req.application.clock.now()
        if let identifier = draft.identifier,
            try await query(scope, on: req.db)
                .filter(
                    \.$identifierHash
                        == key.identifierHash(type: draft.identifierType, value: identifier, provider: provider)
                ).first() != nil
        {
            throw ValidationFailure(problems: [FieldProblem(field: "identifier", message: req.text(.identifierTaken))]
            )
        }
        if !confirmDuplicate {
            var sameName = query(scope, on: req.db).filter(\.$searchText == draft.name.searchText)
            if let birth = draft.birthDate, draft.identifier != nil {
                sameName = sameName.filter(\.$birthDate == birth.iso)
            } else if let birth = draft.birthDate {
                sameName = sameName.group(.or) { $0.filter(\.$birthDate == birth.iso).filter(\.$identifierHash == nil) }
            }
            let found = try await sameName.limit(20).all()
            if !found.isEmpty { throw PossibleDuplicate(existing: found) }
        }
        return try await req.write { db in
            let person = Person()
            person.version = 1
            person.$provider.id = provider
            person.anonymised = false
            let changes = try draft.apply(to: person, key: key)
            if let hash = person.identifierHash,
                try await Scoped.unscoped(Person.self, on: db, .uniqueness).filter(\.$identifierHash == hash).first()
                    != nil
            {
                throw ValidationFailure(problems: [
                    FieldProblem(field: "identifier", message: req.text(.identifierTaken))
                ])
            }
            try await person.create(on: db)
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: "person.created",
                recordType: "person",
                recordID: person.id!.uuidString,
                changes: changes,
                sealingWith: key,
                at: now
            )
            return person
        }
    }

    static func update(
        _ id: UUID,
        _ draft: PersonDraft,
        version: Int?,
        scope: AccessScope,
        request req: Request
    ) async throws -> Person {
        _ = try await query(scope, on: req.db).filter(\.$id == id).first().unwrap(or: Abort(.notFound))
        let key = req.application.dataKey
        let taken = req.text(.identifierTaken)
        return try await req.updateVersioned(Person.self, id: id, expected: version, recordType: "person") {
            person,
            db in
            let changes = try draft.apply(to: person, key: key)
            // The hash names the person's provider, so this looks at that provider's register only.
            if let hash = person.identifierHash,
                try await Scoped.unscoped(Person.self, on: db, .uniqueness).filter(\.$identifierHash == hash).filter(
                    \.$id != id
                ).first() != nil
            {
                throw ValidationFailure(problems: [FieldProblem(field: "identifier", message: taken)])
            }
            return changes.isEmpty ? nil : AuditedChange(action: "person.updated", changes: changes)
        }
    }
}
