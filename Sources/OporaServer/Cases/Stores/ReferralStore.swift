import Fluent
import OporaCore
import Vapor

/// Referrals to other providers in Opora or to outside services. The sender sees its own; the
/// receiving provider sees those addressed to it; only what the person consented to share travels.
enum ReferralStore {
    /// Referrals the scope sent or received.
    static func query(_ scope: AccessScope, on db: any Database) -> QueryBuilder<Referral> {
        Scoped.query(Referral.self, scope, on: db)
    }

    /// Which side of a referral the scope stands on.
    enum Direction: String, Sendable {
        /// Sent by a provider of the scope, or for a case of a place in it: what a provider sent,
        /// and for a director everything sent for the people of the municipality.
        case outgoing
        /// Received by a provider of the scope, or by a service placed in it.
        case incoming
    }

    /// The referrals of the scope on one side; a referral between two providers of one
    /// municipality is both its director's outgoing and incoming.
    static func query(_ scope: AccessScope, _ direction: Direction, on db: any Database) -> QueryBuilder<Referral> {
        let query = query(scope, on: db)
        if scope.isEmpty { return query }
        let providers = Array(scope.providers)
        let municipalities = Array(scope.municipalities)
        let oblasts = Array(scope.oblasts)
        switch direction {
        case .outgoing:
            if scope.country { return query }
            // `Scoped.query` has joined each referral's case for a scope short of the country.
            return query.group(.or) { side in
                if !providers.isEmpty { side.filter(\.$fromProvider.$id ~~ providers) }
                if !municipalities.isEmpty { side.filter(SupportCase.self, \.$municipalityCode ~~ municipalities) }
                if !oblasts.isEmpty { side.filter(SupportCase.self, \.$oblastCode ~~ oblasts) }
            }
        case .incoming:
            if scope.country { return query.filter(\.$toProvider.$id != nil) }
            return query.group(.or) { side in
                if !providers.isEmpty { side.filter(\.$toProvider.$id ~~ providers) }
                if !municipalities.isEmpty { side.filter(\.$toMunicipalityCode ~~ municipalities) }
                if !oblasts.isEmpty { side.filter(\.$toOblastCode ~~ oblasts) }
            }
        }
    }

    struct Input: Content, Sendable {
        var caseId: UUID?
        var toServiceId: UUID?
        var outsideService: String?
        var share: [String]?
        /// Why the person is referred, how soon, and whom to call at the sender.
        var reason: String?
        var urgency: String?
        var contactName: String?
        var contactPhone: String?
        /// The consent the person gives for this referral, recorded with it; without it the
        /// consents already on the person's file must cover what is shared.
        var consentForm: String?
        var consentGivenOn: String?
        var consentWitness: String?
    }

    struct Capacity: Content, Sendable {
        var serviceId: UUID
        var capacityPlaces: Int?
        var activeReferrals: Int
        var freePlaces: Int?
        /// People using the service: plans in force that include it, and accepted referrals.
        var receiving: Int
        var waiting: Int
        /// `CapacityStatus.code`: notCounted, free, full or waitingList.
        var status: String
    }

    /// Free places of a service: its capacity less the people receiving it (`ServiceUse`), the
    /// same count planning reads, so that a referral and the needs table never disagree.
    static func capacity(
        of service: ProvidedService,
        on today: CalendarDay,
        key: DataKey,
        on db: any Database
    ) async throws -> Capacity {
        let id = try service.requireID()
        let use =
            try await ServiceUse.figures(
                services: [id],
                AccessScope(country: true),
                on: today,
                key: key,
                on: db
            )[id] ?? ServiceUseFigures()
        let status = CapacityStatus.of(places: service.capacityPlaces, occupied: use.receiving, waiting: use.waiting)
        return Capacity(
            serviceId: id,
            capacityPlaces: service.capacityPlaces,
            activeReferrals: use.acceptedReferrals,
            freePlaces: status.freePlaces,
            receiving: use.receiving,
            waiting: use.waiting,
            status: status.code
        )
    }

