import Foundation
import OporaCore
import Vapor

/// A candidate as typed: the staff form's skills, home settlement and weekly rows (here the hours
/// the candidate is free), with the name, phone and labour-office registration.
struct CandidateInput: Content, Sendable {
    var version: Int?
    var name: String?
    var phone: String?
    var homeSettlement: String?
    /// "yes" or "no"; neither is chosen in advance.
    var registeredUnemployed: String?
    var office: String?
    var skills: [String]?
    var shiftDay: [String]?
    var shiftStart: [String]?
    var shiftEnd: [String]?

    var staffInput: StaffInput {
        StaffInput(
            version: version,
            skills: skills,
            contractHours: String(WorkingPattern.maximumWeeklyHours),
            homeSettlement: homeSettlement,
            shiftDay: shiftDay,
            shiftStart: shiftStart,
            shiftEnd: shiftEnd
        )
    }
}

/// A candidate, checked: what `PoolStore` writes.
struct CandidateDraft: Sendable {
    var name: String
    var phone: String?
    var registration: CandidateRegistration
    var settlement: String
    var skills: Set<CareSkill>
    var availability: [Shift]

    /// Every problem at once, beside its field: a name, a plausible phone if one is given, a yes
    /// or no on the registration, a known settlement, skills from the list, and availability rows
    /// that are real shifts (`WorkingPattern`), not held to contract hours since they are the hours
    /// the candidate is free; at least one row, since a candidate never free cannot be proposed.
    static func validate(
        _ input: CandidateInput,
        settlementExists: (String) -> Bool,
        checks: inout FieldChecks
    ) -> CandidateDraft? {
        let name = checks.text("name", input.name, maximum: 120)
        let phone = checks.text("phone", input.phone, maximum: 30, required: false)
        if !phone.isEmpty, !PhoneNumber.isPlausible(phone) { checks.add("phone", key: .phoneInvalid) }
        let registered: Bool? =
            switch input.registeredUnemployed {
            case "yes": true
            case "no": false
            default: nil
            }
        if registered == nil { checks.add("registeredUnemployed", key: .errorChooseFromList) }
        let office = checks.text("office", input.office, maximum: 120, required: registered == true)
        let staff = StaffDraft.validate(
            input.staffInput,
            settlementExists: settlementExists,
            contract: false,
            checks: &checks
        )
        let typedRows = [input.shiftDay, input.shiftStart, input.shiftEnd].contains { column in
            (column ?? []).contains { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        }
        if !typedRows { checks.add("shifts", key: .poolAvailabilityRequired) }
        guard checks.problems.isEmpty, let staff, let registered else { return nil }
        return CandidateDraft(
            name: name,
            phone: phone.isEmpty ? nil : phone,
            registration: CandidateRegistration(registeredUnemployed: registered, office: registered ? office : ""),
            settlement: staff.homeSettlement,
            skills: staff.skills,
            availability: staff.shifts
        )
    }
}

/// The hire form: the new account's sign-in name and first password, the contract's weekly
/// hours, and the manager's confirmation, which is never ticked in advance.
struct HireInput: Content, Sendable {
    var version: Int?
    var username: String?
    var password: String?
    var contractHours: String?
    var confirm: String?
}

/// A hire, checked.
struct HireDraft: Sendable {
    var username: String
    var password: String
    var contractHours: Int

    /// The account's rules are Platform's (`UserDraft.isValidUsername`, `PasswordPolicy`); the
    /// contract must hold the candidate's availability (`WorkingPattern`), since it becomes the
    /// new staff member's working pattern.
    static func validate(_ input: HireInput, availability: [Shift], checks: inout FieldChecks) -> HireDraft? {
        let username = checks.text("username", input.username, maximum: 40).lowercased()
        if !username.isEmpty, !UserDraft.isValidUsername(username) { checks.add("username", key: .usernameInvalid) }
        let password = input.password ?? ""
        if let problem = PasswordPolicy.problems(password: password, username: username).first {
            checks.add("password", problem)
        }
        let hoursText = (input.contractHours ?? "").trimmingCharacters(in: .whitespaces)
        let hours = hoursText.count <= 3 ? Int(hoursText) : nil
        if let hours {
            for problem in WorkingPattern(contractHours: hours, shifts: availability).problems() {
                checks.add(problem.concernsContract ? "contractHours" : "shifts", problem)
            }
        } else {
            checks.add("contractHours", key: .staffContractHoursNumber)
        }
        if input.confirm != "yes" { checks.add("confirm", key: .poolHireConfirm) }
        guard checks.problems.isEmpty, let hours else { return nil }
        return HireDraft(username: username, password: password, contractHours: hours)
    }
}
