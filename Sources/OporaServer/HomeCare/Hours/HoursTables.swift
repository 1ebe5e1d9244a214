import Foundation
import OporaCore

/// A list of the hours pages as text cells: the page shows it, and the CSV and XLSX exports
/// write the very same cells, so a payroll clerk's spreadsheet says what the manager saw.
struct HoursTable: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        var cells: [String]
        /// A link for the first cell (a person's printable report), on the page only.
        var href: String?
        /// A flag that needs the manager's eye: over- or under-use.
        var warning: Bool = false
    }

    var id: String
    var title: String
    var header: [String]
    var rows: [Row]

    var cells: [[String]] { [header] + rows.map(\.cells) }
}

/// One named line of a list before it is written out.
struct HoursItem<Value> {
    var name: String
    var value: Value
    var href: String? = nil
}

/// Builds the tables in one language, sorted by name the Bulgarian way.
struct HoursTables {
    var language: Language
    var text: (CatalogueKey) -> String

    func hours(_ minutes: Int) -> String { decimalHours(minutes, in: language) }

    /// A difference of hours with its sign: `decimalHours` takes the minutes of a length.
    func signedHours(_ minutes: Int) -> String { (minutes < 0 ? "−" : "") + hours(abs(minutes)) }

    private func sorted<T>(_ items: [HoursItem<T>]) -> [HoursItem<T>] {
        items.sortedBulgarian(by: \.name)
    }

    private var tallyHeader: [String] {
        [
            text(.hoursColPlannedVisits), text(.hoursColPlanned), text(.hoursColDelivered), text(.hoursColDifference),
            text(.hoursColDone), text(.hoursColCutShort), text(.hoursColMissed), text(.hoursColNotRecorded),
            text(.hoursColUpcoming), text(.hoursColAsPlanned),
        ]
    }

    private func tallyCells(_ tally: HoursTally) -> [String] {
        [
            String(tally.plannedVisits), hours(tally.plannedMinutes), hours(tally.deliveredMinutes),
            signedHours(-tally.shortfallMinutes),
            String(tally.delivered), String(tally.cutShort), String(tally.missed), String(tally.notRecorded),
            String(tally.upcoming),
            tally.asPlannedShare.map { percent($0, in: language) } ?? "—",
        ]
    }

    func tallies(
        id: String,
        title: String,
        nameHeader: String,
        _ items: [HoursItem<HoursTally>],
        total: HoursTally
    ) -> HoursTable {
        var rows = sorted(items).map { HoursTable.Row(cells: [$0.name] + tallyCells($0.value), href: $0.href) }
        if !items.isEmpty { rows.append(HoursTable.Row(cells: [text(.hoursTotal)] + tallyCells(total))) }
        return HoursTable(id: id, title: title, header: [nameHeader] + tallyHeader, rows: rows)
    }

    func flagLabel(_ flag: EntitlementUse.Flag) -> String {
        switch flag {
        case .overUse: text(.hoursFlagOver)
        case .underUse: text(.hoursFlagUnder)
        case .withinEntitlement: text(.hoursFlagWithin)
        case .inProgress: text(.hoursFlagInProgress)
        case .noGrant: "—"
        }
    }

    func entitlements(_ items: [HoursItem<EntitlementUse>]) -> HoursTable {
        HoursTable(
            id: "entitlements",
            title: text(.hoursEntitlements),
            header: [
                text(.hoursColPerson), text(.hoursColGranted), text(.hoursColPlanned), text(.hoursColDelivered),
                text(.hoursColRemaining), text(.hoursColUsed), text(.hoursColFlag),
            ],
            rows: sorted(items).map { item in
                let use = item.value
                return HoursTable.Row(
                    cells: [
                        item.name, hours(use.entitledMinutes), hours(use.plannedMinutes), hours(use.deliveredMinutes),
                        signedHours(use.remainingMinutes),
                        use.share.map { percent($0, in: language) } ?? "—", flagLabel(use.flag),
                    ],
                    href: item.href,
                    warning: use.flag == .overUse || use.flag == .underUse
                )
            }
        )
    }

    func timesheets(_ items: [HoursItem<Timesheet>]) -> HoursTable {
        HoursTable(
            id: "timesheets",
            title: text(.hoursTimesheets),
            header: [
                text(.hoursColWorker), text(.hoursColDaysWorked), text(.hoursColWorked), text(.hoursColTravel),
                text(.hoursColWaiting), text(.hoursColPaid), text(.hoursColOvertime),
            ] + Absence.Kind.allCases.map { "\(text(.hoursColAbsences)): \($0.label(in: language))" }
                + [text(.hoursColUnrecorded)],
            rows: sorted(items).map { item in
                let sheet = item.value
                return HoursTable.Row(
                    cells: [
                        item.name, String(sheet.daysWorked), hours(sheet.workedMinutes), hours(sheet.travelMinutes),
                        hours(sheet.waitingMinutes), hours(sheet.paidMinutes), hours(sheet.overtimeMinutes),
                    ] + Absence.Kind.allCases.map { String(sheet.absenceDays[$0] ?? 0) } + [
                        String(sheet.unrecordedVisits)
                    ],
                    href: nil,
                    warning: sheet.unrecordedVisits > 0
                )
            }
        )
    }
}
