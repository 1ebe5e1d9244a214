/// Barthel Index of Activities of Daily Living, the standard 100-point version (Mahoney &
/// Barthel 1965, Collin/Wade wording); DOMAIN §3.1.
///
/// Score what the person actually does, not what they might be able to do. The scale is an
/// optional clinical add-on: no Bulgarian regulation prescribes it, and it never decides
/// personal-assistance hours by itself (DOMAIN §3.1, ⚠ note).
public struct BarthelIndex: Hashable, Codable, Sendable {
    public enum Item: String, CaseIterable, Codable, CodingKeyRepresentable, Sendable {
        case feeding, bathing, grooming, dressing, bowels, bladder, toiletUse, transfers, mobility, stairs

        /// The published scores for the item, lowest first.
        public var allowedScores: [Int] {
            switch self {
            case .bathing, .grooming: [0, 5]
            case .feeding, .dressing, .bowels, .bladder, .toiletUse, .stairs: [0, 5, 10]
            case .transfers, .mobility: [0, 5, 10, 15]
            }
        }

        public var maximum: Int { allowedScores.last! }

        public func label(in language: Language) -> String {
            let (bg, en): (String, String) =
                switch self {
                case .feeding: ("хранене", "feeding")
                case .bathing: ("къпане", "bathing")
                case .grooming: ("лична хигиена", "grooming")
                case .dressing: ("обличане", "dressing")
                case .bowels: ("контрол на дефекацията", "bowels")
                case .bladder: ("контрол на уринирането", "bladder")
                case .toiletUse: ("ползване на тоалетна", "toilet use")
                case .transfers: ("преместване легло–стол", "transfers (bed to chair and back)")
                case .mobility: ("придвижване по равна повърхност", "mobility on level surfaces")
                case .stairs: ("изкачване на стълби", "stairs")
                }
            return language == .bg ? bg : en
        }

        /// What the score means for this item, for the assessment form.
        public func meaning(of score: Int, in language: Language) -> String? {
            let texts: [Int: (String, String)] =
                switch self {
                case .feeding:
                    [
                        0: ("не може да се храни сам", "unable"),
                        5: (
                            "нуждае се от помощ (рязане, мазане) или от променена диета",
                            "needs help cutting, spreading butter, etc., or a modified diet"
                        ),
                        10: ("независим", "independent"),
                    ]
                case .bathing:
                    [
                        0: ("зависим", "dependent"),
                        5: ("независим (или под душ)", "independent (or in shower)"),
                    ]
                case .grooming:
                    [
                        0: ("нуждае се от помощ за личната хигиена", "needs help with personal care"),
                        5: (
                            "сам мие лице, реши се, мие зъби, бръсне се (с осигурени пособия)",
                            "independent face, hair, teeth, shaving (implements provided)"
                        ),
                    ]
                case .dressing:
                    [
                        0: ("зависим", "dependent"),
                        5: (
                            "нуждае се от помощ, но прави около половината сам",
                            "needs help but can do about half unaided"
                        ),
                        10: (
                            "независим (вкл. копчета, ципове, връзки)", "independent (including buttons, zips, laces)"
                        ),
                    ]
                case .bowels:
                    [
                        0: ("инконтинентен (или нуждае се от клизми)", "incontinent (or needs to be given enemas)"),
                        5: ("случаен инцидент", "occasional accident"),
                        10: ("континентен", "continent"),
                    ]
                case .bladder:
                    [
                        0: (
                            "инконтинентен или с катетър и не може да се справи сам",
                            "incontinent, or catheterised and unable to manage alone"
                        ),
                        5: ("случаен инцидент", "occasional accident"),
                        10: ("континентен", "continent"),
                    ]
                case .toiletUse:
                    [
                        0: ("зависим", "dependent"),
                        5: (
                            "нуждае се от малко помощ, но може да прави нещо сам",
                            "needs some help, but can do something alone"
                        ),
                        10: (
                            "независим (сяда и става, облича се, почиства се)",
                            "independent (on and off, dressing, wiping)"
                        ),
                    ]
                case .transfers:
                    [
                        0: ("не може, няма равновесие в седнало положение", "unable, no sitting balance"),
                        5: (
                            "голяма помощ (един или двама души, физическа), може да седи",
                            "major help (one or two people, physical), can sit"
                        ),
                        10: ("малка помощ (словесна или физическа)", "minor help (verbal or physical)"),
                        15: ("независим", "independent"),
                    ]
                case .mobility:
                    [
                        0: ("неподвижен или под 50 ярда (45 м)", "immobile or under 50 yards (45 m)"),
                        5: (
                            "самостоятелен в инвалидна количка, вкл. завои, над 45 м",
                            "wheelchair-independent, including corners, over 45 m"
                        ),
                        10: (
                            "ходи с помощта на един човек (словесна или физическа), над 45 м",
                            "walks with help of one person (verbal or physical), over 45 m"
                        ),
                        15: (
                            "независим (с всякакво помощно средство, напр. бастун), над 45 м",
                            "independent (with any aid, e.g. a stick), over 45 m"
                        ),
                    ]
                case .stairs:
                    [
                        0: ("не може", "unable"),
                        5: (
                            "нуждае се от помощ (словесна, физическа, носене на помощно средство)",
                            "needs help (verbal, physical, carrying aid)"
                        ),
                        10: ("независим нагоре и надолу", "independent up and down"),
                    ]
                }
            return texts[score].map { language == .bg ? $0.0 : $0.1 }
        }
    }

