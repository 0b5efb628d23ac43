import BackupModel
import DeckUI
import Testing

@Suite("Reducer")
struct ReducerTests {
    let size = Size(columns: 80, rows: 24)

    // MARK: - Start and Miller-column previews

    @Test func startLoadsTheFirstProvidersInstances() {
        var state = State(providers: Fixture.providers, size: size, banner: Fixture.banner)
        let effects = reduce(&state, .start)
        #expect(effects.count == 1)
        guard case .loadInstances(let provider, _)? = effects.first else {
            Issue.record("expected loadInstances, got \(effects)")
            return
        }
        #expect(provider == "rds-prod")
        #expect(state.focus == .providers)
    }

    @Test func nothingLoadsBeforeStart() {
        var state = State(providers: Fixture.providers, size: size, banner: Fixture.banner)
        #expect(reduce(&state, .message("theme error")).isEmpty)
        #expect(reduce(&state, .resized(Size(columns: 100, rows: 30))).isEmpty)
        #expect(reduce(&state, .start).count == 1)
        #expect(reduce(&state, .start).isEmpty, "a second start must not load again")
    }

    @Test func instancesArrivingLoadTheFirstInstancesBackups() throws {
        var state = State(providers: Fixture.providers, size: size, banner: Fixture.banner)
        let token = loadToken(reduce(&state, .start))
        let effects = reduce(&state, .instancesLoaded(token: try #require(token), items: Fixture.instances,
                                                      progress: Fixture.finished(3)))
        guard case .loadBackups(let provider, let instanceID, _, _)? = effects.first, effects.count == 1 else {
            Issue.record("expected one loadBackups, got \(effects)")
            return
        }
        #expect(provider == "rds-prod")
        #expect(instanceID == "rm-2ze8n7f3k1a9x")
        #expect(state.selectedInstanceID == "rm-2ze8n7f3k1a9x")
    }

    @Test func movingOffAProviderWhoseInstancesAreLoadingCancelsThemAndLoadsTheNext() throws {
        var state = State(providers: Fixture.providers, size: size, banner: Fixture.banner)
        let first = try #require(loadToken(reduce(&state, .start)))
        let effects = Fixture.press(&state, .char("j"))
        #expect(effects.count == 2)
        #expect(effects.first == .cancel(first))
        guard case .loadInstances(let provider, let second)? = effects.last else {
            Issue.record("expected loadInstances, got \(effects)")
            return
        }
        #expect(provider == "rds-staging")
        #expect(second != first)
        #expect(state.selectedProvider?.name == "rds-staging")
    }

