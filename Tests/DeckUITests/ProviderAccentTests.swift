import BackupModel
@testable import DeckUI
import Testing

@Suite("Provider label and accent")
struct ProviderAccentTests {
    static let providers = [
        ProviderSummary(name: "rds-prod", kind: .alibabaRDS, region: "cn-beijing", label: "PROD", accent: "red"),
        ProviderSummary(name: "rds-staging", kind: .alibabaRDS, region: "cn-hangzhou"),
    ]

    func state(size: Size = Size(columns: 120, rows: 30)) -> State {
        var state = State(providers: Self.providers, size: size, banner: Fixture.banner)
        let start = reduce(&state, .start)
        if let token = loadToken(start) {
            let effects = reduce(&state, .instancesLoaded(token: token, items: Fixture.instances, progress: Fixture.finished(3)))
            if let backups = loadToken(effects) {
                _ = reduce(&state, .backupsLoaded(token: backups, items: Fixture.backups, progress: Fixture.finished(4)))
            }
        }
        return state
    }

    @Test func theProvidersPanesGetTheAccentFrameAndABadge() {
        var state = state()
        _ = Fixture.press(&state, .enter, .enter)
        let grid = render(state)
        #expect(grid.lines[0].hasPrefix("backdeck › rds-prod [PROD] › rm-2ze8…"))
        #expect(grid[20, 0].role == .accentRed, "the badge")
        #expect(grid.lines[2].hasPrefix("│rds-prod    PROD│"), "\(grid.lines[2])")
        #expect(grid.lines[3].hasPrefix("│rds-stagi…  RDS │"), "\(grid.lines[3])")
        // Instances, backups and the preview are framed in the accent; the providers pane is not.
        #expect(grid[18, 5].role == .accentRed)
        #expect(grid[54, 5].role == .accentRed)
        #expect(grid[119, 5].role == .accentRed)
        #expect(grid[0, 5].role == .frame)
        #expect(grid[0, 25].role == .accentRed, "the preview")
        // The focused pane still says so in its title.
        #expect(grid[58, 1].role == .frameFocus)
    }

    @Test func anotherProviderHasThePlainFrames() {
        var state = state()
        _ = Fixture.press(&state, .down)
        let grid = render(state)
        #expect(!grid.lines[0].contains("["))
        #expect(grid[18, 5].role == .frame)
    }

    @Test func everyShippedThemeStylesTheAccents() throws {
        for name in StyleRole.accentNames {
            #expect(StyleRole.providerAccent(named: name) != nil)
        }
        #expect(StyleRole.providerAccent(named: "purple") == nil)
        #expect(StyleRole.providerAccent(named: "") == nil)
        let mono = try ThemeLoader.load(named: "mono", from: ThemeTests.shipped)
        #expect(mono.style(for: .accentRed).reverse, "without colour, production still stands out")
    }
}
