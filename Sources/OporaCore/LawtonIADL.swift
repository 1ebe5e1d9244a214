/// Lawton–Brody Instrumental Activities of Daily Living scale (8 items); DOMAIN §3.2.
///
/// The raw answer kept for each item is the chosen *level* (0 = the first, most independent
/// description of the published table); the 0/1 score follows from it. The raw levels are
/// stored so that bands can be recomputed if the configured cut-offs change.
public struct LawtonIADL: Hashable, Codable, Sendable {
    public enum Item: String, CaseIterable, Codable, CodingKeyRepresentable, Sendable {
        case telephone, shopping, foodPreparation, housekeeping, laundry, transportation, medications, finances

        /// The score of each level, in the order of the published table (DOMAIN §3.2).
        public var levelScores: [Int] {
            switch self {
            case .telephone: [1, 1, 1, 0]
            case .shopping: [1, 0, 0, 0]
            case .foodPreparation: [1, 0, 0, 0]
            case .housekeeping: [1, 1, 1, 1, 0]
            case .laundry: [1, 1, 0]
            case .transportation: [1, 1, 1, 0, 0]
            case .medications: [1, 0, 0]
            case .finances: [1, 1, 0]
            }
        }

        /// Left out of the historical scoring for men (DOMAIN §3.2).
        public var isOmittedInHistoricalScoringForMen: Bool {
            self == .foodPreparation || self == .housekeeping || self == .laundry
        }

        public func label(in language: Language) -> String {
            let (bg, en): (String, String) =
                switch self {
                case .telephone: ("ползване на телефон", "using the telephone")
                case .shopping: ("пазаруване", "shopping")
                case .foodPreparation: ("приготвяне на храна", "food preparation")
                case .housekeeping: ("домакинска работа", "housekeeping")
                case .laundry: ("пране", "laundry")
                case .transportation: ("придвижване с транспорт", "mode of transportation")
                case .medications: ("прием на лекарства", "responsibility for own medications")
                case .finances: ("боравене с пари", "ability to handle finances")
                }
            return language == .bg ? bg : en
        }

        /// The published description of a level, for the assessment form.
        public func meaning(ofLevel level: Int, in language: Language) -> String? {
            let texts: [(String, String)] =
                switch self {
                case .telephone:
                    [
                        (
                            "използва телефона по своя инициатива, търси и набира номера",
                            "operates telephone on own initiative, looks up and dials numbers"
                        ),
                        ("набира няколко добре познати номера", "dials a few well-known numbers"),
                        ("отговаря на телефона, но не набира", "answers the telephone but does not dial"),
                        ("изобщо не използва телефон", "does not use the telephone at all"),
                    ]
                case .shopping:
                    [
                        ("пазарува всичко необходимо самостоятелно", "takes care of all shopping needs independently"),
                        ("пазарува самостоятелно само дребни покупки", "shops independently for small purchases"),
                        (
                            "трябва да бъде придружаван при всяко пазаруване",
                            "needs to be accompanied on any shopping trip"
                        ),
                        ("напълно неспособен да пазарува", "completely unable to shop"),
                    ]
                case .foodPreparation:
                    [
                        (
                            "планира, приготвя и сервира пълноценни ястия самостоятелно",
                            "plans, prepares and serves adequate meals independently"
                        ),
                        (
                            "приготвя пълноценни ястия, ако му осигурят продуктите",
                            "prepares adequate meals if supplied with ingredients"
                        ),
                        (
                            "затопля и сервира готова храна или не спазва пълноценна диета",
                            "heats and serves prepared meals, or prepares meals but does not keep an adequate diet"
                        ),
                        ("нуждае се храната да бъде приготвена и сервирана", "needs to have meals prepared and served"),
                    ]
                case .housekeeping:
                    [
                        (
                            "поддържа дома сам или с помощ за тежката работа",
                            "maintains house alone or with occasional help for heavy work"
                        ),
                        (
                            "извършва леки ежедневни задачи (миене на чинии, оправяне на легло)",
                            "performs light daily tasks such as dishwashing and bed making"
                        ),
                        (
                            "извършва леки задачи, но не поддържа приемлива чистота",
                            "performs light daily tasks but cannot keep an acceptable level of cleanliness"
                        ),
                        (
                            "нуждае се от помощ за всички домакински задачи",
                            "needs help with all home maintenance tasks"
                        ),
                        ("не участва в никакви домакински задачи", "does not participate in any housekeeping tasks"),
                    ]
                case .laundry:
                    [
                        ("пере изцяло личното си пране", "does personal laundry completely"),
                        ("пере дребни неща", "launders small items"),
                        ("прането се извършва изцяло от други", "all laundry must be done by others"),
                    ]
                case .transportation:
                    [
                        (
                            "пътува самостоятелно с обществен транспорт или кара собствена кола",
                            "travels independently on public transport or drives own car"
                        ),
                        (
                            "организира си пътуване с такси, но не ползва друг транспорт",
                            "arranges own travel by taxi but does not otherwise use public transport"
                        ),
                        (
                            "пътува с обществен транспорт, когато е придружен",
                            "travels on public transport when accompanied"
                        ),
                        ("пътува само с такси или кола с придружител", "travel limited to taxi or car with assistance"),
                        ("изобщо не пътува", "does not travel at all"),
                    ]
                case .medications:
                    [
                        (
                            "приема лекарствата си в правилната доза и време самостоятелно",
                            "takes medication in correct dosages at correct time on own"
                        ),
                        (
                            "приема лекарствата, ако са приготвени предварително на отделни дози",
                            "takes medication if prepared in advance in separate doses"
                        ),
                        ("не може сам да си разпределя лекарствата", "is not capable of dispensing own medication"),
                    ]
                case .finances:
                    [
                        (
                            "управлява парите си самостоятелно (бюджет, сметки, банка)",
                            "manages financial matters independently (budgets, bills, bank)"
                        ),
                        (
                            "справя се с ежедневните покупки, но се нуждае от помощ с банката и големите покупки",
                            "manages day-to-day purchases, needs help with banking and major purchases"
                        ),
                        ("неспособен да борави с пари", "incapable of handling money"),
                    ]
                }
            guard texts.indices.contains(level) else { return nil }
            return language == .bg ? texts[level].0 : texts[level].1
        }
    }

