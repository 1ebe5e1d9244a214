import Fluent
import OporaCore
import SQLKit
import Vapor

/// People queries and changes, always within the caller's scope; every opening of a file is audited.
enum PeopleStore {
    static func query(_ scope: AccessScope, on db: any Database) -> QueryBuilder<Person> {
        scope.restrict(Person.query(on: db), oblast: \.$oblastCode, municipality: \.$municipalityCode, provider: \.$provider.$id)
            .filter(\.$anonymised == false)
    }

    /// By any part of a name (Cyrillic or Latin), by an exact ЕГН or ЛНЧ, or by settlement.
    static func search(_ scope: AccessScope, q: String, settlement: String?, page: Int, perPage: Int, key: DataKey,
                       on db: any Database) async throws -> SearchPage<Person> {
        var query = query(scope, on: db)
        if let settlement, !settlement.isEmpty { query = query.filter(\.$settlementEkatte == settlement) }
        let text = q.trimmingCharacters(in: .whitespaces)
        if text.allSatisfy(\.isNumber), text.count == 10 {
            let hashes = [IdentifierType.egn, .lnch].map { key.identifierHash(type: $0, value: text) }
            query = query.filter(\.$identifierHash ~~ hashes)
        } else if !text.isEmpty {
            guard let named = try await PeopleSearch.filter(query, folded: SearchNormalizer.fold(text),
                                                           wholeRegion: scope.country || !scope.oblasts.isEmpty, on: db) else {
                return PeopleSearch.empty(page: page, perPage: perPage)
            }
            query = named
        }
        return try await PeopleSearch.page(query, page: max(page, 1), perPage: perPage)
    }

    /// Opens a person's file: not found outside the scope, and audited when found.
    static func open(_ id: UUID, _ scope: AccessScope, request req: Request) async throws -> Person {
        guard let person = try await query(scope, on: req.db).filter(\.$id == id).first() else { throw Abort(.notFound) }
        let actor = req.auditActor
        let now = req.application.clock.now()
        try await req.write { db in
            try await AuditTrail.append(on: db, actor: actor, action: "person.opened", recordType: "person", recordID: id.uuidString, at: now)
        }
        return person
    }

    struct PossibleDuplicate: Error, Sendable {
        var existing: [Person]
    }

    /// Refuses an identifier already registered; warns (once) about the same name and birth date.
    static func create(_ draft: PersonDraft, provider: UUID, confirmDuplicate: Bool, request req: Request) async throws -> Person {
        let key = req.application.dataKey
        let actor = req.auditActor
        let now = req.application.clock.now()
        if let identifier = draft.identifier,
           try await Person.query(on: req.db).filter(\.$identifierHash == key.identifierHash(type: draft.identifierType, value: identifier)).first() != nil {
            throw ValidationFailure(problems: [FieldProblem(field: "identifier", message: req.text("identifier_taken"))])
        }
        if !confirmDuplicate, let birth = draft.birthDate {
            let sameName = try await Person.query(on: req.db)
                .filter(\.$searchText == draft.name.searchText).filter(\.$birthDate == birth.iso).filter(\.$anonymised == false).all()
            if !sameName.isEmpty { throw PossibleDuplicate(existing: sameName) }
        }
        return try await req.write { db in
            let person = Person()
            person.version = 1
            person.$provider.id = provider
            person.anonymised = false
            let changes = try draft.apply(to: person, key: key)
            if let hash = person.identifierHash, try await Person.query(on: db).filter(\.$identifierHash == hash).first() != nil {
                throw ValidationFailure(problems: [FieldProblem(field: "identifier", message: req.text("identifier_taken"))])
            }
            try await person.create(on: db)
            try await AuditTrail.append(on: db, actor: actor, action: "person.created", recordType: "person",
                                        recordID: person.id!.uuidString, changes: changes, at: now)
            return person
        }
    }

    static func update(_ id: UUID, _ draft: PersonDraft, version: Int?, scope: AccessScope, request req: Request) async throws -> Person {
        guard let version else { throw ValidationFailure(problems: [FieldProblem(field: "version", message: req.text("error_required"))]) }
        _ = try await query(scope, on: req.db).filter(\.$id == id).first().unwrap(or: Abort(.notFound))
        let key = req.application.dataKey
        let actor = req.auditActor
        let now = req.application.clock.now()
        return try await req.write { db in
            try await db.lockRow(table: Person.schema, id: id)
            guard let person = try await Person.find(id, on: db) else { throw Abort(.notFound) }
            guard person.version == version else { throw EditConflict(recordType: "person") }
            let changes = try draft.apply(to: person, key: key)
            if let hash = person.identifierHash,
               try await Person.query(on: db).filter(\.$identifierHash == hash).filter(\.$id != id).first() != nil {
                throw ValidationFailure(problems: [FieldProblem(field: "identifier", message: req.text("identifier_taken"))])
            }
            person.version += 1
            try await person.update(on: db)
            try await AuditTrail.append(on: db, actor: actor, action: "person.updated", recordType: "person",
                                        recordID: id.uuidString, changes: changes, at: now)
            return person
        }
    }
}

extension Optional {
    func unwrap(or error: @autoclosure () -> any Error) throws -> Wrapped {
        guard let value = self else { throw error() }
        return value
    }
}
