/// A reason a problem is rejected before solving, naming the visit or worker and the field.
/// Every case has a Bulgarian and an English message; Bulgarian is the default.
public struct ProblemError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Subject: Sendable, Equatable {
        case visit(String)
        case worker(String)
        case place(String)
        case problem
    }

    public enum Kind: Sendable, Equatable {
        case unknownSkill(String)
        case unknownPlace(String)
        case unknownWorker(String)
        case windowEndsBeforeStart(start: Double, end: Double)
        case malformedWindow
        case negative(Double)
        case matrixSize(expected: Int, found: Int)
        case negativeTravel
        case missingCoordinates
        case duplicateId
        case badValue(String)
        case unsupportedFormat(String)
        case malformed(String)
    }

    public var subject: Subject
    /// The field at fault, as named in the JSON format (e.g. "windows[1]", "skills").
    public var field: String
    public var kind: Kind

    public init(_ subject: Subject, field: String, _ kind: Kind) {
        self.subject = subject
        self.field = field
        self.kind = kind
    }

    public var description: String { message(.bulgarian) }

    public enum Language: Sendable { case bulgarian, english }

    public func message(_ language: Language) -> String {
        let bg = language == .bulgarian
        let who: String
        switch subject {
        case let .visit(id): who = bg ? "Посещение „\(id)“" : "Visit \"\(id)\""
        case let .worker(id): who = bg ? "Служител „\(id)“" : "Worker \"\(id)\""
        case let .place(id): who = bg ? "Място „\(id)“" : "Place \"\(id)\""
        case .problem: who = bg ? "Задача" : "Problem"
        }
        let what: String
        switch kind {
        case let .unknownSkill(s):
            what = bg ? "непознато умение „\(s)“" : "unknown skill \"\(s)\""
        case let .unknownPlace(p):
            what = bg ? "непознато място „\(p)“" : "unknown place \"\(p)\""
        case let .unknownWorker(w):
            what = bg ? "непознат служител „\(w)“" : "unknown worker \"\(w)\""
        case let .windowEndsBeforeStart(s, e):
            what =
                bg
                ? "интервалът свършва (\(fmt(e))) преди да започне (\(fmt(s)))"
                : "the window ends (\(fmt(e))) before it starts (\(fmt(s)))"
        case .malformedWindow:
            what = bg ? "интервалът трябва да има начало и край" : "a window must have a start and an end"
        case let .negative(v):
            what = bg ? "отрицателна стойност \(fmt(v))" : "negative value \(fmt(v))"
        case let .matrixSize(expected, found):
            what =
                bg
                ? "матрицата трябва да е \(expected)×\(expected), а има \(found) реда или колони с друг размер"
                : "the matrix must be \(expected)×\(expected); found a row or column count of \(found)"
        case .negativeTravel:
            what = bg ? "отрицателно време за път" : "negative travel time"
        case .missingCoordinates:
            what =
                bg
                ? "липсват координати, а няма матрица на пътуванията"
                : "coordinates are missing and there is no travel matrix"
        case .duplicateId:
            what = bg ? "идентификаторът се повтаря" : "the id is used twice"
        case let .badValue(v):
            what = bg ? "недопустима стойност \(v)" : "invalid value \(v)"
        case let .unsupportedFormat(f):
            what =
                bg
                ? "неподдържан формат „\(f)“, очаква се „\(CareProblem.currentFormat)“"
                : "unsupported format \"\(f)\", expected \"\(CareProblem.currentFormat)\""
        case let .malformed(detail):
            what =
                bg ? "файлът не е валиден JSON на задача: \(detail)" : "the file is not a valid problem JSON: \(detail)"
        }
        let fieldText = field.isEmpty ? "" : (bg ? ", поле „\(field)“" : ", field \"\(field)\"")
        return "\(who)\(fieldText): \(what)"
    }

    private func fmt(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : String(v)
    }
}
