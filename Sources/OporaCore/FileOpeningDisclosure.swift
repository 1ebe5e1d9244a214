/// What the person is told of each opening of their file (issue 18, "My data").
///
/// The GDPR (art. 15(1)(c)) gives the person the recipients of their data, and the Bulgarian
/// Personal Data Protection Act adds nothing more for a controller's own staff; a worker's name is
/// their own personal data. So the organisation and the role are always told, and the name only
/// for the people the person deals with in person: their case worker, the coordinator who plans
/// their visits, the worker who comes, and the manager of the centre that serves them.
public enum FileOpeningDisclosure {
    public static let namedRoles: Set<Role> = [.caseWorker, .coordinator, .careWorker, .providerManager]

    /// Whether the opener's name is shown: only when every role they held is one the person meets
    /// and they work at the person's own provider.
    public static func showsName(roles: Set<Role>, atPersonsProvider: Bool) -> Bool {
        atPersonsProvider && !roles.isEmpty && roles.isSubset(of: namedRoles)
    }
}
