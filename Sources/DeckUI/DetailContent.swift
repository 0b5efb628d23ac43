import BackupModel
import Foundation

/// A run of text with one role.
struct Span: Sendable, Hashable {
    var text: String
    var role: StyleRole

    init(_ text: String, _ role: StyleRole = .normal) {
        self.text = text
        self.role = role
    }
}

/// One line of the detail pane, independent of the pane's width: the renderer fits it, so the number of lines (and
/// with it how far the view can scroll) is known to the reducer without a size.
enum DetailLine: Sendable, Hashable {
    case field(label: String, value: [Span])
    case heading(String)
    case blank
    case note(String)
    case warning(String)
    /// A table's title row; its rows follow as `tableRow` lines with the same table ID.
    case tableHeader(DetailTable)
    case tableRow(table: Int, cells: [Span])
}

/// A table in the detail pane (per-database links, node backups, subtasks…). Column widths depend on every row,
/// so the header carries the columns and all rows' cells; the renderer fits them once per frame.
struct DetailTable: Sendable, Hashable {
    enum Width: Sendable, Hashable {
        /// As wide as the widest cell or title, at most this fraction of the pane (never under 8 columns).
        case content(maxFraction: Double)
        /// Shares what the content columns leave, equally with the other `fill` columns (links).
        case fill
    }

    struct Column: Sendable, Hashable {
        var title: String
        var width: Width
        var alignment: TextFit.Alignment = .left
    }

    var id: Int
    var columns: [Column]
    var rows: [[Span]]

    /// The header line followed by one line per row.
    var lines: [DetailLine] {
        [.tableHeader(self)] + rows.map { .tableRow(table: id, cells: $0) }
    }
}

/// What the detail pane shows for a backup. Field order follows what an operator checks first: is it good, when,
/// how big, then where to download it.
enum DetailContent {
    static let labelWidth = 17
    static let notDownloadable = "not downloadable"

    static func lines(for backup: Backup, glyphs: GlyphSet) -> [DetailLine] {
        switch backup.detail {
        case .rds(let rds):
            return rdsLines(backup, rds, glyphs: glyphs)
        case .redis(let redis):
            return redisLines(backup, redis, glyphs: glyphs)
        case .huawei(let huawei):
            return huaweiLines(backup, huawei, glyphs: glyphs)
        case .starRocks(let task):
            return starRocksLines(backup, task, glyphs: glyphs)
        case .hbr(let job):
            return hbrLines(backup, job, glyphs: glyphs)
        }
    }

    static func appendAnomalies(_ backup: Backup, to lines: inout [DetailLine], glyphs: GlyphSet) {
        guard !backup.anomalies.isEmpty else { return }
        lines.append(.blank)
        lines.append(.heading("Anomalies"))
        lines += backup.anomalies.map { .warning(glyphs.warning + " " + $0) }
    }

    private static func rdsLines(_ backup: Backup, _ rds: RDSBackupDetail, glyphs: GlyphSet) -> [DetailLine] {
        var lines: [DetailLine] = [
            .field(label: "ID", value: [Span(backup.id)]),
            .field(label: "Status", value: status(backup, glyphs: glyphs)),
            .field(label: "Mode", value: text(rds.mode.isEmpty ? backup.mode : rds.mode)),
            .field(label: "Type", value: text(rds.type.isEmpty ? backup.type : rds.type)),
            .field(label: "Method", value: text(rds.method)),
            .field(label: "Start", value: date(backup.start)),
            .field(label: "End", value: date(backup.end)),
            .field(label: "Duration", value: backup.duration.map { [Span(Format.duration($0))] } ?? missing),
            .field(label: "Size", value: size(backup.size)),
            .field(label: "Engine", value: text(Instance.engineLabel(rds.engine, rds.engineVersion))),
            .field(label: "Consistent time", value: date(rds.consistentTime)),
            .field(label: "Checksum", value: text(rds.checksum)),
            .field(label: "Public URL", value: link(rds.downloadURL)),
            .field(label: "Internal URL", value: link(rds.intranetDownloadURL)),
            .field(label: "Expires", value: date(rds.expectExpireTime)),
            .blank,
            .heading("Databases (\(Format.thousands(rds.databaseLinks.count)))"),
        ]
        if rds.databaseLinks.isEmpty {
            lines.append(.note("no per-database links"))
        } else {
            lines += DetailTable(id: 0, columns: [
                .init(title: "DATABASE", width: .content(maxFraction: 0.25)),
                .init(title: "PUBLIC URL", width: .fill),
                .init(title: "INTERNAL URL", width: .fill),
            ], rows: rds.databaseLinks.map { [Span($0.database), linkCell($0.publicURL), linkCell($0.internalURL)] }).lines
        }
        appendAnomalies(backup, to: &lines, glyphs: glyphs)
        return lines
    }

    static let missing = [Span("—", .muted)]

    static func text(_ value: String) -> [Span] {
        value.isEmpty ? missing : [Span(value)]
    }

    static func date(_ value: Date?) -> [Span] {
        value.map { [Span(Format.second($0))] } ?? missing
    }

    static func link(_ value: String?) -> [Span] {
        guard let value, !value.isEmpty else { return [Span(notDownloadable, .muted)] }
        return [Span(value, .link)]
    }

    /// A download link in a table cell, or the muted "not downloadable".
    static func linkCell(_ url: String?) -> Span {
        guard let url, !url.isEmpty else { return Span(notDownloadable, .muted) }
        return Span(url, .link)
    }

    static func size(_ value: ByteCount?) -> [Span] {
        guard let value else { return missing }
        if value.bytes < 1024 { return [Span(value.formatted)] }
        return [Span(value.formatted), Span(" (\(Format.thousands(value.bytes)) bytes)", .muted)]
    }

    static func status(_ backup: Backup, glyphs: GlyphSet) -> [Span] {
        let word = backup.statusText.isEmpty ? backup.status.rawValue : backup.statusText
        return [Span(glyphs.status(backup.status), backup.statusRole), Span(" " + word)]
    }
}
