/// A colour as a theme names it; the terminal backend maps it to what the terminal can show.
public enum ThemeColor: Sendable, Hashable {
    /// The terminal's own foreground or background.
    case terminalDefault
    /// One of the 16 named colours (0–7 normal, 8–15 bright).
    case ansi(Int)
    /// An xterm 256-colour palette index.
    case indexed(Int)
    case rgb(UInt8, UInt8, UInt8)
}

/// How one role looks.
public struct TextStyle: Sendable, Hashable {
    public var foreground: ThemeColor
    public var background: ThemeColor
    public var bold: Bool
    public var dim: Bool
    public var underline: Bool
    public var reverse: Bool

    public init(
        foreground: ThemeColor = .terminalDefault, background: ThemeColor = .terminalDefault,
        bold: Bool = false, dim: Bool = false, underline: Bool = false, reverse: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.underline = underline
        self.reverse = reverse
    }
}

/// A loaded theme: the styles its file (and the files it extends) set.
public struct Theme: Sendable, Hashable {
    public var name: String
    /// Roles the theme sets; any other role looks like `normal`.
    public var styles: [StyleRole: TextStyle]

    public init(name: String, styles: [StyleRole: TextStyle]) {
        self.name = name
        self.styles = styles
    }

    /// The style for `role`: its own, else `normal`'s. The selected row always stands out: a cursor style with no
    /// background of its own (nothing different from `normal`'s) is reversed.
    public func style(for role: StyleRole) -> TextStyle {
        let normal = styles[.normal] ?? TextStyle()
        var style = styles[role] ?? normal
        if role == .cursor || role == .cursorInactive, !style.reverse, style.background == normal.background {
            style.reverse = true
        }
        return style
    }

    /// The default theme compiled in, for when no `themes/` folder can be found. A test keeps it equal to
    /// `themes/default.theme`.
    public static let builtIn: Theme = {
        let styles = (try? ThemeLoader.parse(builtInDefaultText, file: "default.theme").styles) ?? [:]
        return Theme(name: "default", styles: styles)
    }()

    static let builtInDefaultText = """
    # default: 256-colour theme (every role defined).
    # One role per line:  ROLE = [FG] [on BG] [bold] [dim] [underline] [reverse]
    # Colours: default, black red green yellow blue magenta cyan white, bright-black … bright-white, 0–255, #rrggbb.
    # A theme may start with `extends = NAME` and set only what it changes; roles left out look like `normal`.
    normal          = default
    cursor          = black on 37 bold
    cursor.inactive = default on 238
    header          = 250 bold
    header.sorted   = 255 bold underline
    frame           = 240
    frame.focus     = 75 bold
    title           = 250
    breadcrumb      = 110
    status.ok       = 78
    status.running  = 75
    status.failed   = 203
    status.partial  = 214
    status.unknown  = 244
    link            = 111 underline
    muted           = 244
    badge           = black on 110
    accent          = 75 bold
    error           = 203 bold
    hint            = 245
    hint.key        = 75 bold
    selection       = default on 24
    warning         = 214
    label           = 246
    accent.red      = 196 bold
    accent.green    = 40 bold
    accent.yellow   = 220 bold
    accent.blue     = 33 bold
    accent.magenta  = 170 bold
    accent.cyan     = 44 bold
    """
}
