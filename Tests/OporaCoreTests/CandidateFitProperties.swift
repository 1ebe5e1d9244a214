import Foundation
import OporaCore
import PropertyBased
import Testing

private let window = zip(Gen.int(in: 0...47), Gen.int(in: 1...16)).compactMap { start, length in
    TimeWindow(startMinute: start * 30, endMinute: min(24 * 60, start * 30 + length * 30))
}
private let weekday = Gen.element(of: Weekday.allCases).map { $0! }
private let times = zip(weekday, window).array(of: 0...6).map { WeeklyTimes($0) }
private let skills = Gen.element(of: CareSkill.allCases).map { $0! }.array(of: 0...3).map(Set.init)
private let place = zip(Gen.int(in: 41_000...44_000), Gen.int(in: 22_000...24_000)).map {
    (Double($0) / 1000, Double($1) / 1000)
}
private let candidate = zip(place, times, skills, Gen.int(in: 0...99)).map { place, times, skills, n in
    let id = UUID()
    // The tie-break carries the id, so no two candidates are equal in the order.
    return CandidateProfile(
        id: id,
        latitude: place.0,
        longitude: place.1,
        availability: times,
        skills: skills,
        tieBreak: "\(n)-\(id)"
    )
}
private let need = zip(times, skills).map { AssistantNeed(times: $0, skills: $1.union([.personalCare])) }

@Suite("Weekly times and the candidates' fit")
struct CandidateFitProperties {
    @Test func overlapIsSymmetricBoundedAndSelfOverlapIsTheWhole() async {
        await propertyCheck(input: times, times) { a, b in
            let overlap = a.overlapMinutes(with: b)
            #expect(overlap == b.overlapMinutes(with: a))
            #expect(overlap <= min(a.minutes, b.minutes))
            #expect(a.overlapMinutes(with: a) == a.minutes)
            #expect(a.minutes <= 7 * 24 * 60)
        }
    }

