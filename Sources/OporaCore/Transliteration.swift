/// Official romanisation of Bulgarian under the Transliteration Act (Закон за транслитерацията,
/// SG No 19 of 13.03.2009, amended 2010, 2012, 2013); DOMAIN §7.
///
/// One-way: "a" stands for both а and ъ and "y" for both й and ь, so the Cyrillic is always the
/// stored master and the Latin form is derived.
public enum Transliteration {
    /// Romanises every Bulgarian letter in `cyrillic` and leaves all other characters as they are.
    ///
    /// - "ия" at the end of a word becomes "ia" (София → Sofia); inside a word it stays
    ///   letter by letter (Марияна → Mariyana).
    /// - "България" is the Act's fixed exception: Bulgaria.
    /// - Digraphs such as дж → dzh and ьо → yo follow from the letter table.
    /// - A capital whose romanisation has several letters is written in full capitals inside
    ///   all-capital text (ЖИВКОВ → ZHIVKOV) and in title case otherwise (Живков → Zhivkov).
    /// - ѝ, the Bulgarian и with a grave accent, is romanised as и.
    public static func latin(_ cyrillic: String) -> String {
        let characters = Array(cyrillic)
        var result = ""
        result.reserveCapacity(characters.count)
        var index = 0
        while index < characters.count {
            if let length = exceptionLength(characters, at: index) {
                let word = characters[index..<index + length]
                result += applyCase(of: word, to: "bulgaria")
                index += length
                continue
            }
            let character = characters[index]
            guard let romanised = table[character.lowercased()] else {
                result.append(character)
                index += 1
                continue
            }
            let isWordFinalIA =
                romanised == "ya" && index > 0 && characters[index - 1].lowercased() == "и"
                && !isLetter(characters, at: index + 1)
            let latin = isWordFinalIA ? "a" : romanised
            result += character.isUppercase ? capitalised(latin, characters, at: index) : latin
            index += 1
        }
        return result
    }

    /// The letter table of the Act (DOMAIN §7).
    static let table: [String: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z",
        "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
        "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch",
        "ш": "sh", "щ": "sht", "ъ": "a", "ь": "y", "ю": "yu", "я": "ya", "ѝ": "i",
    ]

    private static let exceptionWord = Array("българия").map(String.init)

    /// The length of "България" when it stands as a whole word at `index`.
    private static func exceptionLength(_ characters: [Character], at index: Int) -> Int? {
        let end = index + exceptionWord.count
        guard end <= characters.count, !isLetter(characters, at: index - 1),
            !isLetter(characters, at: end),
            zip(characters[index..<end], exceptionWord).allSatisfy({ $0.lowercased() == $1 })
        else { return nil }
        return exceptionWord.count
    }

    private static func applyCase(of word: ArraySlice<Character>, to latin: String) -> String {
        if word.allSatisfy(\.isUppercase) { return latin.uppercased() }
        if word.first?.isUppercase == true { return latin.prefix(1).uppercased() + latin.dropFirst() }
        return latin
    }

    private static func capitalised(_ latin: String, _ characters: [Character], at index: Int) -> String {
        guard latin.count > 1 else { return latin.uppercased() }
        let neighbour = isLetter(characters, at: index + 1) ? index + 1 : index - 1
        if isLetter(characters, at: neighbour), characters[neighbour].isUppercase {
            return latin.uppercased()
        }
        return latin.prefix(1).uppercased() + latin.dropFirst()
    }

    private static func isLetter(_ characters: [Character], at index: Int) -> Bool {
        characters.indices.contains(index) && characters[index].isLetter
    }
}