    /// Whose items count. Most modern use scores all eight for everyone; the original scoring
    /// for men left out food preparation, housekeeping and laundry (DOMAIN §3.2).
    public enum Scoring: String, CaseIterable, Codable, Sendable {
        case allItems, historicalForMen

        public var items: [Item] {
            switch self {
            case .allItems: Item.allCases
            case .historicalForMen: Item.allCases.filter { !$0.isOmittedInHistoricalScoringForMen }
            }
        }

        public var maximum: Int { items.count }

        public func label(in language: Language) -> String {
            switch (self, language) {
            case (.allItems, .bg): "всички 8 дейности"
            case (.allItems, .en): "all 8 items"
            case (.historicalForMen, .bg): "историческо точкуване за мъже (5 дейности)"
            case (.historicalForMen, .en): "historical scoring for men (5 items)"
            }
        }
    }

    /// Cut-offs for the 0–8 total. The scale has no official ones (DOMAIN §3.2), so they are a
    /// value the deployment may replace; the default is the calculator cited there (S66b):
    /// 0–2 severe, 3–5 moderate, 6–8 independent.
    public struct Bands: Hashable, Codable, Sendable {
        /// Highest total still read as severe dependence.
        public let severeUpTo: Int
        /// Highest total still read as moderate dependence; anything above is independent.
        public let moderateUpTo: Int

        public init?(severeUpTo: Int, moderateUpTo: Int) {
            guard 0 <= severeUpTo, severeUpTo < moderateUpTo, moderateUpTo < 8 else { return nil }
            self.severeUpTo = severeUpTo
            self.moderateUpTo = moderateUpTo
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            guard
                let bands = Bands(
                    severeUpTo: try container.decode(Int.self, forKey: .severeUpTo),
                    moderateUpTo: try container.decode(Int.self, forKey: .moderateUpTo)
                )
            else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: decoder.codingPath, debugDescription: "unordered Lawton bands")
                )
            }
            self = bands
        }

        public static let `default` = Bands(severeUpTo: 2, moderateUpTo: 5)!

        public func band(forTotal total: Int) -> Band {
            total <= severeUpTo ? .severeDependence : total <= moderateUpTo ? .moderateDependence : .independent
        }
    }

    public enum Band: String, CaseIterable, Codable, Sendable {
        case severeDependence, moderateDependence, independent

        public func label(in language: Language) -> String {
            let (bg, en): (String, String) =
                switch self {
                case .severeDependence: ("тежка зависимост", "severe dependence")
                case .moderateDependence: ("умерена зависимост", "moderate dependence")
                case .independent: ("независим", "independent")
                }
            return language == .bg ? bg : en
        }
    }

    public let levels: [Item: Int]

    /// Every item needs one of its published levels.
    public init(levels: [Item: Int]) throws(AssessmentProblem) {
        for item in Item.allCases {
            guard let level = levels[item] else { throw .missingItem(item: item.rawValue) }
            guard item.levelScores.indices.contains(level) else {
                throw .invalidAnswer(item: item.rawValue, answer: level, allowed: Array(item.levelScores.indices))
            }
        }
        self.levels = levels
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        try self.init(levels: container.decode([Item: Int].self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(levels)
    }

    public func score(of item: Item) -> Int { item.levelScores[levels[item]!] }

    /// 0–8 with `.allItems`, 0–5 with `.historicalForMen`.
    public func total(scoring: Scoring = .allItems) -> Int {
        scoring.items.reduce(0) { $0 + score(of: $1) }
    }

    /// The band of the 0–8 total; the cut-offs are defined for all eight items only.
    public func band(using bands: Bands = .default) -> Band {
        bands.band(forTotal: total())
    }
}
