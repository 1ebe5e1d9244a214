import Fluent
import Foundation
import OporaCore
import Vapor

/// Documents a person reads and signs: the individual support plan (ИПП) as printed for
/// signature, and the same page as a PDF where a file must be sent.
struct DocumentRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("cases", ":caseID", "plan", "print", use: planDocument)
        routes.get("cases", ":caseID", "plan", "print.pdf", use: planPDF)
    }

    struct PlanDocument: Encodable, Sendable {
        struct Service: Encodable, Sendable {
            var name: String
            var frequency: String
            var days: String
            var time: String
            var planned: String
            var recommended: String
            var assistant: String
            var substitute: String
        }

        var caseID: String
        var personName: String
        var birthDate: String
        var provider: String
        var number: Int
        /// The day this version was made, in Sofia.
        var versionDate: String
        /// The case's latest version when this one is not it: the paper says it was replaced.
        var supersededBy: Int?
        /// The same version as a PDF.
        var pdfHref: String
        var startDate: String
        var reviewDate: String
        var goals: [String]
        var services: [Service]
        var weeklyHours: String
        var personalAssistance: String
        var agreedBy: String
        var agreedOn: String
        var caseWorker: String
        var printedOn: String
    }

    func planDocument(req: Request) async throws -> View {
        let document = try await Self.plan(req)
        return try await req.view.render("cases/plan-print", req.page(title: Self.title(document, req), document))
    }

    static func title(_ document: PlanDocument, _ req: Request) -> String {
        req.text(.planDocumentTitle) + " № \(document.number) · " + document.personName
    }

    /// The plan as the person and the worker sign it: the version asked for (`?version=2`), the
    /// latest by default.
    static func plan(_ req: Request) async throws -> PlanDocument {
        let user = try req.require(.viewPeople)
        let scope = user.scope(for: .viewPeople)
        let language = req.language
        let key = req.application.dataKey
        let supportCase = try await CaseStore.find(try req.uuidParameter("caseID"), scope, on: req.db)
        let person = try await PeopleStore.open(supportCase.$person.id, scope, request: req)
        let versions = try await SupportPlanVersion.query(on: req.db).filter(\.$supportCase.$id == supportCase.id!)
            .sort(\.$number, .descending).all()
        guard let latest = versions.first else { throw Abort(.notFound, reason: req.text(.planDocumentNone)) }
        var version = latest
        if let asked = req.query[String.self, at: "version"] {
            // Text that names no version of this case, a number beyond Int included, finds nothing.
            guard let number = Int(asked.trimmingCharacters(in: .whitespaces)),
                let found = versions.first(where: { $0.number == number })
            else { throw Abort(.notFound, reason: req.text(.planVersionUnknown)) }
            version = found
        }
        let plan = try version.plan(key: key)
        let workers = Set(plan.services.flatMap { [$0.chosenWorkerID, $0.substituteWorkerID] }.compactMap { $0 })
            .union([supportCase.$caseWorker.id].compactMap { $0 })
        let names = Dictionary(
            uniqueKeysWithValues: try await Scoped.unscoped(User.self, on: req.db, .throughParent).filter(
                \.$id ~~ Array(workers)
            ).all().map { ($0.id!, $0.displayName) }
        )
        let services = Dictionary(
            uniqueKeysWithValues: try await Scoped.unscoped(ProvidedService.self, on: req.db, .throughParent).filter(
                \.$id ~~ plan.services.map(\.serviceID)
            ).with(\.$provider).all().map { ($0.id!, "\($0.name) — \($0.provider.name)") }
        )
        let provider = try await Scoped.unscopedFind(
            Provider.self,
            supportCase.$provider.id,
            on: req.db,
            .throughParent
        )
        // The hours the latest assessment signed by the time of this version recommends, by type of service.
        var recommended: [SocialServiceType: Int] = [:]
        if let assessment = try await Assessment.query(on: req.db).filter(\.$person.$id == person.id!)
            .filter(\.$createdAt <= version.createdAt).sort(\.$createdAt, .descending).first()
        {
            for line in try assessment.dto(key: key, language: language).recommendations {
                if let type = SocialServiceType(rawValue: line.serviceType) { recommended[type] = line.weeklyMinutes }
            }
        }
        let perWeek = req.text(.hoursPerWeek)
        return PlanDocument(
            caseID: supportCase.id!.uuidString,
            personName: person.name.full,
            birthDate: person.birthDate.flatMap(CalendarDay.init(iso:))?.display ?? "",
            provider: provider?.name ?? "",
            number: version.number,
            versionDate: SofiaTime.date(version.createdAt),
            supersededBy: version.number == latest.number ? nil : latest.number,
            pdfHref: "/cases/\(supportCase.id!)/plan/print.pdf"
                + (version.number == latest.number ? "" : "?version=\(version.number)"),
            startDate: plan.startDate.display,
            reviewDate: plan.reviewDate.display,
            goals: plan.goals,
            services: plan.services.map { service in
                PlanDocument.Service(
                    name: services[service.serviceID] ?? service.type.label(in: language),
                    frequency: service.frequency.description(in: language),
                    days: Weekday.allCases.filter(service.preferredDays.contains).map { $0.label(in: language) }
                        .joined(separator: ", "),
                    time: service.preferredTime?.display ?? "",
                    planned: decimalHours(service.frequency.weeklyMinutes, in: language) + " " + perWeek,
                    recommended: recommended[service.type].map { decimalHours($0, in: language) + " " + perWeek }
                        ?? "—",
                    assistant: service.chosenWorkerID.flatMap { names[$0] } ?? "",
                    substitute: service.substituteWorkerID.flatMap { names[$0] } ?? ""
                )
            },
            weeklyHours: decimalHours(plan.totalWeeklyMinutes, in: language) + " " + perWeek,
            personalAssistance: plan.personalAssistance.map {
                "\($0.degree.label(in: language)) · \($0.monthlyHours) \(req.text(.hoursShort))"
            } ?? "",
            agreedBy: plan.agreement?.agreedBy ?? "",
            agreedOn: plan.agreement?.agreedOn.display ?? "",
            caseWorker: supportCase.$caseWorker.id.flatMap { names[$0] } ?? "",
            printedOn: CalendarDay.today(at: req.application.clock.now()).display
        )
    }

    func planPDF(req: Request) async throws -> Response {
        let document = try await Self.plan(req)
        let view = try await req.view.render(
            "cases/plan-print",
            req.page(title: Self.title(document, req), document)
        )
        let html = String(buffer: view.data)
        guard let printer = req.application.documentPrinter else {
            throw Abort(.serviceUnavailable, reason: req.text(.pdfUnavailable))
        }
        let pdf = try await printer.pdf(
            html: html,
            publicDirectory: req.application.directory.publicDirectory,
            on: req.application.threadPool
        )
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "application", subType: "pdf")
        headers.replaceOrAdd(
            name: .contentDisposition,
            value: "attachment; filename=\"ipp-\(document.number).pdf\""
        )
        return Response(status: .ok, headers: headers, body: .init(data: pdf))
    }
}

