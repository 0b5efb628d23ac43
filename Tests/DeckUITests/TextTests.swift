import Foundation
import Testing
@testable import DeckUI

@Suite("Display width")
struct DisplayWidthTests {
    @Test func asciiIsOneCellPerCharacter() {
        #expect(DisplayWidth.of("") == 0)
        #expect(DisplayWidth.of("rm-2ze8n7f3") == 11)
        #expect(DisplayWidth.of(Character("a")) == 1)
    }

    @Test func cjkIsTwoCells() {
        #expect(DisplayWidth.of("订单库") == 6)
        #expect(DisplayWidth.of("订单库主实例 db1") == 16)
        #expect(DisplayWidth.of("バックアップ") == 12)
        #expect(DisplayWidth.of("백업") == 4)
        #expect(DisplayWidth.of("Ａ１") == 4, "fullwidth forms")
        #expect(DisplayWidth.of("、。") == 4, "CJK punctuation")
    }

    @Test func combiningMarksTakeNoCell() {
        #expect(DisplayWidth.of(Unicode.Scalar(0x0301)!) == 0)
        #expect(DisplayWidth.of("e\u{0301}") == 1)
        #expect(DisplayWidth.of("Cafe\u{0301} ok") == 7)
        #expect(DisplayWidth.of("a\u{20DD}") == 1, "enclosing mark")
        #expect(DisplayWidth.of("\u{200B}") == 0, "zero-width space")
        #expect(DisplayWidth.of("\u{1100}\u{1161}\u{11A8}") == 2, "a Hangul syllable from jamo")
    }

    @Test func emojiAreTwoCells() {
        #expect(DisplayWidth.of("😀") == 2)
        #expect(DisplayWidth.of("👨‍👩‍👧") == 2, "ZWJ sequence")
        #expect(DisplayWidth.of("🇨🇳") == 2, "flag")
        #expect(DisplayWidth.of("❤️") == 2, "text symbol with emoji presentation selector")
        #expect(DisplayWidth.of("👍🏽") == 2, "skin tone modifier")
        #expect(DisplayWidth.of("❤") == 1, "text presentation by default")
        #expect(DisplayWidth.of("✓●✗⚠…›─│") == 8, "the UI's own glyphs are narrow")
    }

    @Test func controlCharactersHaveNoWidth() {
        #expect(DisplayWidth.of(Unicode.Scalar(0x1B)) == 0)
        #expect(DisplayWidth.of(Unicode.Scalar(0x85)) == 0)
    }
}

@Suite("Sanitize")
struct SanitizeTests {
    @Test func escapesAndBidiOverridesBecomeVisible() {
        #expect(Sanitize.forDisplay("\u{1b}[2J\u{202e}evil\u{07}") == #"\e[2J<U+202E>evil\x07"#)
        #expect(Sanitize.forDisplay("a\tb\nc\rd") == #"a\tb\nc\rd"#)
        #expect(Sanitize.forDisplay("\u{7f}\u{00}\u{1f}") == #"\x7f\x00\x1f"#)
        #expect(Sanitize.forDisplay("\u{85}\u{9b}") == "<U+0085><U+009B>")
        #expect(Sanitize.forDisplay("\u{2066}x\u{2069}\u{200e}\u{200f}\u{061c}\u{202a}\u{2028}")
                == "<U+2066>x<U+2069><U+200E><U+200F><U+061C><U+202A><U+2028>")
    }

    @Test func ordinaryTextIsUntouched() {
        for text in ["订单库主实例", "https://a.example/x?y=1&z=%20", "Café ✓ 😀", ""] {
            #expect(Sanitize.forDisplay(text) == text)
        }
    }

    @Test func sanitisingTwiceChangesNothing() {
        let once = Sanitize.forDisplay("\u{1b}]52;c;aGk=\u{07}\u{202e}")
        #expect(Sanitize.forDisplay(once) == once)
        #expect(!once.unicodeScalars.contains { Sanitize.needsEscape($0) })
    }
}

@Suite("Text fitting and formats")
struct TextFitTests {
    @Test func truncationCountsCellsAndEndsWithAnEllipsis() {
        #expect(TextFit.truncate("rm-2ze8n7f3k1a9x", to: 8) == "rm-2ze8…")
        #expect(TextFit.truncate("订单库主实例", to: 7) == "订单库…")
        // A wide glyph that does not fit leaves a space, so the column still ends where it should.
        #expect(TextFit.truncate("订单库主实例", to: 6) == "订单 …")
        #expect(DisplayWidth.of(TextFit.truncate("订单库主实例", to: 6)) == 6)
        #expect(TextFit.truncate("short", to: 10) == "short")
        #expect(TextFit.truncate("abc", to: 1) == "…")
        #expect(TextFit.truncate("abc", to: 0) == "")
    }

    @Test func paddingKeepsCJKColumnsAligned() {
        let rows = ["订单库", "users", "注文db"].map { TextFit.pad($0, to: 8) + "|" }
        #expect(rows == ["订单库  |", "users   |", "注文db  |"])
        #expect(rows.allSatisfy { DisplayWidth.of($0) == 9 })
        #expect(TextFit.pad("45s", to: 6, alignment: .right) == "   45s")
    }