    @Test func movingOffAnInstanceWhoseBackupsAreLoadingCancelsThem() throws {
        var state = State(providers: Fixture.providers, size: size, banner: Fixture.banner)
        let instancesToken = try #require(loadToken(reduce(&state, .start)))
        let backupsToken = try #require(loadToken(reduce(&state, .instancesLoaded(
            token: instancesToken, items: Fixture.instances, progress: Fixture.finished(3)))))
        _ = Fixture.press(&state, .enter)
        #expect(state.focus == .instances)
        let effects = Fixture.press(&state, .down)
        #expect(effects.first == .cancel(backupsToken))
        #expect(effects.count == 2)
        guard case .loadBackups(_, let instanceID, _, _)? = effects.last else {
            Issue.record("expected loadBackups, got \(effects)")
            return
        }
        #expect(instanceID == "rm-2zeb61q0w7c4y")
    }

    @Test func cachedListsAreShownWithoutFetchingAgain() throws {
        var state = Fixture.loadedState(size: size)
        // To the second provider and back: its list is fetched once, rds-prod's lists come from the cache.
        let away = Fixture.press(&state, .char("j"))
        let stagingToken = try #require(loadToken(away))
        _ = reduce(&state, .instancesLoaded(token: stagingToken, items: [], progress: Fixture.finished(0)))
        let back = Fixture.press(&state, .char("k"))
        #expect(back.isEmpty, "cached lists must not be requested again: \(back)")
        #expect(state.instances.map(\.id) == Fixture.instances.map(\.id))
        #expect(state.backups.map(\.id) == Fixture.backups.map(\.id))
        #expect(Fixture.press(&state, .char("j")).isEmpty, "rds-staging's (empty) list is cached too")
    }

    @Test func eachCachedListKeepsItsOwnCursor() {
        var state = Fixture.loadedState(size: size)
        _ = Fixture.press(&state, .enter, .enter, .down, .down)  // third backup of the first instance
        #expect(state.selectedBackupID == "327329805")
        _ = Fixture.press(&state, .escape, .down)  // second instance: its backups start loading
        #expect(state.selectedBackupID == nil)
        _ = Fixture.press(&state, .up)  // back: the first instance's backups, cursor where it was
        #expect(state.selectedBackupID == "327329805")
    }

    @Test func lateAnswersOfCancelledRequestsAreDropped() throws {
        var state = State(providers: Fixture.providers, size: size, banner: Fixture.banner)
        let prodToken = try #require(loadToken(reduce(&state, .start)))
        let stagingToken = try #require(loadToken(Fixture.press(&state, .char("j"))))
        // rds-prod's answer arrives after the cursor moved on: it must not show under rds-staging.
        let late = reduce(&state, .instancesLoaded(token: prodToken, items: Fixture.instances,
                                                   progress: Fixture.finished(3)))
        #expect(late.isEmpty)
        #expect(state.instances.isEmpty)
        #expect(reduce(&state, .loadFailed(token: prodToken, error: ServiceError(kind: .timeout, code: "", message: "late"))).isEmpty)
        #expect(state.statusMessage == nil)
        _ = reduce(&state, .instancesLoaded(token: stagingToken, items: [Fixture.instances[1]], progress: Fixture.finished(1)))
        #expect(state.instances.map(\.id) == ["rm-2zeb61q0w7c4y"])
    }

    @Test func unknownTokensAreDropped() {
        var state = Fixture.loadedState(size: size)
        let before = state.backups.map(\.id)
        let effects = reduce(&state, .backupsLoaded(token: RequestToken(value: 999), items: [Fixture.backups[0]],
                                                    progress: Fixture.finished(1)))
        #expect(effects.isEmpty)
        #expect(state.backups.map(\.id) == before)
    }

    // MARK: - Identity, not index

    @Test func pagesArrivingNeverMoveTheCursor() throws {
        var state = State(providers: Fixture.providers, size: size, banner: Fixture.banner)
        let instancesToken = try #require(loadToken(reduce(&state, .start)))
        let token = try #require(loadToken(reduce(&state, .instancesLoaded(
            token: instancesToken, items: Fixture.instances, progress: Fixture.finished(3)))))
        let pageOne = PageProgress(pagesLoaded: 1, totalPages: 2, itemsLoaded: 2, totalItems: 4, finished: false)
        _ = reduce(&state, .backupsLoaded(token: token, items: Array(Fixture.backups[0..<2]), progress: pageOne))
        #expect(state.selectedBackupID == "327329803", "the first page selects its first row")
        _ = Fixture.press(&state, .enter, .enter, .down)
        #expect(state.selectedBackupID == "327329804")
        _ = reduce(&state, .backupsLoaded(token: token, items: Array(Fixture.backups[2..<4]), progress: Fixture.finished(4, pages: 2)))
        #expect(state.selectedBackupID == "327329804")
        #expect(state.backups.count == 4)
    }

    @Test func aRowRepeatedOnTheNextPageReplacesTheFirstInPlace() throws {
        var state = State(providers: Fixture.providers, size: size, banner: Fixture.banner)
        let instancesToken = try #require(loadToken(reduce(&state, .start)))
        let token = try #require(loadToken(reduce(&state, .instancesLoaded(
            token: instancesToken, items: Fixture.instances, progress: Fixture.finished(3)))))
        let pageOne = PageProgress(pagesLoaded: 1, totalPages: 2, itemsLoaded: 2, totalItems: 3, finished: false)
        _ = reduce(&state, .backupsLoaded(token: token, items: Array(Fixture.backups[0..<2]), progress: pageOne))
        var updated = Fixture.backups[1]
        updated.status = .ok
        _ = reduce(&state, .backupsLoaded(token: token, items: [updated, Fixture.backups[2]], progress: Fixture.finished(3, pages: 2)))
        #expect(state.backups.map(\.id) == ["327329803", "327329804", "327329805"])
        #expect(state.backups[1].status == .ok)
    }

    @Test func reloadKeepsTheRowsUntilTheNewListIsWholeAndTheCursorOnItsID() throws {
        var state = Fixture.loadedState(size: size)
        _ = Fixture.press(&state, .enter, .enter, .down, .down)
        #expect(state.selectedBackupID == "327329805")
        let effects = Fixture.press(&state, .char("r"))
        #expect(effects.count == 1, "nothing was in flight, so nothing to cancel: \(effects)")
        guard case .loadBackups("rds-prod", "rm-2ze8n7f3k1a9x", .serviceDefault, let token)? = effects.first else {
            Issue.record("expected loadBackups, got \(effects)")
            return
        }
        #expect(state.backups.count == 4, "the rows stay while the list is fetched again")
        #expect(render(state).lines[1].contains("backups · 4 · reloading"))
        // The item comes back at another index, on the second page.
        let reordered = [Fixture.backups[3], Fixture.backups[0], Fixture.backups[1], Fixture.backups[2]]
        let pageOne = PageProgress(pagesLoaded: 1, totalPages: 2, itemsLoaded: 2, totalItems: 4, finished: false)
        _ = reduce(&state, .backupsLoaded(token: token, items: Array(reordered[0..<2]), progress: pageOne))
        #expect(state.backups.map(\.id) == Fixture.backups.map(\.id), "half a list never replaces the rows")
        #expect(render(state).lines.last(where: { $0.contains("reloading · page 1/2 · 2 of 4") }) != nil)
        _ = reduce(&state, .backupsLoaded(token: token, items: Array(reordered[2..<4]), progress: Fixture.finished(4, pages: 2)))
        #expect(state.backups.map(\.id) == reordered.map(\.id))
        #expect(state.selectedBackupID == "327329805")
        #expect(state.selectedBackup?.id == "327329805")
        #expect(!render(state).lines[1].contains("reloading"))
    }

    @Test func aFailedReloadLosesNothing() throws {
        var state = Fixture.loadedState(size: size)
        _ = Fixture.press(&state, .enter, .enter, .down)
        let token = try #require(loadToken(Fixture.press(&state, .char("r"))))
        let denied = ServiceError(kind: .http, httpStatus: 403, code: "Forbidden.RAM", message: "no permission")
        _ = reduce(&state, .loadFailed(token: token, error: denied))
        #expect(state.backups.map(\.id) == Fixture.backups.map(\.id))
        #expect(state.selectedBackupID == "327329804")
        #expect(state.statusMessage?.text == "refresh failed: HTTP 403 Forbidden.RAM: no permission")
    }

    @Test func reloadWhileLoadingCancelsTheRequestInFlight() throws {
        var state = State(providers: Fixture.providers, size: size, banner: Fixture.banner)
        let first = try #require(loadToken(reduce(&state, .start)))
        let effects = Fixture.press(&state, .char("r"))
        #expect(effects.first == .cancel(first))
        guard case .loadInstances("rds-prod", let second)? = effects.last, effects.count == 2 else {
            Issue.record("expected cancel + loadInstances, got \(effects)")
            return
        }
        #expect(second != first)
        #expect(reduce(&state, .instancesLoaded(token: first, items: Fixture.instances, progress: Fixture.finished(3))).isEmpty)
        #expect(state.instances.isEmpty, "the cancelled request's answer is dropped")
    }

    @Test func aSelectedItemGoneAfterReloadGivesWayToItsNearestNeighbour() throws {
        var state = Fixture.loadedState(size: size)
        _ = Fixture.press(&state, .enter, .enter, .down, .down)
        #expect(state.selectedBackupID == "327329805")  // index 2
        let token = try #require(loadToken(Fixture.press(&state, .char("r"))))
        let without = [Fixture.backups[0], Fixture.backups[1], Fixture.backups[3]]
        _ = reduce(&state, .backupsLoaded(token: token, items: without, progress: Fixture.finished(3)))
        #expect(state.selectedBackupID == "327329806", "the item now at index 2")
    }

    @Test func theNearestNeighbourIndexIsClampedToTheShorterList() throws {
        var state = Fixture.loadedState(size: size)
        _ = Fixture.press(&state, .enter, .enter, .char("G"))
        #expect(state.selectedBackupID == "327329806")  // index 3
        let token = try #require(loadToken(Fixture.press(&state, .char("r"))))
        _ = reduce(&state, .backupsLoaded(token: token, items: [Fixture.backups[1]], progress: Fixture.finished(1)))
        #expect(state.selectedBackupID == "327329804")
    }

    @Test func aReloadThatComesBackEmptyClearsTheCursor() throws {
        var state = Fixture.loadedState(size: size)
        _ = Fixture.press(&state, .enter, .enter)
        let token = try #require(loadToken(Fixture.press(&state, .char("r"))))
        _ = reduce(&state, .backupsLoaded(token: token, items: [], progress: Fixture.finished(0)))
        #expect(state.selectedBackupID == nil)
        #expect(Fixture.press(&state, .enter).isEmpty)
        #expect(state.focus == .backups, "nothing to open")
    }

    @Test func reloadOnTheInstancesPaneKeepsTheInstanceAndItsCachedBackups() throws {
        var state = Fixture.loadedState(size: size)
        _ = Fixture.press(&state, .enter, .down)
        let token = try #require(loadToken(Fixture.press(&state, .char("r"))))
        #expect(state.selectedInstanceID == "rm-2zeb61q0w7c4y")
        _ = reduce(&state, .instancesLoaded(token: token, items: Fixture.instances.reversed(), progress: Fixture.finished(3)))
        #expect(state.selectedInstanceID == "rm-2zeb61q0w7c4y")
        #expect(state.instances.first?.id == "pgm-2ze9k3m8v5")
    }

    // MARK: - Navigation

    @Test func downAndUpMoveTheCursorAndStopAtTheEnds() {
        var state = Fixture.loadedState(size: size)
        _ = Fixture.press(&state, .enter, .enter)
        _ = Fixture.press(&state, .char("j"), .down)
        #expect(state.selectedBackupID == "327329805")
        _ = Fixture.press(&state, .down, .down, .down)
        #expect(state.selectedBackupID == "327329806")
        _ = Fixture.press(&state, .char("k"))
        #expect(state.selectedBackupID == "327329805")
        _ = Fixture.press(&state, .up, .up, .up, .up)
        #expect(state.selectedBackupID == "327329803")
    }

    @Test func firstAndLastWithGHomeAndEnd() {
        var state = Fixture.loadedState(size: size)
        _ = Fixture.press(&state, .enter, .enter, .char("G"))
        #expect(state.selectedBackupID == "327329806")
        _ = Fixture.press(&state, .char("g"))
        #expect(state.selectedBackupID == "327329803")
        _ = Fixture.press(&state, .end)
        #expect(state.selectedBackupID == "327329806")
        _ = Fixture.press(&state, .home)
        #expect(state.selectedBackupID == "327329803")
    }

    @Test func pageDownAndUpMoveByTheVisibleHeight() {
        let many = (0..<100).map { index in
            Backup(id: "b\(index)", instanceID: "rm-2ze8n7f3k1a9x", status: .ok, statusText: "Success",
                   start: Fixture.utc(2024, 3, 1, 0, 0).addingTimeInterval(-60 * Double(index)), end: nil, size: nil, type: "Full", mode: "Automated", detail: .rds(Fixture.rdsDetail()))
        }
        var state = Fixture.loadedState(size: size, backups: many)
        _ = Fixture.press(&state, .enter, .enter)
        // 80×24: the backups pane is 13 rows high: 2 frame rows and a header leave 10 rows of backups.
        _ = Fixture.press(&state, Command.pageDown)
        #expect(state.selectedBackupID == "b10")
        _ = Fixture.press(&state, Command.pageDown, .pageDown)
        #expect(state.selectedBackupID == "b30")
        _ = Fixture.press(&state, Command.pageUp)
        #expect(state.selectedBackupID == "b20")
        _ = Fixture.press(&state, Command.pageUp, .pageUp, .pageUp)
        #expect(state.selectedBackupID == "b0")
        _ = Fixture.press(&state, .char("G"), .pageDown)
        #expect(state.selectedBackupID == "b99")
    }

    @Test func drillInAndBackOut() {
        var state = Fixture.loadedState(size: size)
        #expect(state.focus == .providers)
        _ = Fixture.press(&state, .enter)
        #expect(state.focus == .instances)
        _ = Fixture.press(&state, .right)
        #expect(state.focus == .backups)
        _ = Fixture.press(&state, .char("l"))
        #expect(state.focus == .detail)
        _ = Fixture.press(&state, .enter)
        #expect(state.focus == .detail, "nothing further to open")
        _ = Fixture.press(&state, .escape)
        #expect(state.focus == .backups)
        _ = Fixture.press(&state, .left)
        #expect(state.focus == .instances)
        _ = Fixture.press(&state, .char("h"))
        #expect(state.focus == .providers)
        _ = Fixture.press(&state, .escape, .left)
        #expect(state.focus == .providers, "back from the first pane does nothing")
    }

    @Test func openNeedsASelectedItem() {
        var state = State(providers: Fixture.providers, size: size, banner: Fixture.banner)
        _ = reduce(&state, .start)
        _ = Fixture.press(&state, .enter)
        #expect(state.focus == .instances)
        _ = Fixture.press(&state, .enter)
        #expect(state.focus == .instances, "instances still loading: no instance to open")
    }

    @Test func theDetailViewScrollsAndClamps() {
        var state = Fixture.loadedState(size: size)
        _ = Fixture.press(&state, .enter, .enter, .enter)
        #expect(state.focus == .detail)
        // The first fixture backup has 20 detail lines; 80×24 shows 19 of them.
        _ = Fixture.press(&state, .char("j"))
        #expect(render(state).lines[2].contains("Status"))
        _ = Fixture.press(&state, .char("G"))
        let bottom = render(state).lines
        #expect(bottom[20].contains("users"))
        _ = Fixture.press(&state, .down, .pageDown)
        #expect(render(state).lines == bottom, "no scrolling past the last line")
        _ = Fixture.press(&state, .char("g"))
        #expect(render(state).lines[2].contains("ID"))
        _ = Fixture.press(&state, .up)
        #expect(render(state).lines[2].contains("ID"))
    }

    @Test func quitWithQOrCtrlCFromAnywhere() {
        var state = Fixture.loadedState(size: size)
        #expect(Fixture.press(&state, .char("q")) == [.quit])
        #expect(Fixture.press(&state, .ctrl("c")) == [.quit])
        _ = Fixture.press(&state, .enter, .enter, .enter)
        #expect(Fixture.press(&state, .char("q")) == [.quit])
    }

    @Test func unboundKeysDoNothing() {
        var state = Fixture.loadedState(size: size)
        #expect(Fixture.press(&state, .char("z"), .tab, .ctrl("x")).isEmpty)
        #expect(state.focus == .providers)
    }

    @Test func dispatchFollowsTheKeymapTable() {
        var keymap = Keymap.standard
        keymap.bindings.insert(KeyBinding(keys: [.char("x")], command: .quit, hint: "exit", help: "Leave.",
                                          focuses: [.providers]), at: 0)
        var state = State(providers: Fixture.providers, size: size, banner: Fixture.banner, keymap: keymap)
        #expect(reduce(&state, .key(.char("x"))) == [.quit])
        #expect(render(state).lines[23].contains("x exit"))
    }

    // MARK: - Errors, messages, resize

    @Test func aFailedLoadKeepsTheRowsAndReportsTheError() throws {
        var state = State(providers: Fixture.providers, size: size, banner: Fixture.banner)
        let instancesToken = try #require(loadToken(reduce(&state, .start)))
        let token = try #require(loadToken(reduce(&state, .instancesLoaded(
            token: instancesToken, items: Fixture.instances, progress: Fixture.finished(3)))))
        let pageOne = PageProgress(pagesLoaded: 1, totalPages: 3, itemsLoaded: 2, totalItems: 6, finished: false)
        _ = reduce(&state, .backupsLoaded(token: token, items: Array(Fixture.backups[0..<2]), progress: pageOne))
        let error = ServiceError(kind: .http, httpStatus: 403, code: "SignatureDoesNotMatch", message: "The signature does not match.")
        #expect(reduce(&state, .loadFailed(token: token, error: error)).isEmpty)
        #expect(state.backups.count == 2)
        #expect(state.statusMessage == StatusMessage(text: "HTTP 403 SignatureDoesNotMatch: The signature does not match.", isError: true))
        _ = Fixture.press(&state, .char("j"))
        #expect(state.statusMessage == nil, "the next key clears the message (the pane keeps the error)")
    }

    @Test func messagesShowUntilTheNextKey() {
        var state = Fixture.loadedState(size: size)
        _ = reduce(&state, .message("copied 327329803"))
        #expect(state.statusMessage == StatusMessage(text: "copied 327329803", isError: false))
        _ = Fixture.press(&state, .down)
        #expect(state.statusMessage == nil)
    }

    @Test func resizeTakesEffectAtOnce() {
        var state = Fixture.loadedState(size: size)
        _ = reduce(&state, .resized(Size(columns: 100, rows: 30)))
        #expect(state.size == Size(columns: 100, rows: 30))
        let grid = render(state)
        #expect(grid.size == Size(columns: 100, rows: 30))
        #expect(grid.lines[1].hasSuffix("┐"))
    }

    @Test func aResizeKeepsTheCursorVisible() {
        let many = (0..<50).map { index in
            Backup(id: "b\(index)", instanceID: "rm-2ze8n7f3k1a9x", status: .ok, statusText: "Success",
                   start: nil, end: nil, size: nil, type: "Full", mode: "Automated", detail: .rds(Fixture.rdsDetail()))
        }
        var state = Fixture.loadedState(size: Size(columns: 100, rows: 50), backups: many)
        _ = Fixture.press(&state, .enter, .enter)
        for _ in 0..<25 { _ = Fixture.press(&state, .down) }
        _ = reduce(&state, .resized(Size(columns: 80, rows: 24)))
        #expect(render(state).lines.contains { $0.contains("b25 ") }, "the selected row is still on screen")
    }
}

