import Fluent
import OporaCore
import Vapor

/// What a capability (people's files, home care, outreach, ...) brings to the application.
///
/// `configure` lists the capabilities once, in the order their tables depend on one another, and
/// Platform asks each of them for its part: Platform names no capability, so adding one is a
/// folder and one line in `configure`. Every part but the pages has an empty default.
protocol Capability: Sendable {
    /// Its migrations, in order. Those that rewrite sealed data are given the data key.
    func migrations(key: DataKey) -> [any Migration]
    /// Pages for visitors not yet signed in, such as a way in by code: the session and CSRF
    /// protection apply, the sign-in redirect does not.
    func publicPages(_ routes: any RoutesBuilder) throws
    /// Signed-in pages: the session, CSRF protection and the sign-in redirect are already applied.
    func pages(_ routes: any RoutesBuilder) throws
    /// Routes under `/api/v1`: the bearer-token authenticator is already applied.
    func api(_ routes: any RoutesBuilder) throws
    /// Feeds read by other programs, such as a phone's calendar, that hold no session: the secret
    /// in the address is the credential, so no session, CSRF protection or sign-in redirect applies.
    func feeds(_ routes: any RoutesBuilder) throws
    /// The permissions it checks, for the access table.
    var permissions: [Permission] { get }
    /// Its items in the menu; each shows only to users who hold the item's permission.
    var navigation: [NavigationEntry] { get }
    /// What the home page shows of it to this user, from the user's own scope.
    func home(for user: CurrentUser, request: Request) async throws -> HomeContribution
    /// The accounts its part of the demo signs in with; created after `seedDemo` has run.
    var demoAccounts: [DemoAccount] { get }
    /// Its part of the demo, inside the seed's one transaction; earlier capabilities have seeded theirs.
    func seedDemo(_ demo: DemoSeeding) async throws
    /// What it keeps of a person served, for the subject-access export and erasure.
    var personalData: (any PersonalDataHolder)? { get }
    /// Its part in the application's life, such as background work started at boot and stopped
    /// at shutdown (`app.lifecycle`).
    func start(_ app: Application)
}

extension Capability {
    func migrations(key: DataKey) -> [any Migration] { [] }
    func publicPages(_ routes: any RoutesBuilder) throws {}
    func api(_ routes: any RoutesBuilder) throws {}
    func feeds(_ routes: any RoutesBuilder) throws {}
    var permissions: [Permission] { [] }
    var navigation: [NavigationEntry] { [] }
    func home(for user: CurrentUser, request: Request) async throws -> HomeContribution { HomeContribution() }
    var demoAccounts: [DemoAccount] { [] }
    func seedDemo(_ demo: DemoSeeding) async throws {}
    var personalData: (any PersonalDataHolder)? { nil }
    func start(_ app: Application) {}
}

/// The capabilities of this application, in `configure`'s order.
///
/// Reference capabilities (the territory, the providers and their services) are read by all the
/// others and by Platform's accounts, whose users belong to providers; their tables come before
/// Platform's own. The others come after.
struct Capabilities: Sendable {
    var reference: [any Capability]
    var others: [any Capability]

    var all: [any Capability] { reference + others }

    var personalDataHolders: [any PersonalDataHolder] { all.compactMap(\.personalData) }
}

extension Application {
    private struct CapabilitiesKey: StorageKey { typealias Value = Capabilities }

    var capabilities: Capabilities {
        get { storage[CapabilitiesKey.self] ?? Capabilities(reference: [], others: []) }
        set { storage[CapabilitiesKey.self] = newValue }
    }
}
