import Dispatch
import Foundation
import VicotopConfig
import LiveSession

/// The interactive dashboard: ncurses on the main queue, driven by Dispatch sources.
///
/// - stdin is a read source, drained until ncurses has no key left; end of file means
///   the terminal is gone.
/// - SIGWINCH re-lays out; SIGINT, SIGTERM and SIGHUP end cleanly; SIGTSTP and SIGCONT
///   suspend and restore the terminal.
/// - A one-shot timer re-armed at each whole second while a countdown is on screen (else
///   at each whole minute, for the clock): with nothing changing the process sleeps.
/// - Session snapshots and events arrive on the main actor and mark panes dirty; dirty
///   panes are redrawn at most ~30 times a second, keys at once.
@MainActor
public final class DashboardApp {
    private var options: DashboardOptions
    private let connector: DashboardConnector
    private let onExit: @MainActor (DashboardExit) -> Never
    private var model: DashboardModel
    private var renderer: DashboardRenderer
    private var screen: CursesScreen?
    private var layout: Layout?
    private var dirty = Set(Pane.allCases)
    private var redrawPending = false
    private var lastDraw = DispatchTime(uptimeNanoseconds: 0)
    private var sources: [any DispatchSourceProtocol] = []
    private var tick: (any DispatchSourceTimer)?
    private var inputSource: (any DispatchSourceRead)?
    private var connection: DashboardConnection?
    private var tasks: [Task<Void, Never>] = []
    private var commandTasks: [Task<Void, Never>] = []
    private var statusClear: DispatchWorkItem?
    private var stderrRedirect = StandardErrorRedirect()
    private var finishing = false
    private var themeCursor: String?

    /// The minimum time between two redraws caused by session updates.
    static let frameInterval = DispatchTimeInterval.milliseconds(33)
    /// The shortest time between two reads of the manager's snapshots.
    static let snapshotInterval = Duration.milliseconds(200)

    /// Creates the dashboard; ``start()`` puts it on the screen.
    public init(options: DashboardOptions, connector: @escaping DashboardConnector, onExit: @escaping @MainActor (DashboardExit) -> Never) {
        self.options = options
        self.connector = connector
        self.onExit = onExit
        model = DashboardModel(now: Date(), header: options.header, eventHistory: options.eventHistory)
        model.themeName = options.theme.name
        model.startup = "connecting to \(options.header.endpoint)…"
        renderer = DashboardRenderer(glyphs: options.forceASCII ? .ascii : .unicode)
    }

