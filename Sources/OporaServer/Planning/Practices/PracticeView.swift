import Fluent
import OporaCore
import Vapor

/// A practice as the catalogue and the API show it.
struct PracticeSummary: Content, Sendable {
    struct Transfer: Content, Sendable {
        var municipalityCode: String
        var municipality: String
        var adoptedOn: String
        var result: String
    }

    var id: UUID
    var title: String
    var problem: String
    var description: String
    var evidence: String
    var contact: String
    var providerName: String
    var municipalityCode: String
    var municipality: String
    var transfers: [Transfer]

    init(_ practice: GoodPractice, transfers: [PracticeTransfer], names: [String: String]) {
        id = practice.id!
        title = practice.title
        problem = practice.problem
        description = practice.practiceDescription
        evidence = practice.evidence
        contact = practice.contact
        providerName = practice.providerName
        municipalityCode = practice.municipalityCode
        municipality = names[practice.municipalityCode] ?? practice.municipalityCode
        self.transfers = transfers.map {
            Transfer(
                municipalityCode: $0.municipalityCode,
                municipality: names[$0.municipalityCode] ?? $0.municipalityCode,
                adoptedOn: $0.adoptedOn,
                result: $0.result
            )
        }
    }

    static func build(_ practices: [GoodPractice], request req: Request) async throws -> [PracticeSummary] {
        guard !practices.isEmpty else { return [] }
        let transfers = try await PracticeTransfer.query(on: req.db).filter(\.$practice.$id ~~ practices.map { $0.id! })
            .sort(\.$adoptedOn).all()
        let codes = Set(practices.map(\.municipalityCode) + transfers.map(\.municipalityCode))
        let names = try await TerritoryQueries.municipalities(oblasts: [], codes: Array(codes), on: req.db)
        let byCode = Dictionary(names.map { ($0.id!, $0.nameBG) }, uniquingKeysWith: { a, _ in a })
        let grouped = Dictionary(grouping: transfers, by: { $0.$practice.id })
        return practices.map { PracticeSummary($0, transfers: grouped[$0.id!] ?? [], names: byCode) }
    }
}