/// Turns a printable page into a PDF. Live: Debian's chromium in headless mode.
protocol DocumentPrinter: Sendable {
    func pdf(html: String, publicDirectory: String, on pool: NIOThreadPool) async throws -> Data
}

/// `chromium --headless --print-to-pdf` on a copy of the page whose stylesheet links point at
/// `Public/`, so the print stylesheet applies without a session or a running server.
struct ChromiumPrinter: DocumentPrinter {
    var executable: String

    /// The first chromium found, or none: then the PDF route says so and the page is still printable.
    static func find(_ candidates: [String] = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]) -> ChromiumPrinter? {
        candidates.first { FileManager.default.isExecutableFile(atPath: $0) }.map(ChromiumPrinter.init)
    }

    struct Failed: Error, CustomStringConvertible {
        var status: Int32
        var description: String { "chromium exited with \(status) without a PDF" }
    }

    func pdf(html: String, publicDirectory: String, on pool: NIOThreadPool) async throws -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("opora-print-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("page.html")
        let output = folder.appendingPathComponent("page.pdf")
        let local = html.replacingOccurrences(
            of: "href=\"/css/",
            with: "href=\"file://" + publicDirectory + (publicDirectory.hasSuffix("/") ? "" : "/") + "css/"
        )
        try Data(local.utf8).write(to: page)
        let executable = self.executable
        let status = try await pool.runIfActive {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                "--user-data-dir=" + folder.appendingPathComponent("profile").path,
                "--print-to-pdf=" + output.path, page.absoluteString,
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        }
        guard let data = try? Data(contentsOf: output), !data.isEmpty else { throw Failed(status: status) }
        return data
    }
}

extension Application {
    private struct DocumentPrinterKey: StorageKey { typealias Value = any DocumentPrinter }

    /// Chromium when installed; tests set their own.
    var documentPrinter: (any DocumentPrinter)? {
        get { storage[DocumentPrinterKey.self] ?? ChromiumPrinter.find() }
        set { storage[DocumentPrinterKey.self] = newValue }
    }
}
