import Fluent
import OporaCore
import Vapor

extension Permission {
    /// The person's own page: their plan, their week, requests, ratings and who opened the file.
    static let useMyPage = Permission(name: "useMyPage", roles: [.serviceUser])
    /// Invite a person or their representative, and issue them a new code.
    static let inviteServiceUsers = Permission(
        name: "inviteServiceUsers",
        roles: [.providerManager, .coordinator, .caseWorker]
    )
    /// Answer the requests people send from their own page.
    static let answerChangeRequests = Permission(
        name: "answerChangeRequests",
        roles: [.providerManager, .coordinator, .caseWorker]
    )
}

/// The files a signed-in service user may see now, and the one this page is about.
///
/// The account's grants name the files; a representative's link stands only while the household
/// record still names them as legal representative and the appointment's last day has not
/// passed, so an appointment that ended closes the page without anyone having to remember.
struct MyFiles: Sendable {
    var user: CurrentUser
    var files: [OwnFile.Summary]
    var links: [UUID: MyPageLink]
    var chosen: OwnFile.Summary

    /// Only the chosen file: every read of the page goes through this.
    var scope: AccessScope { AccessScope(people: [chosen.id]) }

    var isRepresentative: Bool { links[chosen.id]?.isRepresentative ?? false }

    /// `?for=` keeps the chosen ward on links when there are several.
    var query: String { files.count > 1 ? "?for=\(chosen.id.uuidString)" : "" }
}

/// Why the page cannot open: said kindly, with what to do.
struct MyPageClosed: Error, Sendable {
    var problem: InvitationProblem
}

enum MyPageAccess {
    static func files(_ req: Request) async throws -> MyFiles {
        let user = try req.require(.useMyPage)
        let granted = user.scope(for: .useMyPage)
        let links = try await Scoped.query(MyPageLink.self, granted, on: req.db).filter(\.$userID == user.id).all()
        let today = CalendarDay.today(at: req.application.clock.now())
        var standing: [UUID: MyPageLink] = [:]
        for link in links {
            if link.isRepresentative {
                let recorded = try await OwnFile.representatives(
                    of: link.personID,
                    granted,
                    key: req.application.dataKey,
                    on: req.db
                ).contains { $0.memberID == link.memberID }
                let ends = link.appointmentEnds.flatMap(CalendarDay.init(iso:))
                guard Representation.isInForce(recorded: recorded, lastDay: ends, today: today) else { continue }
            }
            standing[link.personID] = link
        }
        let files = try await OwnFile.people(Set(standing.keys), granted, on: req.db)
            .sorted { $0.name < $1.name }
        guard !files.isEmpty else { throw MyPageClosed(problem: .appointmentEnded) }
        let asked = req.query[String.self, at: "for"].flatMap(UUID.init(uuidString:))
        if let asked, !files.contains(where: { $0.id == asked }) { throw Abort(.notFound) }
        let chosen = files.first { $0.id == asked } ?? files[0]
        return MyFiles(user: user, files: files, links: standing, chosen: chosen)
    }
}