    /// Takes over the terminal, draws the first frame and starts the fleet. Call on the
    /// main queue, then hand the main thread to `dispatchMain()`.
    public func start() throws {
        for signalNumber in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGWINCH, SIGTSTP, SIGCONT, SIGPIPE] { signal(signalNumber, SIG_IGN) }
        let screen = try CursesScreen(theme: options.theme, environment: options.environment)
        self.screen = screen
        if screen.asciiOnly { renderer.glyphs = .ascii }
        model.pictureMode = Self.pictureMode(depth: screen.depth, ascii: options.forceASCII || screen.asciiOnly)
        stderrRedirect.begin(path: options.stderrPath)
        installSources()
        draw()
        scheduleTick()
        connect()
    }

    // MARK: Sources

    private func installSources() {
        let input = DispatchSource.makeReadSource(fileDescriptor: STDIN_FILENO, queue: .main)
        input.setEventHandler { [unowned self] in
            MainActor.assumeIsolated { self.readInput(available: self.inputSource?.data ?? 0) }
        }
        inputSource = input
        input.resume()
        sources.append(input)
        let handlers: [(Int32, @MainActor () -> Void)] = [
            (SIGWINCH, { [unowned self] in self.resized() }),
            (SIGINT, { [unowned self] in self.finish(.quit(signal: SIGINT)) }),
            (SIGTERM, { [unowned self] in self.finish(.quit(signal: SIGTERM)) }),
            (SIGHUP, { [unowned self] in self.finish(.quit(signal: SIGHUP)) }),
            (SIGQUIT, { [unowned self] in self.finish(.quit(signal: SIGQUIT)) }),
            (SIGTSTP, { [unowned self] in self.suspend() }),
            (SIGCONT, { [unowned self] in self.continued() }),
        ]
        for (signalNumber, handler) in handlers {
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .main)
            source.setEventHandler { MainActor.assumeIsolated { handler() } }
            source.resume()
            sources.append(source)
        }
    }

    private func readInput(available: UInt) {
        guard let screen, !finishing else { return }
        let (keys, readAny, more) = screen.readKeys()
        if more { DispatchQueue.main.async { [weak self] in MainActor.assumeIsolated { self?.readInput(available: 1) } } }
        if !readAny {
            // Readable with nothing to read: end of file, a hang-up or an I/O error. The
            // count guards against a descriptor that stays readable forever, which would
            // otherwise spin this handler.
            emptyWakeups += 1
            if Self.inputHungUp() || emptyWakeups > 20 { finish(.terminalGone) }
            return
        }
        emptyWakeups = 0
        guard !keys.isEmpty else { return }
        // A key can change any pane (selection, focus, prompts, overlay): redraw them all;
        // ncurses sends only the cells that changed.
        dirty.formUnion(Pane.allCases)
        for key in keys {
            run(model.handle(key))
            if finishing { return }
        }
        if model.status != nil { scheduleStatusClear() }
        draw()
        scheduleTick()
    }

    private var emptyWakeups = 0

    /// Whether stdin reports a hang-up or an error (the other end of the terminal closed).
    private static func inputHungUp() -> Bool {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 0) >= 0 else { return true }
        return descriptor.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }

    private func resized() {
        guard let screen, screen.refreshSize() else { return }
        layout = nil
        draw()
    }

    private func suspend() {
        guard let screen else { return }
        screen.suspend()
        stderrRedirect.end()
        // raise() sends SIGSTOP to this very thread, so the whole process has stopped
        // before it returns; kill(getpid()) may pick another thread and let this one run
        // on into continued(), back into curses mode, before the stop lands (seen in tmux:
        // "Stopped" printed over the dashboard).
        raise(SIGSTOP)
        continued()
    }

    private func continued() {
        guard let screen, !finishing else { return }
        stderrRedirect.end()
        stderrRedirect.begin(path: options.stderrPath)
        screen.resume()
        _ = screen.refreshSize()
        layout = nil
        draw()
    }

    // MARK: Timer

    /// Re-arms the one-shot timer at the next whole second (countdowns on screen) or the
    /// next whole minute (only the header clock moves).
    private func scheduleTick() {
        let now = Date().timeIntervalSince1970
        tickedForCountdown = model.showsCountdown
        let period: Double = tickedForCountdown ? 1 : 60
        let wait = period - now.truncatingRemainder(dividingBy: period) + 0.002
        tick?.cancel()
        let timer = DispatchSource.makeTimerSource(queue: .main)
        timer.schedule(deadline: .now() + .milliseconds(Int(wait * 1000)), leeway: .milliseconds(20))
        timer.setEventHandler { [unowned self] in
            MainActor.assumeIsolated {
                self.model.now = Date()
                self.dirty.formUnion([.header, .list, .detail])
                self.draw()
                self.scheduleTick()
            }
        }
        timer.resume()
        tick = timer
    }

    // MARK: Session

    private func connect() {
        let connector = self.connector
        let task = Task { [weak self] in
            do {
                let connection = try await connector { manager in
                    // Subscribe here, before the connector adds a device, so no event is missed;
                    // the streams buffer until the main actor reads them.
                    let streams = (events: manager.events(), changes: manager.snapshotChanges())
                    Task { @MainActor in self?.subscribe(manager, events: streams.events, changes: streams.changes) }
                }
                self?.connected(connection)
            } catch {
                self?.finish(.failed(error))
            }
        }
        tasks.append(task)
    }

    private func subscribe(_ manager: SessionManager, events: AsyncStream<SessionEvent>, changes: AsyncStream<Void>) {
        tasks.append(Task { [weak self] in
            for await event in events {
                guard let self else { return }
                self.model.record(event)
                // Only the selected device's log is on screen; what other events change
                // reaches the list with the next snapshots.
                if event.serialNumber == self.model.selected {
                    self.dirty.insert(.log)
                    self.scheduleRedraw()
                }
            }
        })
        tasks.append(Task { [weak self] in
            for await _ in changes {
                guard let self else { return }
                let states = self.model.snapshots.map(\.state)
                self.model.update(manager.snapshots)
                self.dirty.formUnion([.header, .list, .detail])
                // While the 1 Hz tick runs, a change that leaves every state as it was
                // (a pong, a new round trip) waits for the tick instead of drawing a frame
                // of its own: one wake-up a second, not one per pong.
                if !self.tickedForCountdown || self.model.snapshots.map(\.state) != states { self.scheduleRedraw() }
                // A large fleet changes hundreds of times a second (every pong); reading
                // it more often than this costs CPU that nothing on screen shows. Changes
                // meanwhile fold into one, so the next read has the latest state.
                try? await Task.sleep(for: Self.snapshotInterval)
            }
        })
    }

    private func connected(_ connection: DashboardConnection) {
        guard !finishing else {
            Task { await connection.close() }
            return
        }
        self.connection = connection
        model.header = connection.header
        model.startup = nil
        model.update(connection.manager.snapshots)
        dirty.formUnion(Pane.allCases)
        draw()
        scheduleTick()
        let manager = connection.manager
        tasks.append(Task { [weak self] in
            guard let vpn = await manager.vpnStatus() else { return }
            self?.model.header.vpn = vpn.detected ? "on (\(vpn.interfaces.joined(separator: ",")))" : "none"
            self?.dirty.insert(.header)
            self?.scheduleRedraw()
        })
    }

    // MARK: Drawing

    private func scheduleRedraw() {
        guard !redrawPending, !finishing else { return }
        redrawPending = true
        let earliest = lastDraw + Self.frameInterval
        let deadline = max(earliest, DispatchTime.now())
        DispatchQueue.main.asyncAfter(deadline: deadline) { [weak self] in
            MainActor.assumeIsolated {
                guard let self else { return }
                self.redrawPending = false
                self.draw()
                self.scheduleTickIfCountdownChanged()
            }
        }
    }

    private var tickedForCountdown = false

    private func scheduleTickIfCountdownChanged() {
        if model.showsCountdown != tickedForCountdown { scheduleTick() }
    }

    /// Draws the dirty panes: werase, draw, wnoutrefresh each, then one doupdate.
    private func draw() {
        guard let screen, !finishing else { return }
        model.now = Date()
        let size = screen.size
        let newLayout = renderer.layout(model, size: size)
        if newLayout != layout {
            screen.arrange(newLayout)
            layout = newLayout
            dirty.formUnion(Pane.allCases)
        }
        if let rect = newLayout.rect(.list) { model.pageSize = max(1, rect.height - 3) }
        if model.focus == .detail, let rect = newLayout.rect(.detail), let snapshot = model.selectedSnapshot {
            let lines = DetailView(glyphs: renderer.glyphs).lines(snapshot, now: model.now, zone: model.timeZone, width: max(0, rect.width - 2)).count
            model.maximumDetailScroll = max(0, lines - max(0, rect.height - 2))
        }
        let helpOpen = newLayout.rect(.help) != nil
        for pane in newLayout.panes.map(\.pane) where dirty.contains(pane) || (pane == .help && helpOpen) {
            guard let window = screen.window(pane) else { continue }
            window.erase()
            renderer.draw(pane, model: model, size: size, on: window)
            window.stage()
        }
        dirty.removeAll()
        screen.update()
        lastDraw = .now()
    }

    private func scheduleStatusClear() {
        statusClear?.cancel()
        let item = DispatchWorkItem { [weak self] in
            MainActor.assumeIsolated {
                guard let self, self.model.mode == .normal else { return }
                self.model.status = nil
                self.dirty.insert(.keyBar)
                self.scheduleRedraw()
            }
        }
        statusClear = item
        DispatchQueue.main.asyncAfter(deadline: .now() + 6, execute: item)
    }

    /// Thumbnails in colour from 256 colours up, a grey ramp with 8, nothing without colour
    /// or in ASCII mode.
    static func pictureMode(depth: ColorDepth, ascii: Bool) -> PictureMode {
        if ascii { return .none }
        switch depth {
        case .trueColor, .palette256: return .colour
        case .ansi8: return .greyRamp
        case .noColor: return .none
        }
    }

    // MARK: Effects

    private var lastMediaCommand: Task<Void, Never>?

    private func run(_ effects: [Effect]) {
        for effect in effects {
            if case .quit = effect { finish(.quit(signal: nil)); return }
            if case .cycleTheme = effect { cycleTheme(); continue }
            if case .copy(let text) = effect {
                screen?.writeThrough(Clipboard.osc52(text))
                continue
            }
            guard let manager = connection?.manager else {
                model.status = StatusMessage("still connecting", isError: true)
                continue
            }
            switch effect {
            case .reconnect(let serial): commandTasks.append(Task { await manager.reconnect(serial) })
            case .reconnectAll: commandTasks.append(Task { await manager.reconnectAll() })
            case .refreshTicket(let serial): commandTasks.append(Task { await manager.refreshTicket(serial) })
            case .stopWatching(let serial): commandTasks.append(Task { await manager.stop(serial) })
            case .resumeWatching(let serial): commandTasks.append(Task { await manager.startWatching(serial) })
            case .probeICE(let serial): commandTasks.append(Task { await manager.probeICE(serial) })
            case .add(let serial): commandTasks.append(Task { await manager.add(serial); await manager.startWatching(serial) })
            case .remove(let serial): commandTasks.append(Task { await manager.remove(serial) })
            case .exportReport(let serial): export(serial, manager: manager)
            case .checkMedia(let serial): inOrder { await manager.checkMedia(serial) }
            case .checkAllMedia: inOrder { await manager.checkAllMedia() }
            case .startPreview(let serial): inOrder { await manager.startPreview(serial) }
            case .stopPreview(let serial): inOrder { await manager.stopMedia(serial) }
            case .copy, .cycleTheme, .quit: break
            }
        }
        // Commands are fire-and-forget: the manager owns what they start.
        commandTasks.removeAll()
    }

    /// Runs live-view commands one after another, as the keys came: a `w` then `w` must
    /// reach the manager as start then stop, never the other way round.
    private func inOrder(_ command: @escaping @Sendable () async -> Void) {
        let previous = lastMediaCommand
        lastMediaCommand = Task {
            await previous?.value
            await command()
        }
    }

    private func export(_ serial: String, manager: SessionManager) {
        let directory = options.reportDirectory
        tasks.append(Task { [weak self] in
            guard let report = await manager.report(serial) else { return }
            let message: StatusMessage
            do {
                let url = try ReportExport.write(report, to: directory)
                message = StatusMessage("report written to \(url.path)")
            } catch {
                message = StatusMessage("cannot write the report: \(error.localizedDescription)", isError: true)
            }
            guard let self else { return }
            self.model.status = message
            self.dirty.insert(.keyBar)
            self.scheduleStatusClear()
            self.scheduleRedraw()
        })
    }

    private func cycleTheme() {
        let names = options.catalog.names()
        let index = names.firstIndex(of: themeCursor ?? options.theme.name) ?? -1
        let next = names[(index + 1) % names.count]
        // Move on even when this theme fails, so the next T tries the one after it.
        themeCursor = next
        do {
            let theme = try options.catalog.load(next)
            options.theme = theme
            model.themeName = theme.name
            screen?.apply(theme)
            model.status = StatusMessage("theme \(theme.name)")
        } catch {
            model.status = StatusMessage(error.description, isError: true)
        }
        dirty.formUnion(Pane.allCases)
    }

    // MARK: Exit

    /// Restores the terminal first (so the shell is usable at once), then closes the
    /// sessions with a deadline, then exits.
    private func finish(_ exit: DashboardExit) {
        guard !finishing else { return }
        finishing = true
        for source in sources { source.cancel() }
        tick?.cancel()
        screen?.end()
        screen = nil
        stderrRedirect.end()
        for task in tasks { task.cancel() }
        let onExit = self.onExit
        guard let connection else { onExit(exit) }
        // A server that does not answer must not keep a closed terminal waiting.
        DispatchQueue.main.asyncAfter(deadline: .now() + .milliseconds(300)) { MainActor.assumeIsolated { () -> Void in onExit(exit) } }
        Task { @MainActor in
            await connection.close()
            onExit(exit)
        }
    }
}