    @Test func mergedIntervalsAreDisjointAndSorted() async {
        await propertyCheck(input: times) { t in
            for windows in t.intervals.values {
                for (x, y) in zip(windows, windows.dropFirst()) { #expect(x.endMinute < y.startMinute) }
            }
        }
    }

    @Test func theRankingIsSortedByItsOrderAndProposesExactlyThoseFreeAtTheTimes() async {
        await propertyCheck(input: candidate.array(of: 0...12), need, place) { candidates, need, home in
            let ranked = CandidateRanking.rank(candidates, for: need, latitude: home.0, longitude: home.1)
            #expect(
                Set(ranked.map(\.id))
                    == Set(candidates.filter { $0.availability.overlapMinutes(with: need.times) > 0 }.map(\.id))
            )
            for (a, b) in zip(ranked, ranked.dropFirst()) { #expect(!CandidateRanking.precedes(b, a)) }
            for fit in ranked {
                #expect(fit.overlapMinutes + fit.uncoveredMinutes == need.times.minutes)
                #expect(fit.matchedSkills.union(fit.missingSkills) == need.skills)
            }
        }
    }

    /// Coming closer, or becoming free at more of the times, never moves a candidate down.
    @Test func aBetterCandidateNeverRanksLower() async {
        await propertyCheck(input: candidate.array(of: 1...10), need, place, times) { candidates, need, home, extra in
            func position(_ list: [CandidateProfile<UUID>]) -> Int? {
                CandidateRanking.rank(list, for: need, latitude: home.0, longitude: home.1)
                    .firstIndex { $0.id == list[0].id }
            }
            guard let before = position(candidates) else { return }
            var nearer = candidates
            nearer[0].latitude = home.0
            nearer[0].longitude = home.1
            #expect(position(nearer)! <= before)
            var freer = candidates
            for (day, windows) in extra.intervals { for w in windows { freer[0].availability.add(w, on: day) } }
            #expect(position(freer)! <= before)
            var skilled = candidates
            skilled[0].skills.formUnion(need.skills)
            #expect(position(skilled)! <= before)
        }
    }

    @Test("A plan's need: only assistant work without a chosen worker, on the days its frequency implies")
    func needOfAPlan() throws {
        let today = CalendarDay(iso: "2026-11-16")!
        let chosen = UUID()
        func service(
            _ type: SocialServiceType,
            _ period: ServiceFrequency.Period,
            days: Set<Weekday> = [],
            worker: UUID? = nil
        )
            -> PlannedService
        {
            PlannedService(
                serviceID: UUID(),
                type: type,
                frequency: ServiceFrequency(visits: 1, per: period, minutesPerVisit: 60)!,
                preferredDays: days,
                preferredTime: TimeWindow(startMinute: 9 * 60, endMinute: 12 * 60),
                chosenWorkerID: worker
            )
        }
        func plan(_ services: [PlannedService], assistance: PersonalAssistanceGrant? = nil) -> SupportPlan {
            SupportPlan(
                goals: ["x"],
                services: services,
                startDate: today,
                reviewDate: today.adding(days: 90),
                personalAssistance: assistance
            )
        }
        #expect(AssistantNeed.of(plan([service(.assistantSupport, .workingDay, worker: chosen)])) == nil)
        #expect(AssistantNeed.of(plan([service(.therapyAndRehabilitation, .week)])) == nil)
        let need = try #require(
            AssistantNeed.of(
                plan([
                    service(.assistantSupport, .workingDay, days: [.saturday]),
                    service(.therapyAndRehabilitation, .week),
                ])
            )
        )
        #expect(need.skills == [.personalCare])
        #expect(need.times.days == [.monday, .tuesday, .wednesday, .thursday, .friday, .saturday])
        #expect(need.times.minutes == 6 * 180)
        let weekly = try #require(AssistantNeed.of(plan([service(.assistantSupport, .week, days: [.tuesday])])))
        #expect(weekly.times.days == [.tuesday])
        let grant = PersonalAssistanceGrant(
            degree: .third,
            monthlyHours: 40,
            frequency: ServiceFrequency(visits: 1, per: .day, minutesPerVisit: 45)
        )
        let assistance = try #require(AssistantNeed.of(plan([], assistance: grant)))
        #expect(assistance.times.days == Weekday.allCases)
        #expect(
            assistance.times.minutes == 7
                * (VisitDemandRule.defaultWindow.endMinute - VisitDemandRule.defaultWindow.startMinute)
        )
    }

    @Test("Ordered by skills, then uncovered minutes, then distance, then the tie-break")
    func rankingTable() {
        let need = AssistantNeed(
            times: WeeklyTimes([(.monday, TimeWindow(startMinute: 540, endMinute: 720)!)]),
            skills: [.personalCare]
        )
        func make(
            _ name: String,
            km: Double?,
            until: Int,
            skills: Set<CareSkill> = [.personalCare]
        )
            -> CandidateProfile<String>
        {
            CandidateProfile(
                id: name,
                latitude: km.map { 42.28 + $0 / 111.2 },
                longitude: km.map { _ in 22.69 },
                availability: WeeklyTimes([(.monday, TimeWindow(startMinute: 480, endMinute: until)!)]),
                skills: skills,
                tieBreak: name
            )
        }
        let ranked = CandidateRanking.rank(
            [
                make("far-full", km: 20, until: 720), make("near-part", km: 1, until: 600),
                make("near-full", km: 2, until: 720), make("unskilled", km: 0, until: 720, skills: []),
                make("nowhere", km: nil, until: 720), make("busy", km: 0, until: 540),
            ],
            for: need,
            latitude: 42.28,
            longitude: 22.69
        )
        #expect(ranked.map(\.id) == ["near-full", "far-full", "nowhere", "near-part", "unskilled"])
        #expect(abs(ranked[0].distanceKm! - 2) < 0.05)
        #expect(ranked[3].overlapMinutes == 60)
        #expect(ranked[4].missingSkills == [.personalCare])
    }
}
