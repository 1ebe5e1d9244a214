import Fluent
import Foundation
import OporaCore
import Testing
import VaporTesting

@testable import OporaServer

@Suite("The demo's people, as a new user meets them")
struct DemoPeopleTests {
    @Test(
        "Demo referrals say why, how soon and whom to call; their consents say how they were given; assessments are signed by name"
    )
    func demoRecordsAreComplete() async throws {
        try await withOpora { app, clock async throws in
            let caseWorker = try #require(
                try await User.query(on: app.db).filter(\.$username == "caseworker").first()
            )
            try await DemoPeople.seed(on: app.db, key: app.dataKey, caseWorker: caseWorker.id!, now: clock.now)
            let referrals = try await Referral.query(on: app.db).all()
            #expect(!referrals.isEmpty)
            for referral in referrals {
                #expect(referral.urgency != nil)
                #expect(try referral.reasonSealed.map { try app.dataKey.open($0) }?.isEmpty == false)
                #expect(referral.contactName == "Елена Димитрова")
            }
            let consents = try await SharingConsent.query(on: app.db).all()
            #expect(!consents.isEmpty)
            #expect(consents.allSatisfy { $0.form == ConsentForm.written.rawValue })
            let signers = Set(try await Assessment.query(on: app.db).all().map(\.signedBy))
            #expect(signers == ["Елена Димитрова"])
        }
    }
}
