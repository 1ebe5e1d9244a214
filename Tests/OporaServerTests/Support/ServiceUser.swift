import Fluent
import Foundation
import OporaCore
import Testing
import Vapor

@testable import OporaServer

/// A service user whose grant and link name one file, as a used invitation code leaves them.
func addServiceUser(_ app: Application, username: String, person: UUID) async throws {
    let file = try #require(try await Person.query(on: app.db).filter(\.$id == person).first())
    let user = User(
        username: username,
        displayName: username,
        passwordHash: try await app.password.async.hash(demoPassword)
    )
    try await user.create(on: app.db)
    try await RoleGrant(userID: user.id!, role: .serviceUser, scopeKind: .person, scopeCode: person.uuidString)
        .create(on: app.db)
    let link = MyPageLink()
    link.userID = user.id!
    link.personID = person
    link.providerID = file.$provider.id
    link.municipalityCode = file.municipalityCode
    link.oblastCode = file.oblastCode
    link.hasPassword = true
    link.createdAt = app.clock.now()
    try await link.create(on: app.db)
}

/// A person of the municipal centre for the route walk's service user.
func addServiceUserAtHome(_ app: Application, username: String) async throws {
    let api = try await APIClient.signIn(app, "caseworker")
    let egn = EGN.make(birthDate: CalendarDay(year: 1944, month: 4, day: 4)!, sex: .male, serial: 41)!.value
    let person = try await api.call(
        .POST,
        "/people",
        json: PeopleTests.registerBody(given: "Петко", family: "Вътрешен", egn: egn)
    )
    .json(PersonDTO.self)
    try await addServiceUser(app, username: username, person: person.id)
}
