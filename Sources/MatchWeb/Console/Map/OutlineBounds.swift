/// The box around outlines written as migration 0104 stores them (`M x y`, then relative
/// `l dx dy` steps, `z`), which is the map's view box. Reading the numbers is enough: no
/// general SVG path parser is needed for paths we write ourselves.
struct OutlineBounds: Sendable, Equatable {
    var minX: Int, minY: Int, maxX: Int, maxY: Int

    /// The box around every point of `paths`; nil when they hold no point.
    init?(_ paths: [String]) {
        var box: OutlineBounds?
        for path in paths {
            var x = 0, y = 0
            for step in path.matches(of: /([Ml])(-?[0-9]+) ?(-?[0-9]+)/) {
                guard let a = Int(step.2), let b = Int(step.3) else { continue }
                if step.1 == "M" { (x, y) = (a, b) } else { (x, y) = (x + a, y + b) }
                if box == nil { box = OutlineBounds(minX: x, minY: y, maxX: x, maxY: y) }
                box?.include(x, y)
            }
        }
        guard let box else { return nil }
        self = box
    }

    private init(minX: Int, minY: Int, maxX: Int, maxY: Int) {
        (self.minX, self.minY, self.maxX, self.maxY) = (minX, minY, maxX, maxY)
    }

    private mutating func include(_ x: Int, _ y: Int) {
        minX = min(minX, x); maxX = max(maxX, x)
        minY = min(minY, y); maxY = max(maxY, y)
    }

    /// The wider side of the box.
    var span: Int { max(maxX - minX, maxY - minY) }

    /// `viewBox` text with a margin of 2 % on every side, so outer borders are not clipped.
    var viewBox: String {
        let margin = max(1, max(maxX - minX, maxY - minY) / 50)
        return "\(minX - margin) \(minY - margin) \(maxX - minX + 2 * margin) \(maxY - minY + 2 * margin)"
    }
}