    static func send(_ input: Input, scope: AccessScope, request req: Request) async throws -> Referral {
        var checks = req.fieldChecks()
        var supportCase: SupportCase?
        if let id = input.caseId {
            supportCase = try await CaseStore.query(scope, on: req.db).filter(\.$id == id).with(\.$person).first()
        }
        if supportCase == nil { checks.add("caseId", key: .caseUnknown) }
        var service: ProvidedService?
        if let id = input.toServiceId {
            service = try await ServiceStore.query(try await ProviderStore.region(of: scope, on: req.db), on: req.db)
                .filter(\.$id == id).with(\.$provider).first()
            if service == nil { checks.add("toServiceId", key: .serviceUnknown) }
        }
        // A referral goes to another provider: the one that sent it would also be the one to accept it.
        if let service, let supportCase, service.$provider.id == supportCase.$provider.id {
            checks.add("toServiceId", key: .referralSameProvider)
        }
        let outside = checks.text("outsideService", input.outsideService, maximum: 200, required: false)
        if service == nil, outside.isEmpty, input.toServiceId == nil {
            checks.add("toServiceId", key: .referralTargetRequired)
        }
        var requested: Set<SharedDataCategory> = []
        for raw in input.share ?? [] {
            if let category = SharedDataCategory(rawValue: raw) {
                requested.insert(category)
            } else {
                checks.add("share", key: .errorChooseFromList)
            }
        }
        // Consent is recorded for a provider of the register; a service outside Opora has none,
        // so nothing of the person's record may travel to it.
        if service == nil, input.toServiceId == nil, !requested.isEmpty {
            checks.add("share", key: .referralOutsideNoData)
        }
        let reason = checks.text("reason", input.reason, maximum: 2000)
        let urgency = ReferralUrgency(rawValue: input.urgency ?? "")
        if urgency == nil { checks.add("urgency", key: .errorChooseFromList) }
        let contactName = checks.text("contactName", input.contactName, maximum: 120)
        let contactPhone = checks.text("contactPhone", input.contactPhone, maximum: 40, required: false)
        if !contactPhone.isEmpty, !PhoneNumber.isPlausible(contactPhone) {
            checks.add("contactPhone", key: .phoneInvalid)
        }
        let now = req.application.clock.now()
        let today = CalendarDay.today(at: now)
        // The consent given in the referral form: its form, its day and, said aloud, its witness.
        var given: (form: ConsentForm, day: CalendarDay, witness: String?)?
        // A consent chosen with nothing to share, or for a service outside Opora, would be dropped unsaid.
        if let raw = input.consentForm, !raw.isEmpty, requested.isEmpty {
            checks.add("share", key: .consentNothingToShare)
        }
        if let raw = input.consentForm, !raw.isEmpty, !requested.isEmpty, service != nil {
            let form = ConsentForm(rawValue: raw)
            if form == nil { checks.add("consentForm", key: .errorChooseFromList) }
            let day = CalendarDay(iso: input.consentGivenOn ?? "")
            if day == nil { checks.add("consentGivenOn", key: .dateInvalid) }
            if let form, let day {
                do throws(ConsentProblem) {
                    let witness = try ConsentRecording.check(
                        form: form,
                        witness: input.consentWitness ?? "",
                        givenOn: day,
                        today: today,
                        bornOn: supportCase?.person.birthDate.flatMap(CalendarDay.init(iso:))
                    )
                    given = (form, day, witness)
                } catch {
                    checks.add(
                        [.witnessRequired, .witnessTooLong].contains(error) ? "consentWitness" : "consentGivenOn",
                        error
                    )
                }
            }
        }
        try checks.finish()
        let person = supportCase!.person
        if let service {
            var consents = try await SharingConsent.query(on: req.db).filter(\.$person.$id == person.id!).all()
                .compactMap(\.value)
            if let given {
                consents.append(
                    ConsentToShare(recipientProviderID: service.$provider.id, categories: requested, givenOn: given.day)
                )
            }
            do throws(SharingProblem) {
                try SharingRule.check(requested, to: service.$provider.id, on: today, consents: consents)
            } catch {
                throw ValidationFailure(problems: [
                    FieldProblem(field: "share", message: error.message(in: req.language))
                ])
            }
        }
        let key = req.application.dataKey
        let shared = try await SharedRecordBuilder.build(
            person: person,
            supportCase: supportCase!,
            categories: requested,
            key: key,
            on: req.db
        )
        let sealed = try key.sealJSON(shared)
        let sealedReason = try key.seal(reason)
        let actor = req.auditActor
        let caseID = supportCase!.id!
        let personID = person.id!
        let target = service
        let sharedCategories = requested
        let fromProvider = supportCase!.$provider.id
        let consentGiven = given
        let chosen = SharedDataCategory.allCases.filter(requested.contains).map(\.rawValue).joined(separator: ",")
        return try await req.write { db in
            if let given = consentGiven, let target {
                let consent = SharingConsent()
                consent.$person.id = personID
                consent.$recipient.id = target.$provider.id
                consent.categories = chosen
                consent.givenOn = given.day.iso
                consent.form = given.form.rawValue
                consent.witnessName = given.witness
                try await consent.create(on: db)
                try await AuditTrail.append(
                    on: db,
                    actor: actor,
                    action: "consent.given",
                    recordType: "person",
                    recordID: personID.uuidString,
                    changes: [
                        FieldChange(field: "consent", old: nil, new: "\(target.$provider.id.uuidString): \(chosen)")
                    ],
                    sealingWith: key,
                    at: now
                )
            }
            let referral = Referral()
            referral.version = 1
            referral.$supportCase.id = caseID
            referral.$fromProvider.id = fromProvider
            referral.$toProvider.id = target?.$provider.id
            referral.toServiceID = target?.id
            referral.toMunicipalityCode = target?.provider.municipalityCode
            referral.toOblastCode = target?.provider.oblastCode
            referral.outsideService = target == nil ? outside : nil
            referral.status = .sent
            referral.sharedSealed = sealed
            referral.reasonSealed = sealedReason
            referral.urgency = urgency
            referral.contactName = contactName
            referral.contactPhone = contactPhone.isEmpty ? nil : contactPhone
            referral.sentAt = now
            try await referral.create(on: db)
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: "referral.sent",
                recordType: "referral",
                recordID: referral.id!.uuidString,
                changes: [
                    FieldChange(
                        field: "shared",
                        old: nil,
                        new: sharedCategories.map(\.rawValue).sorted().joined(separator: ",")
                    ),
                    FieldChange(field: "urgency", old: nil, new: urgency!.rawValue),
                ],
                at: now
            )
            if let target {
                try await Notifications.notify(
                    target.provider,
                    .referralReceived,
                    referral: referral.id!,
                    service: target.name,
                    at: now,
                    on: db
                )
            }
            return referral
        }
    }

    struct Decision: Content, Sendable {
        var status: String?
        var reason: String?
        var version: Int?
    }

    /// The receiving provider accepts or declines (with a reason); the sender marks it completed.
    static func decide(
        _ id: UUID,
        _ decision: Decision,
        scope: AccessScope,
        request req: Request
    ) async throws -> Referral {
        guard let referral = try await query(scope, on: req.db).filter(\.$id == id).first() else {
            throw Abort(.notFound)
        }
        var checks = req.fieldChecks()
        let status = ReferralStatus(rawValue: decision.status ?? "")
        if status == nil { checks.add("status", key: .errorChooseFromList) }
        if decision.version == nil { checks.add("version", key: .errorRequired) }
        _ = checks.text("reason", decision.reason, maximum: 1000, required: false)
        try checks.finish()
        // Only staff of the receiving provider decide: not the sender, and not a director on a
        // provider's behalf. Completing is the sender's.
        let receiving = referral.$toProvider.id.map { scope.providers.contains($0) } ?? false
        let sending = scope.providers.contains(referral.$fromProvider.id)
        if status == .accepted || status == .declined, !receiving {
            throw Abort(.forbidden, reason: req.text(.referralOnlyReceiver))
        }
        if status == .completed, !sending { throw Abort(.forbidden, reason: req.text(.referralOnlyReceiver)) }
        let now = req.application.clock.now()
        let language = req.language
        let target = status!
        let user = try req.currentUser()
        let key = req.application.dataKey
        let actor = req.auditActor
        let receiverScope = scope
        var service: ProvidedService?
        if let serviceID = referral.toServiceID {
            service = try await Scoped.unscoped(ProvidedService.self, on: req.db, .throughParent).filter(
                \.$id == serviceID
            ).with(\.$provider).first()
        }
        let sender = try await Scoped.unscopedFind(Provider.self, referral.$fromProvider.id, on: req.db, .throughParent)
        let serviceName = service?.name ?? referral.outsideService ?? ""
        let acceptingService = service
        return try await req.updateVersioned(Referral.self, id: id, expected: decision.version, recordType: "referral")
        { current, db in
            do {
                _ = try ReferralLifeCycle.transition(from: current.status, to: target, reason: decision.reason ?? "")
            } catch let problem as ReferralProblem {
                throw ValidationFailure(problems: [
                    FieldProblem(
                        field: target == .declined ? "reason" : "status",
                        message: problem.message(in: language)
                    )
                ])
            }
            let old = current.status
            current.status = target
            current.declineReason =
                target == .declined
                ? String((decision.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)) : nil
            current.decidedAt = now
            if target == .accepted, let service = acceptingService {
                current.acceptedCaseID = try await ReferralIntake.open(
                    current,
                    at: service,
                    caseWorker: user.id,
                    scope: receiverScope,
                    key: key,
                    actor: actor,
                    now: now,
                    on: db
                )
            }
            if [.accepted, .declined].contains(target), let sender {
                try await Notifications.notify(
                    sender,
                    target == .accepted ? .referralAccepted : .referralDeclined,
                    referral: id,
                    service: serviceName,
                    at: now,
                    on: db
                )
            }
            return AuditedChange(
                action: "referral.\(target.rawValue)",
                changes: [FieldChange(field: "status", old: old.rawValue, new: target.rawValue)]
            )
        }
    }
}

