/// A synthetic market in dense form, before it is written as an instance document.
struct SyntheticMarket {
    var vacancyCounty: [Int32] = []
    var capacities: [Int32] = []
    var choices = IndexLists()
    var couples: [Couple] = []
    var priorities = IndexLists()
    var priorityScores: [Double] = []
    var regions: [RegionConstraint] = []
    var targets: [Int32] = []
}