    @Test func durations() {
        #expect(Format.duration(0) == "0s")
        #expect(Format.duration(45) == "45s")
        #expect(Format.duration(250) == "4m10s")
        #expect(Format.duration(3727) == "1h02m")
        #expect(Format.duration(2 * 86_400 + 3 * 3600 + 59) == "2d03h")
        #expect(Format.duration(-1) == "?")
        #expect(Format.duration(.infinity) == "?")
    }

    @Test func datesAreUTC() {
        #expect(Format.minute(Fixture.utc(2024, 3, 1, 2, 13, 5)) == "2024-03-01 02:13")
        #expect(Format.second(Fixture.utc(2024, 2, 29, 23, 59, 59)) == "2024-02-29 23:59:59 UTC")
        #expect(Format.minute(Date(timeIntervalSince1970: 0)) == "1970-01-01 00:00")
        #expect(Format.minute(Date(timeIntervalSince1970: -1)) == "1969-12-31 23:59")
        #expect(Format.minute(Date(timeIntervalSince1970: .nan)) == "?")
        #expect(Format.minute(Date(timeIntervalSince1970: 1e300)) == "?")
    }

    @Test func thousands() {
        #expect(Format.thousands(0) == "0")
        #expect(Format.thousands(999) == "999")
        #expect(Format.thousands(1150) == "1,150")
        #expect(Format.thousands(Int64(15_246_543_872)) == "15,246,543,872")
        #expect(Format.thousands(-1234) == "-1,234")
    }

    @Test func columnsDropFromTheRightWhenNarrow() {
        let columns = [
            TableColumn(title: "A", width: 4),
            TableColumn(title: "B", width: 6),
            TableColumn(title: "C", minWidth: 3, preferredWidth: 8),
        ]
        #expect(TableColumn.fit(columns, into: 30).map(\.width) == [4, 6, 8])
        #expect(TableColumn.fit(columns, into: 17).map(\.width) == [4, 6, 3], "the last column squeezed")
        #expect(TableColumn.fit(columns, into: 12).map(\.width) == [4, 6], "C dropped")
        let narrowGaps = TableColumn.fit(columns, into: 15)
        #expect(narrowGaps.map(\.width) == [4, 6, 3], "one-space gaps make room for C")
        #expect(narrowGaps.map(\.gap) == [0, 1, 1])
        #expect(TableColumn.fit(columns, into: 3).map(\.width) == [3], "the first column takes what there is")
        let flexible = [TableColumn.flexible(title: "NAME", minWidth: 5), TableColumn(title: "K", width: 3)]
        #expect(TableColumn.fit(flexible, into: 20).map(\.width) == [15, 3])
    }
}

@Suite("Grid")
struct GridTests {
    @Test func aWideGlyphThatDoesNotFitBecomesASpace() {
        var grid = Grid(size: Size(columns: 10, rows: 1))
        let used = grid.write("订单库", x: 0, y: 0, width: 5, role: .normal)
        #expect(used == 5)
        #expect(grid.line(0) == "订单")
        #expect(grid[4, 0] == Cell(text: " ", width: 1, role: .normal))
        #expect(grid[2, 0].text == "单")
        #expect(grid[3, 0].width == 0)
    }

    @Test func aWideGlyphAtTheGridsLastColumnBecomesASpace() {
        var grid = Grid(size: Size(columns: 5, rows: 1))
        grid.write("abcd订", x: 0, y: 0, role: .normal)
        #expect(grid[4, 0].text == " ")
        #expect(grid.lines == ["abcd"])
    }

    @Test func overwritingHalfAWideGlyphClearsTheOtherHalf() {
        var grid = Grid(size: Size(columns: 6, rows: 1))
        grid.write("订单库", x: 0, y: 0, role: .normal)
        grid.write("x", x: 1, y: 0, role: .accent)  // right half of 订
        #expect(grid[0, 0].text == " ")
        #expect(grid[0, 0].width == 1)
        grid.write("y", x: 2, y: 0, role: .accent)  // left half of 单
        #expect(grid[3, 0].text == " ")
        #expect(grid[3, 0].width == 1)
        #expect(grid.line(0) == " xy 库")
    }

    @Test func textIsSanitisedOnTheWayIn() {
        var grid = Grid(size: Size(columns: 20, rows: 1))
        grid.write("a\u{1b}[2Jb\u{07}", x: 0, y: 0, role: .normal)
        #expect(grid.line(0) == #"a\e[2Jb\x07"#)
    }

    @Test func writesAreClippedToTheGrid() {
        var grid = Grid(size: Size(columns: 4, rows: 2))
        grid.write("abcdef", x: 2, y: 1, role: .normal)
        grid.write("zz", x: -1, y: 0, role: .normal)
        grid.write("never", x: 0, y: 5, role: .normal)
        #expect(grid.lines == ["z", "  ab"])
        #expect(grid[9, 9] == Cell.blank)
    }
}
