/// Whether a legal representative still acts for the person (Persons and Family Act): the file
/// still records them as parent, guardian or trustee, and the appointment's last day, when the
/// decision names one, has not passed.
public enum Representation {
    public static func isInForce(recorded: Bool, lastDay: CalendarDay?, today: CalendarDay) -> Bool {
        guard recorded else { return false }
        if let lastDay, lastDay < today { return false }
        return true
    }
}
