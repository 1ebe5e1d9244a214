/// One option of a select or a group of radio buttons, as every template draws it.
struct Choice: Encodable, Sendable {
    var value: String
    var label: String
    var selected: Bool
}
