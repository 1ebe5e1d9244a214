import OporaCore
import Testing

@Suite("Phone numbers typed into forms")
struct PhoneNumberTests {
    @Test(arguments: ["0878 111 222", "+359 (78) 55-12-34", "078551234"])
    func digitsWithSpacesPlusDashesAndBracketsPass(_ phone: String) {
        #expect(PhoneNumber.isPlausible(phone))
    }

    @Test(arguments: ["обадете се", "вечер след 6", "½", "٠٨٧٨", "+ ( ) -", "", "0878\n111"])
    func lettersOtherDigitsAndNoDigitAtAllAreRefused(_ phone: String) {
        #expect(!PhoneNumber.isPlausible(phone))
    }
}
