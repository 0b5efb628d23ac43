/// One screen cell: a grapheme, how many columns it covers, and what it means (the theme decides how it looks).
public struct Cell: Sendable, Hashable {
    /// One grapheme; `""` for the right half of a wide glyph.
    public var text: String
    /// 1 or 2; 0 for the right half of a wide glyph.
    public var width: Int
    public var role: StyleRole

    public init(text: String, width: Int, role: StyleRole) {
        self.text = text
        self.width = width
        self.role = role
    }

    public static let blank = Cell(text: " ", width: 1, role: .normal)

    static func space(_ role: StyleRole) -> Cell { Cell(text: " ", width: 1, role: role) }
}

/// The whole screen as values. `render` fills one per frame; the terminal backend copies it out and lets curses diff.
///
/// Every string written here goes through `Sanitize.forDisplay` first, so no control character or bidi override can
/// reach a cell, whoever forgot to sanitise. A wide glyph that would straddle the edge of the area it is written into
/// becomes a space, and overwriting either half of a wide glyph clears the other half.
public struct Grid: Sendable, Equatable {
    public let size: Size
    private var cells: [Cell]

    /// A blank grid (`normal` spaces).
    public init(size: Size) {
        self.size = Size(columns: max(0, size.columns), rows: max(0, size.rows))
        cells = Array(repeating: .blank, count: self.size.columns * self.size.rows)
    }

    /// The cell at column `x`, row `y`; a blank cell outside the grid.
    public subscript(x: Int, y: Int) -> Cell {
        guard contains(x: x, y: y) else { return .blank }
        return cells[y * size.columns + x]
    }

    /// Each row's text with trailing spaces trimmed: what tests compare.
    public var lines: [String] {
        (0..<size.rows).map(line)
    }

    /// Row `y` as text (wide glyphs once, their right halves contribute nothing), trailing spaces trimmed.
    public func line(_ y: Int) -> String {
        guard y >= 0 && y < size.rows else { return "" }
        var text = ""
        let start = y * size.columns
        for cell in cells[start..<start + size.columns] { text += cell.text }
        while text.last == " " { text.removeLast() }
        return text
    }

    // MARK: - Drawing (used by the renderer)

    func contains(x: Int, y: Int) -> Bool {
        x >= 0 && y >= 0 && x < size.columns && y < size.rows
    }

    /// Fills `rect` (clipped to the grid) with spaces of `role`.
    mutating func fill(_ rect: Rect, role: StyleRole) {
        let top = max(0, rect.y), bottom = min(size.rows, rect.maxY)
        let left = max(0, rect.x), right = min(size.columns, rect.maxX)
        guard top < bottom, left < right else { return }
        for y in top..<bottom {
            for x in left..<right { cells[y * size.columns + x] = .space(role) }
        }
    }

    /// Writes `text` from column `x` of row `y`, at most `width` cells (and never past the grid's edge).
    /// Returns the number of cells used. The text is sanitised; graphemes of width 0 are dropped (there is no cell
    /// to put them in); a wide grapheme with only one cell left becomes a space and ends the write.
    @discardableResult
    mutating func write(_ text: String, x: Int, y: Int, width: Int? = nil, role: StyleRole) -> Int {
        guard y >= 0 && y < size.rows else { return 0 }
        let limit = min(size.columns, width.map { x + max(0, $0) } ?? size.columns)
        var column = x
        for character in Sanitize.forDisplay(text) {
            guard column < limit else { break }
            let cellWidth = DisplayWidth.of(character)
            if cellWidth == 0 { continue }
            if column + cellWidth > limit {
                if column >= 0 { put(.space(role), x: column, y: y) }
                column += 1
                break
            }
            if column >= 0 {
                put(Cell(text: String(character), width: cellWidth, role: role), x: column, y: y)
                if cellWidth == 2 { put(Cell(text: "", width: 0, role: role), x: column + 1, y: y) }
            } else if column + cellWidth > 0 {
                // A wide glyph cut by the left edge: only its right half is on screen.
                put(.space(role), x: 0, y: y)
            }
            column += cellWidth
        }
        return max(0, column - x)
    }

    /// Writes one cell's worth of a box-drawing or other single-width glyph.
    mutating func set(_ glyph: String, x: Int, y: Int, role: StyleRole) {
        write(glyph, x: x, y: y, width: 1, role: role)
    }

    /// Stores a cell, first clearing the other half of any wide glyph it overlaps.
    private mutating func put(_ cell: Cell, x: Int, y: Int) {
        guard contains(x: x, y: y) else { return }
        let index = y * size.columns + x
        let old = cells[index]
        // A continuation cell is only ever placed right after its own wide glyph: leave that one alone.
        if old.width == 0, cell.width != 0, x > 0, cells[index - 1].width == 2 {
            cells[index - 1] = .space(cells[index - 1].role)
        }
        if old.width == 2, x + 1 < size.columns, cell.width != 2 {
            cells[index + 1] = .space(cells[index + 1].role)
        }
        cells[index] = cell
    }
}
