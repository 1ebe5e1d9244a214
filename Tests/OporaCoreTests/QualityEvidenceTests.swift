import OporaCore
import Testing

@Suite("The provider's own figures under a monitoring visit's headings")
struct QualityEvidenceTests {
    static let visitDay = CalendarDay(year: 2026, month: 11, day: 18)!

    static func evidence(
        faces: [VisitFace] = [],
        visits: QualityEvidence.Visits = .init(),
        staff: Int = 0,
        supervised: Int = 0,
        inTime: Int = 0,
        hundredths: Int = 0
    ) -> QualityEvidence {
        QualityEvidence(
            period: QualityEvidence.period(before: visitDay),
            visits: visits,
            ratings: VisitRatingRule.summary(faces),
            staff: staff,
            supervised: supervised,
            supervisedInTime: inTime,
            developmentHundredths: hundredths
        )
    }

    @Test("The figures cover the year before the visit day, the visit day left out")
    func period() {
        let period = QualityEvidence.period(before: Self.visitDay)
        #expect(period.from == CalendarDay(year: 2025, month: 11, day: 18)!)
        #expect(period.to == CalendarDay(year: 2026, month: 11, day: 17)!)
        let activities = [
            DevelopmentActivity(
                worker: 1,
                kind: .training,
                day: CalendarDay(year: 2025, month: 11, day: 17)!,
                hundredths: 800
            ),
            DevelopmentActivity(worker: 1, kind: .training, day: period.from, hundredths: 150),
            DevelopmentActivity(worker: 2, kind: .supervision, day: period.to, hundredths: 200),
            DevelopmentActivity(worker: 2, kind: .supervision, day: Self.visitDay, hundredths: 400),
        ]
        #expect(QualityEvidence.developmentHundredths(activities, from: period.from, to: period.to) == 350)
    }

    @Test("Under five ratings only their number is told; from five, the faces and the share of good ones")
    func ratingsOnlyAsAggregates() {
        let few = Self.evidence(faces: [.good, .good, .poor, .good]).lines(under: .effectiveness, in: .bg)
        #expect(
            few[1]
                == "Оценки на посещенията от потребителите: 4. Под 5 оценки не се показват по лица, за да не сочат кой ги е дал."
        )
        #expect(!few[1].contains("Добре"))
        let five = Self.evidence(faces: [.good, .good, .poor, .good, .neutral]).lines(under: .effectiveness, in: .en)
        #expect(
            five[1]
                == "Ratings of visits by users (18.11.2025 – 17.11.2026): 5 — Good 3, So-so 1, Not good 1; “Good”: 60 %."
        )
        #expect(Self.evidence().lines(under: .effectiveness, in: .bg)[1].hasPrefix("Няма оценки на посещенията"))
    }

    @Test("Visits made are a share of those due, with the missed and the unrecorded told apart")
    func visits() {
        let lines = Self.evidence(visits: .init(due: 200, happened: 183, missed: 9)).lines(
            under: .effectiveness,
            in: .bg
        )
        #expect(
            lines[0]
                == "Посещения по график (18.11.2025 – 17.11.2026): 200; състояли се 183 (92 %), пропуснати 9, без отчет 8."
        )
        #expect(
            Self.evidence().lines(under: .effectiveness, in: .en)[0]
                == "Opora holds no scheduled visits for 18.11.2025 – 17.11.2026."
        )
    }

    @Test("Staff figures: supervision on time among those it applies to, and the mean hours of development")
    func staff() {
        let lines = Self.evidence(staff: 4, supervised: 3, inTime: 2, hundredths: 1_050).lines(under: .staff, in: .bg)
        #expect(
            lines == [
                "Супервизия в срок в деня на посещението: 2 от 3 служители.",
                "Обучение и супервизия (18.11.2025 – 17.11.2026): 10,5 ч, средно 2,63 ч на служител (4 служители).",
            ]
        )
        #expect(
            Self.evidence().lines(under: .staff, in: .bg) == [
                "В Опора няма служители на доставчика в пряка работа с потребители."
            ]
        )
        #expect(Self.evidence(staff: 4).lines(under: .organisation, in: .bg).isEmpty)
    }
}
