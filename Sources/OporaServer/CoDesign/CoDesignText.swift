import Fluent
import OporaCore
import Vapor

/// Words the workshop pages share.
enum CoDesignText {
    static func method(_ method: CoDesignMethod, _ req: Request) -> String {
        switch method {
        case .dots: req.text(.codesignMethodDots)
        case .ranking: req.text(.codesignMethodRanking)
        case .scores: req.text(.codesignMethodScores)
        }
    }

    /// How the count was done, in short sentences, shown beside every result.
    static func howCounted(_ method: CoDesignMethod, dots: Int, _ req: Request) -> String {
        switch method {
        case .dots: req.text(.codesignHowDots).replacingOccurrences(of: "{dots}", with: String(dots))
        case .ranking: req.text(.codesignHowRanking)
        case .scores: req.text(.codesignHowScores)
        }
    }

    /// Who made a proposal, by kind only: a participant's name never reaches a public page.
    static func author(_ proposal: CoDesignProposal, kind: CoDesignParticipantKind?, _ req: Request) -> String {
        guard let kind else { return req.text(.codesignFromSession) }
        let who = kind.label(in: req.language)
        return proposal.assisted ? who + " · " + req.text(.codesignAssisted) : who
    }
}

/// A series' sessions in order, numbered from one, and how a page lists one.
enum CoDesignSessions {
    static func ordered(of series: UUID, _ scope: AccessScope, on db: any Database) async throws -> [CoDesignSession] {
        try await Scoped.query(CoDesignSession.self, scope, on: db).filter(\.$seriesID == series).all()
            .sorted { ($0.day, $0.starts) < ($1.day, $1.starts) }
    }

    static func line(_ session: CoDesignSession, _ req: Request, number: Int? = nil) -> SeriesPage.SessionLine {
        var access: [String] = []
        if session.stepFree { access.append(req.text(.codesignStepFree)) }
        if session.signLanguage { access.append(req.text(.codesignSignLanguage)) }
        if session.easyReadMaterial { access.append(req.text(.codesignEasyReadMaterial)) }
        return SeriesPage.SessionLine(
            id: session.id!.uuidString,
            number: number ?? 0,
            day: CalendarDay(iso: session.day)?.display ?? session.day,
            starts: session.starts,
            place: session.place,
            access: access,
            accessText: access.joined(separator: ", "),
            minutesPublished: session.minutesPublishedAt != nil
        )
    }
}
