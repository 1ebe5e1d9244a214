/// Summary of a stretch of consecutive stops that lets two stretches be joined in constant time.
///
/// This is the time-warp concatenation of Vidal et al. (2013, "A hybrid genetic algorithm with
/// adaptive diversity management for a large class of vehicle routing problems with
/// time-windows"), also used by HGS-CVRP and PyVRP: a late arrival is not rejected but "warped"
/// back to the latest start and the total warp is penalised, so the search can pass through
/// infeasible routes. Every move is scored by joining a prefix, the moved stops and a suffix.
///
/// Loads follow PyVRP's pickup/delivery idea extended to loads that rise and fall inside the
/// route (a passenger picked up and dropped off): `delivery` is what leaves the depot,
/// `net` the change of load on board over the stretch and `peak` the highest rise of the
/// load above its level on entering the stretch.
struct Segment {
    /// First and last place of the stretch; -1 when the stretch has no place of its own
    /// (a break is taken wherever the worker is).
    var first: Int32
    var last: Int32
    var duration: Double
    var timeWarp: Double
    var earliest: Double
    var latest: Double
    var travel: Double
    var delivery: SIMD4<Double>
    var net: SIMD4<Double>
    var peak: SIMD4<Double>

    @inline(__always)
    static func joined(_ a: Segment, _ b: Segment, travelTimes: UnsafePointer<Double>, places: Int) -> Segment {
        let t: Double
        if a.last >= 0 && b.first >= 0 {
            t = travelTimes[Int(a.last) &* places &+ Int(b.first)]
        } else {
            t = 0
        }
        let delta = a.duration - a.timeWarp + t
        let wait = max(b.earliest - delta - a.latest, 0)
        let warp = max(a.earliest + delta - b.latest, 0)
        return Segment(
            first: a.first >= 0 ? a.first : b.first,
            last: b.last >= 0 ? b.last : a.last,
            duration: a.duration + b.duration + t + wait,
            timeWarp: a.timeWarp + b.timeWarp + warp,
            earliest: max(b.earliest - delta, a.earliest) - wait,
            latest: min(b.latest - delta, a.latest) + warp,
            travel: a.travel + b.travel + t,
            delivery: a.delivery + b.delivery,
            net: a.net + b.net,
            peak: maxSIMD(a.peak, a.net + b.peak)
        )
    }

    /// Load above capacity summed over the dimensions.
    @inline(__always)
    func excessLoad(capacity: SIMD4<Double>) -> Double {
        let over = delivery + peak - capacity
        let z = maxSIMD(over, .zero)
        return (z.x + z.y) + (z.z + z.w)
    }
}

/// Lane-wise maximum; the generic standard-library version is not inlined in the hot loop.
@inline(__always)
func maxSIMD(_ a: SIMD4<Double>, _ b: SIMD4<Double>) -> SIMD4<Double> {
    a.replacing(with: b, where: a .< b)
}

/// Travel time between two places, zero when either has no place (a break).
@inline(__always)
func travelBetween(_ a: Int32, _ b: Int32, _ travel: UnsafePointer<Double>, _ places: Int) -> Double {
    a >= 0 && b >= 0 ? travel[Int(a) &* places &+ Int(b)] : 0
}