@Suite("Keymap")
struct KeymapTests {
    @Test func noKeyIsBoundToTwoCommandsInTheSameFocus() {
        for focus in Focus.allCases {
            var seen: [Key: Command] = [:]
            for binding in Keymap.standard.bindings where binding.focuses.contains(focus) {
                for key in binding.keys {
                    if let earlier = seen[key] {
                        #expect(earlier == binding.command, "\(key) in \(focus): \(earlier) and \(binding.command)")
                    }
                    seen[key] = binding.command
                }
            }
        }
    }

    @Test func everyCommandHasAKeyAndHelp() {
        for command in Command.allCases {
            let bindings = Keymap.standard.bindings.filter { $0.command == command }
            #expect(!bindings.isEmpty, "\(command) has no key")
            #expect(bindings.allSatisfy { !$0.help.isEmpty })
        }
    }

    @Test func hintsComeFromTheTableForTheFocus() {
        let render = { (focus: Focus) in
            Keymap.standard.hints(for: focus).map { "\($0.keys) \($0.label)" }.joined(separator: "  ")
        }
        #expect(render(.providers) == "↓/j down  ↑/k up  ⏎ open  / filter  r reload  q quit  ? help")
        #expect(render(.backups) == "↓/j down  ↑/k up  ⏎ open  esc back  t window  / filter  s sort  r reload  q quit  ? help")
        #expect(render(.detail) == "↓/j down  ↑/k up  tab section  esc back  q quit  ? help")
    }

    @Test func keyLabels() {
        #expect(Key.ctrl("c").label() == "^C")
        #expect(Key.pageDown.label() == "PgDn")
        #expect(Key.enter.label(.ascii) == "Enter")
        #expect(Key.char(" ").label() == "space")
    }
}
