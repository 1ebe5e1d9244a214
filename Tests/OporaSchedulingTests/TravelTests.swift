import Testing

@testable import OporaScheduling

@Suite struct TravelTests {
    @Test func oneDegreeOfLatitudeIsAbout111Kilometres() {
        let km = TravelSettings.greatCircleKm(42, 22.7, 43, 22.7)
        #expect(abs(km - 6371.0088 * .pi / 180) < 1e-9)
    }

    @Test func minutesFollowTheDocumentedDefaults() {
        let places = [
            CareProblem.Place(id: "a", latitude: 42, longitude: 22.7, kind: "village"),
            CareProblem.Place(id: "b", latitude: 42.1, longitude: 22.7, kind: "village"),
            CareProblem.Place(id: "c", latitude: 42.1, longitude: 22.7, kind: "city"),
        ]
        let m = TravelSettings().matrix(for: places)
        let km = TravelSettings.greatCircleKm(42, 22.7, 42.1, 22.7)
        #expect(abs(m[0 * 3 + 1] - (km * 1.35 / 50 * 60 + 3)) < 1e-9)
        // A leg into a city runs at the mean of village and city speeds.
        #expect(abs(m[0 * 3 + 2] - (km * 1.35 / 37.5 * 60 + 3)) < 1e-9)
        // Same coordinates: no distance, no overhead.
        #expect(m[1 * 3 + 2] == 0 && m[0] == 0)
    }

    @Test func settingsOverrideTheDefaults() {
        let places = [
            CareProblem.Place(id: "a", latitude: 42, longitude: 22.7),
            CareProblem.Place(id: "b", latitude: 42.1, longitude: 22.7),
        ]
        let m = TravelSettings(roadFactor: 1, villageKmh: 60, legOverhead: 0).matrix(for: places)
        #expect(abs(m[1] - TravelSettings.greatCircleKm(42, 22.7, 42.1, 22.7)) < 1e-9)
    }
}