extension Referral {
    func dto(key: DataKey) throws -> ReferralDTO {
        ReferralDTO(
            id: id!,
            caseId: $supportCase.id,
            fromProviderId: $fromProvider.id,
            toProviderId: $toProvider.id,
            toServiceId: toServiceID,
            outsideService: outsideService,
            status: status.rawValue,
            declineReason: declineReason,
            shared: try key.openJSON(SharedRecord.self, sharedSealed),
            reason: try reasonSealed.map { try key.open($0) },
            urgency: urgency?.rawValue,
            contactName: contactName,
            contactPhone: contactPhone,
            acceptedCaseId: acceptedCaseID,
            sentAt: sentAt,
            decidedAt: decidedAt,
            version: version
        )
    }
}

/// Assembles the part of a person's record the person agreed to share, and nothing more.
enum SharedRecordBuilder {
    static func build(
        person: Person,
        supportCase: SupportCase,
        categories: Set<SharedDataCategory>,
        key: DataKey,
        on db: any Database
    ) async throws -> SharedRecord {
        var record = SharedRecord(categories: categories.map(\.rawValue).sorted())
        if categories.contains(.identification) {
            record.name = person.name.full
            record.givenName = person.givenName
            record.middleName = person.middleName
            record.familyName = person.familyName
            record.identifierType = person.identifierType.rawValue
            record.identifier = try person.identifierSealed.map { try key.open($0) }
            record.birthDate = person.birthDate
        }
        if categories.contains(.contactDetails) {
            record.phone = try person.phone(key: key)
            record.address = try person.addressSealed.map { try key.open($0) }
            record.settlementEkatte = person.settlementEkatte
        }
        if categories.contains(.assessment),
            let latest = try await Assessment.query(on: db).filter(\.$person.$id == person.id!).sort(
                \.$createdAt,
                .descending
            ).first()
        {
            let totals = try latest.totals(key: key)
            record.latestAssessment = ["barthelTotal": totals.barthel, "lawtonTotal": totals.lawton]
            record.assessmentSignedOn = latest.signedOn
            record.assessmentDomains = try key.openJSON(AssessmentContent.self, latest.contentSealed).domains
        }
        if categories.contains(.supportPlan),
            let plan = try await SupportPlanVersion.query(on: db).filter(\.$supportCase.$id == supportCase.id!).sort(
                \.$number,
                .descending
            ).first()
        {
            let content = try plan.plan(key: key)
            record.supportPlanGoals = content.goals
            record.supportPlan = SharedPlan(
                services: content.services.map {
                    SharedPlan.Service(
                        type: $0.type,
                        frequency: $0.frequency,
                        preferredDays: Weekday.allCases.filter($0.preferredDays.contains)
                    )
                },
                startDate: content.startDate.iso,
                reviewDate: content.reviewDate.iso
            )
        }
        if categories.contains(.healthAndDisability) {
            record.disabilityPercent = try person.healthSealed.map { try key.openJSON(HealthDetails.self, $0) }?
                .disabilityPercent
        }
        if categories.contains(.caseNotes) {
            record.request = try key.open(supportCase.requestSealed)
        }
        return record
    }
}