    /// Interpretation bands of Shah et al. 1989, as widely cited (DOMAIN §3.1).
    public enum Band: String, CaseIterable, Codable, Sendable {
        case totalDependence, severeDependence, moderateDependence, slightDependence, independent

        public var range: ClosedRange<Int> {
            switch self {
            case .totalDependence: 0...20
            case .severeDependence: 21...60
            case .moderateDependence: 61...90
            case .slightDependence: 91...99
            case .independent: 100...100
            }
        }

        /// `nil` outside 0–100.
        public init?(total: Int) {
            guard let band = Band.allCases.first(where: { $0.range.contains(total) }) else { return nil }
            self = band
        }

        public func label(in language: Language) -> String {
            let (bg, en): (String, String) =
                switch self {
                case .totalDependence: ("пълна зависимост", "total dependence")
                case .severeDependence: ("тежка зависимост", "severe dependence")
                case .moderateDependence: ("умерена зависимост", "moderate dependence")
                case .slightDependence: ("лека зависимост", "slight dependence")
                case .independent: ("независим", "independent")
                }
            return language == .bg ? bg : en
        }
    }

    public let scores: [Item: Int]

    /// Every item must be answered with one of its published scores; a partly filled form has
    /// no total, because a missing item would read as dependence.
    public init(scores: [Item: Int]) throws(AssessmentProblem) {
        for item in Item.allCases {
            guard let score = scores[item] else { throw .missingItem(item: item.rawValue) }
            guard item.allowedScores.contains(score) else {
                throw .invalidAnswer(item: item.rawValue, answer: score, allowed: item.allowedScores)
            }
        }
        self.scores = scores
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        try self.init(scores: container.decode([Item: Int].self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(scores)
    }

    public static let maximum = 100

    /// 0–100.
    public var total: Int { scores.values.reduce(0, +) }

    /// The equivalent 0–20 version scores each step as 1 instead of 5 (DOMAIN §3.1).
    public var totalOutOfTwenty: Int { total / 5 }

    /// Validated scores always total 0–100.
    public var band: Band { Band(total: total)! }

    /// On the 20-point scale a change of more than 2 points is likely real (DOMAIN §3.1), i.e.
    /// more than 10 points on this scale.
    public func isLikelyRealChange(from earlier: BarthelIndex) -> Bool {
        abs(totalOutOfTwenty - earlier.totalOutOfTwenty) > 2
    }
}
