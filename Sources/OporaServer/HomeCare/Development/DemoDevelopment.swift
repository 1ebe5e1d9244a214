import Fluent
import OporaCore
import Vapor

/// A year of the demo centre's staff development: training courses, group psychological support
/// against burn-out, consultations, and supervision about every ten weeks, except for every sixth
/// worker, whose last supervision was four months ago, and every eleventh, never supervised, so
/// that the overdue list shows someone. Deterministic.
enum DemoDevelopment {
    static let trainings = [
        ("Първа помощ в дома", "Български червен кръст"),
        ("Безопасно преместване и позициониране", "Кинезитерапевт на центъра"),
        ("Комуникация с хора с деменция", "Фондация „Глобални библиотеки“"),
        ("Защита на личните данни в социалните услуги", "Юрист на общината"),
    ]
    static let leaders = ["Мария Георгиева, супервизор", "Д-р Петър Николов, психолог", "Елена Стоянова, супервизор"]

    static func seed(_ demo: DemoSeeding) async throws {
        let centre = DemoProviders.municipal.id
        let staff = try await Scoped.unscoped(StaffMember.self, on: demo.db, .administration)
            .filter(\.$providerID == centre).all()
        let users = try await Scoped.unscoped(User.self, on: demo.db, .administration)
            .filter(\.$id ~~ staff.map(\.userID)).sort(\.$username).all()
        let today = CalendarDay.today(at: demo.now)
        for (index, user) in users.enumerated() {
            var records: [(DevelopmentKind, Int, Int, String, String)] = []
            for (n, training) in trainings.enumerated() where (index + n) % 2 == 0 {
                records.append((.training, -30 - 80 * n - index % 20, 400 + 200 * (n % 2), training.0, training.1))
            }
            for month in stride(from: 1, through: 11, by: 2) {
                records.append(
                    (
                        .psychologicalSupport, -30 * month - index % 7, 150, "Група за подкрепа срещу прегаряне",
                        leaders[1]
                    )
                )
            }
            records.append((.consultation, -45 - index % 30, 100, "Работа с трудни случаи", leaders[0]))
            if DevelopmentStore.needsSupervision(user.jobTitle), index % 11 != 5 {
                let first = index % 6 == 3 ? -125 : -5 - index % 40
                for step in 0..<5 where first - 75 * step >= -360 {
                    records.append(
                        (
                            .supervision, first - 75 * step, 200, "Индивидуална супервизия",
                            leaders[step % 2 == 0 ? 0 : 2]
                        )
                    )
                }
            }
            for (kind, offset, hundredths, topic, ledBy) in records {
                let record = DevelopmentRecord()
                record.version = 1
                record.providerID = centre
                record.municipalityCode = DemoProviders.municipality
                record.oblastCode = DemoProviders.oblast
                record.userID = user.id!
                record.kind = kind.rawValue
                record.day = today.adding(days: offset).iso
                record.hundredths = hundredths
                record.topicSealed = try demo.key.seal(topic)
                record.ledBy = ledBy
                record.createdBy = demo.actor.name
                record.createdAt = demo.now
                try await record.create(on: demo.db)
            }
        }
    }
}
