import Fluent
import Foundation
import OporaCore

/// The demo's neighbourhood: four eight- and six-storey blocks of кв. „Факултета“ in Sofia, their
/// entrances with three or four flats a floor, the directorate's four outreach workers assigned
/// to them, and a month of knocking on doors: flats met once, families met again and again, doors
/// that did not open. Deterministic.
enum DemoOutreach {
    static let neighbourhoodID = UUID(uuidString: "0e0e0000-0000-4000-8000-000000000001")!
    static let sofia = "68134"

    /// Block number, entrances (label, floors, flats a floor), the workers on each entrance.
    static let blocks: [(String, [(String, Int, Int)], [String])] = [
        ("5", [("А", 8, 3), ("Б", 8, 3), ("В", 8, 3)], ["outreach", "outreach", "outreach2"]),
        ("6", [("А", 6, 4), ("Б", 6, 4)], ["outreach2", "outreach3"]),
        (
            "7", [("А", 8, 3), ("Б", 8, 3), ("В", 8, 3), ("Г", 8, 3)],
            ["outreach3", "outreach3", "outreach4", "outreach4"]
        ),
        ("8", [("А", 6, 3), ("Б", 6, 3)], ["outreach4", ""]),
    ]

    /// Who was met, what was said, what the family wants in their words, what was promised.
    static let conversations: [(String, String, String, String, ContactPurpose)] = [
        (
            "жена около 40, три деца", "Кафе на площадката, запознахме се.",
            "„Искам децата да ходят на училище всеки ден.“", "Ще донесем информация за училищния автобус.", .trust
        ),
        (
            "мъж около 55 и възрастна майка", "Писмо от ЕРМ за дълг за ток.",
            "„Да не ни спрат тока през зимата.“", "Ще помогнем с молба за разсрочване.", .practicalHelp
        ),
        (
            "млада майка с бебе", "Личен лекар и имунизации.", "„Искам лекар, който да идва тук.“",
            "Ще я свържем със здравния медиатор.", .conversation
        ),
        (
            "двама братя около 20", "Търсят работа, нямат шофьорски книжки.", "„Работа, каквато и да е, но с договор.“",
            "Ще ги заведем в бюрото по труда в четвъртък.", .conversation
        ),
        (
            "баба с двама внуци", "Пенсия и помощи за отопление.", "„Да ни стигат парите до края на месеца.“",
            "Ще проверим правото на целева помощ.", .followUp
        ),
        ("жена около 30", "Само поздрав и покана за събирането в петък.", "", "", .firstKnock),
    ]

    static func seed(_ demo: DemoSeeding) async throws {
        let provider = DemoProviders.sofiaDirectorate
        let neighbourhood = Neighbourhood()
        neighbourhood.id = neighbourhoodID
        neighbourhood.version = 1
        neighbourhood.providerID = provider.id
        neighbourhood.municipalityCode = provider.municipality
        neighbourhood.oblastCode =
            try await TerritoryQueries.municipality(provider.municipality, on: demo.db)?
            .oblastCode ?? "SOF"
        neighbourhood.settlementEkatte = sofia
        neighbourhood.name = "кв. „Факултета“"
        neighbourhood.sortKey = BulgarianCollation.sortKey(neighbourhood.name)
        try await neighbourhood.create(on: demo.db)
        try await demo.audit("outreach.neighbourhood.created", "outreach_neighbourhood", neighbourhoodID)
        let today = CalendarDay.today(at: demo.now)
        var serial = 0
        var entranceIndex = 0
        for (position, (number, entrances, workers)) in blocks.enumerated() {
            let block = OutreachBlock()
            block.neighbourhoodID = neighbourhoodID
            block.number = number
            block.position = position
            try await block.create(on: demo.db)
            var first = 1
            for (index, (label, floors, perFloor)) in entrances.enumerated() {
                let entrance = OutreachEntrance()
                entrance.blockID = block.id!
                entrance.neighbourhoodID = neighbourhoodID
                entrance.label = label
                entrance.position = index
                entrance.floors = floors
                entrance.flatsPerFloor = perFloor
                entrance.firstFlat = first
                try await entrance.create(on: demo.db)
                let layout = entrance.layout!
                first = layout.nextEntranceFirstFlat
                entranceIndex += 1
                guard !workers[index].isEmpty else { continue }
                let worker = try demo.account(workers[index])
                let assignment = EntranceAssignment()
                assignment.entranceID = entrance.id!
                assignment.neighbourhoodID = neighbourhoodID
                assignment.userID = worker
                try await assignment.create(on: demo.db)
                let workerName =
                    DemoProviders.outreachAccounts.first { $0.username == workers[index] }?.displayName ?? ""
                // Every entrance but the last of each block was visited; some flats more than once.
                guard index < entrances.count - 1 || entranceIndex % 2 == 0 else { continue }
                for visit in 0..<(3 + entranceIndex % 3) {
                    serial += 1
                    let flat = layout.firstFlat + (visit * 5 + entranceIndex) % layout.flatCount
                    let talk = conversations[(serial + visit) % conversations.count]
                    let outcome: ContactOutcome = serial % 7 == 3 ? .noAnswer : serial % 11 == 5 ? .declined : .met
                    let met = outcome == .met
                    // A family met a second time: the same flat a few days later.
                    for again in 0..<(visit == 0 && met ? 2 : 1) {
                        let contact = OutreachContact()
                        contact.clientID = "demo-\(serial)-\(again)"
                        contact.providerID = provider.id
                        contact.municipalityCode = neighbourhood.municipalityCode
                        contact.oblastCode = neighbourhood.oblastCode
                        contact.neighbourhoodID = neighbourhoodID
                        contact.entranceID = entrance.id!
                        contact.flat = flat
                        contact.floor = layout.floor(ofFlat: flat)!
                        contact.day = today.adding(days: -(2 + (serial * 3 + entranceIndex) % 26) + again * 2).iso
                        contact.minutes = met ? [20, 30, 45, 60][serial % 4] : 5
                        contact.purpose = (again == 1 ? ContactPurpose.followUp : met ? talk.4 : .firstKnock).rawValue
                        contact.outcome = outcome.rawValue
                        contact.workerID = worker
                        contact.workerName = workerName
                        contact.metSealed = try demo.key.seal(met ? talk.0 : "")
                        contact.talkedSealed = try demo.key.seal(met ? talk.1 : "")
                        contact.wantsSealed = try demo.key.seal(met ? talk.2 : "")
                        contact.promisedSealed = try demo.key.seal(met ? talk.3 : "")
                        contact.createdAt = demo.now
                        try await contact.create(on: demo.db)
                    }
                }
            }
        }
    }
}
