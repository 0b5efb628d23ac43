/// A terminal's size in character cells.
public struct Size: Sendable, Hashable, CustomStringConvertible {
    public var columns: Int
    public var rows: Int

    public init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }

    /// `80×24`, as the "terminal too small" message prints it.
    public var description: String { "\(columns)×\(rows)" }
}

/// A rectangle of cells; `x`/`y` is the top-left corner.
struct Rect: Sendable, Hashable {
    var x: Int
    var y: Int
    var width: Int
    var height: Int

    init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    var maxX: Int { x + width }
    var maxY: Int { y + height }
    var isEmpty: Bool { width <= 0 || height <= 0 }

    /// The rectangle inside a one-cell frame.
    var inner: Rect { Rect(x: x + 1, y: y + 1, width: width - 2, height: height - 2) }
}
