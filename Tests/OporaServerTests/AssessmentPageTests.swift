import Fluent
import Foundation
import OporaCore
import Testing
import VaporTesting

@testable import OporaServer

@Suite("Assessment page")
struct AssessmentPageTests {
    @Test("A refused assessment comes back with every answer as it was typed and the message beside the long text")
    func refusedKeepsAnswers() async throws {
        try await withOpora { app, _ async throws in
            let s = try await CaseFlowTests.setUp(app)
            let browser = Browser(app)
            _ = try await browser.signIn("caseworker")
            let form = "/cases/\(s.supportCase.id)/assessment"
            var fields: [(String, String)] = BarthelIndex.Item.allCases.map {
                ("barthel[\($0.rawValue)]", String($0.maximum))
            }
            fields += LawtonIADL.Item.allCases.map { ("lawton[\($0.rawValue)]", "0") }
            fields += [
                ("rating[socialContactsAndLoneliness]", "2"),
                ("words[socialContactsAndLoneliness]", "Скучно ми е вечер"),
                ("goal[socialContactsAndLoneliness]", "Да ходя на хор"),
                ("rating[housing]", "1"), ("words[housing]", String(repeating: "студено ", count: 300)),
                ("dependenceDegree", "2"),
            ]
            let refused = try await browser.post(form, fields, from: form)
            #expect(refused.status == .unprocessableEntity)
            let page = refused.body.string
            #expect(page.contains(#"<p class="field-error" id="words-housing-error">Най-много 2000 знака.</p>"#))
            #expect(page.contains(">Скучно ми е вечер</textarea>"))
            #expect(page.contains(#"value="Да ходя на хор""#))
            #expect(page.contains(#"<option value="2" selected>"#))
            #expect(try await Assessment.query(on: app.db).count() == 0)

            let tooLong = String(repeating: "а", count: 2001)
            let api = try await s.api.call(
                .POST,
                "/people/\(s.person.id)/assessments",
                json: """
                    {"caseId":"\(s.supportCase.id)","barthel":\(CaseFlowTests.barthel),"lawton":\(CaseFlowTests.lawton),
                     "domains":[{"domain":"housing","rating":1,"inOwnWords":"\(tooLong)","goal":""}]}
                    """
            )
            #expect(api.status == .unprocessableEntity)
            #expect(try api.json(ProblemDetails.self).errors?.map(\.field) == ["domains.0.inOwnWords"])
        }
    }
}
