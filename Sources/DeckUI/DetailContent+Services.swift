import BackupModel
import Foundation

// The detail views of the services after RDS. Each opens with the facts an operator checks first (is it good,
// when, how big), then what the backup contains and where to fetch it.
extension DetailContent {
    /// A cluster backup, then its node (shard) backups: one table of facts, one of download links, so narrow panes
    /// drop fact columns rather than the links.
    static func redisLines(_ backup: Backup, _ redis: RedisBackupDetail, glyphs: GlyphSet) -> [DetailLine] {
        var lines: [DetailLine] = [
            .field(label: "ID", value: [Span(backup.id)]),
            .field(label: "Status", value: status(backup, glyphs: glyphs)),
            .field(label: "Mode", value: text(redis.mode.isEmpty ? backup.mode : redis.mode)),
            .field(label: "Start", value: date(backup.start)),
            .field(label: "End", value: date(backup.end)),
            .field(label: "Duration", value: backup.duration.map { [Span(Format.duration($0))] } ?? missing),
            .field(label: "Size", value: size(backup.size)),
            .field(label: "Shard memory", value: redis.shardMemoryMB.map { [Span("\(Format.thousands($0)) MB")] } ?? missing),
        ]
        if backup.status == .running || redis.progressText != nil {
            lines.append(.field(label: "Progress", value: progressBar(redis.progress, text: redis.progressText, glyphs: glyphs)))
        }
        lines.append(.field(label: "Available", value: availability(redis.isAvailable)))
        lines.append(.field(label: "Expires", value: date(redis.expectExpireTime)))
        lines.append(.blank)
        lines.append(.heading("Nodes (\(Format.thousands(redis.nodeBackups.count)))"))
        if redis.nodeBackups.isEmpty {
            lines.append(.note("no node backups"))
        } else {
            lines += DetailTable(id: 0, columns: [
                .init(title: "NODE BACKUP", width: .content(maxFraction: 0.2)),
                .init(title: "STATUS", width: .content(maxFraction: 0.15)),
                .init(title: "SIZE", width: .content(maxFraction: 0.15), alignment: .right),
                .init(title: "START", width: .content(maxFraction: 0.2)),
                .init(title: "END", width: .content(maxFraction: 0.2)),
                .init(title: "AVAIL", width: .content(maxFraction: 0.1)),
                .init(title: "VERSION", width: .content(maxFraction: 0.15)),
                .init(title: "FILE", width: .fill),
            ], rows: redis.nodeBackups.map { node in
                [
                    Span(node.backupID),
                    Span(glyphs.status(node.status) + " " + (node.statusText.isEmpty ? node.status.rawValue : node.statusText), node.status.role),
                    Span(node.size?.formatted ?? "—"),
                    Span(node.start.map(Format.minute) ?? "—"),
                    Span(node.end.map(Format.minute) ?? "—"),
                    availability(node.isAvailable)[0],
                    Span(Instance.engineLabel(node.engine, node.engineVersion)),
                    Span(node.fileName),
                ]
            }).lines
            lines.append(.blank)
            lines += DetailTable(id: 1, columns: [
                .init(title: "NODE BACKUP", width: .content(maxFraction: 0.2)),
                .init(title: "PUBLIC URL", width: .fill),
                .init(title: "INTERNAL URL", width: .fill),
            ], rows: redis.nodeBackups.map { [Span($0.backupID), linkCell($0.downloadURL), linkCell($0.intranetDownloadURL)] }).lines
        }
        appendAnomalies(backup, to: &lines, glyphs: glyphs)
        return lines
    }

    /// A GeminiDB backup and its databases → tables; "whole database" where the vendor sent `table_names: null`.
    static func huaweiLines(_ backup: Backup, _ huawei: HuaweiBackupDetail, glyphs: GlyphSet) -> [DetailLine] {
        var lines: [DetailLine] = [
            .field(label: "ID", value: [Span(backup.id)]),
            .field(label: "Name", value: text(huawei.name)),
            .field(label: "Status", value: status(backup, glyphs: glyphs)),
            .field(label: "Type", value: text(huawei.backupType.isEmpty ? backup.type : huawei.backupType)),
            .field(label: "Datastore", value: text(Instance.engineLabel(huawei.datastoreType, huawei.datastoreVersion))),
            .field(label: "Instance", value: text(huawei.instanceName)),
            .field(label: "Begin", value: date(backup.start)),
            .field(label: "End", value: date(backup.end)),
            .field(label: "Duration", value: backup.duration.map { [Span(Format.duration($0))] } ?? missing),
            .field(label: "Size", value: size(backup.size)),
            .field(label: "Description", value: text(huawei.description)),
            .blank,
            .heading("Databases (\(Format.thousands(huawei.databases.count)))"),
        ]
        if huawei.databases.isEmpty {
            lines.append(.note("instance-level backup: every database"))
        } else {
            lines += DetailTable(id: 0, columns: [
                .init(title: "DATABASE", width: .content(maxFraction: 0.3)),
                .init(title: "TABLES", width: .fill),
            ], rows: huawei.databases.map { database in
                guard let tables = database.tables else { return [Span(database.database), Span("whole database", .muted)] }
                return [Span(database.database), Span(tables.isEmpty ? "—" : tables.joined(separator: ", "))]
            }).lines
        }
        appendAnomalies(backup, to: &lines, glyphs: glyphs)
        return lines
    }

    /// `███████░░░ 70%`: a bar for a fraction 0…1, with the vendor's own text beside it.
    static func progressBar(_ fraction: Double?, text: String?, glyphs: GlyphSet, width: Int = 20) -> [Span] {
        guard let fraction, fraction.isFinite else { return [Span(text ?? "—", text == nil ? .muted : .normal)] }
        let clamped = min(1, max(0, fraction))
        let filled = Int((clamped * Double(width)).rounded())
        let label = text ?? "\(Int((clamped * 100).rounded()))%"
        return [Span(String(repeating: glyphs.barFull, count: filled), .statusRunning),
                Span(String(repeating: glyphs.barEmpty, count: width - filled), .muted),
                Span(" " + label)]
    }

    static func availability(_ value: Bool?) -> [Span] {
        switch value {
        case true?: [Span("yes")]
        case false?: [Span("no", .statusFailed)]
        case nil: missing
        }
    }
}

extension DetailContent {
    /// A StarRocks backup task, its per-table subtasks, then the instance as it was when the backup was taken.
    static func starRocksLines(_ backup: Backup, _ task: StarRocksBackupDetail, glyphs: GlyphSet) -> [DetailLine] {
        let typeText = task.backupTypeText.isEmpty || task.backupTypeText == task.backupType
            ? task.backupType : "\(task.backupType) (\(task.backupTypeText))"
        var lines: [DetailLine] = [
            .field(label: "ID", value: [Span(backup.id)]),
            .field(label: "Status", value: status(backup, glyphs: glyphs)),
            .field(label: "Type", value: text(typeText)),
            .field(label: "Description", value: text(task.taskDescription)),
            .field(label: "Start", value: date(backup.start)),
            .field(label: "Finish", value: date(backup.end)),
            .field(label: "Duration", value: backup.duration.map { [Span(Format.duration($0))] } ?? missing),
            .field(label: "Size", value: size(backup.size)),
            .field(label: "Expires", value: date(task.expireTime)),
            .field(label: "Subtasks", value: subtaskSummary(task, glyphs: glyphs)),
            .blank,
            .heading("Subtasks (\(Format.thousands(task.subtasks.count)))"),
        ]
        if task.subtasks.isEmpty {
            lines.append(.note("no subtasks"))
        } else {
            lines += DetailTable(id: 0, columns: [
                .init(title: "DATABASE", width: .content(maxFraction: 0.2)),
                .init(title: "TABLE", width: .content(maxFraction: 0.2)),
                .init(title: "STATUS", width: .content(maxFraction: 0.15)),
                .init(title: "SIZE", width: .content(maxFraction: 0.12), alignment: .right),
                .init(title: "START", width: .content(maxFraction: 0.2)),
                .init(title: "FINISH", width: .content(maxFraction: 0.2)),
                .init(title: "SNAPSHOT", width: .content(maxFraction: 0.25)),
                .init(title: "DETAIL", width: .fill),
            ], rows: task.subtasks.map { subtask in
                [
                    Span(subtask.database), Span(subtask.table),
                    Span(glyphs.status(subtask.status) + " " + (subtask.statusText.isEmpty ? subtask.status.rawValue : subtask.statusText),
                         subtask.status.role),
                    Span(subtask.size?.formatted ?? "—"),
                    Span(subtask.start.map(Format.minute) ?? "—"), Span(subtask.finish.map(Format.minute) ?? "—"),
                    Span(subtask.snapshotName), Span(subtask.detail, subtask.status == .failed ? .statusFailed : .muted),
                ]
            }).lines
        }
        if let snapshot = task.instanceSnapshot {
            lines += [
                .blank,
                .heading("Instance at backup time"),
                .field(label: "Name", value: text(snapshot.instanceName)),
                .field(label: "Version", value: text([snapshot.version, snapshot.minorVersion].filter { !$0.isEmpty }.joined(separator: " · "))),
                .field(label: "Run mode", value: text(snapshot.runMode)),
                .field(label: "Spec", value: text(snapshot.specType)),
                .field(label: "VPC", value: text(snapshot.vpcID)),
                .field(label: "Resource group", value: text(snapshot.resourceGroupID)),
                .field(label: "Tags", value: text(snapshot.tags.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))),
            ]
            if !snapshot.nodeGroups.isEmpty {
                lines += DetailTable(id: 1, columns: [
                    .init(title: "COMPONENT", width: .content(maxFraction: 0.15)),
                    .init(title: "CU", width: .content(maxFraction: 0.1), alignment: .right),
                    .init(title: "STORAGE", width: .content(maxFraction: 0.15), alignment: .right),
                    .init(title: "LEVEL", width: .content(maxFraction: 0.1)),
                    .init(title: "DISKS", width: .content(maxFraction: 0.1), alignment: .right),
                    .init(title: "NODES", width: .content(maxFraction: 0.1), alignment: .right),
                    .init(title: "SPEC", width: .fill),
                ], rows: snapshot.nodeGroups.map { group in
                    [
                        Span(group.componentType), Span(group.cu.map { Format.thousands($0) } ?? "—"),
                        Span(group.storageSize?.formatted ?? "—"), Span(group.storagePerformanceLevel),
                        Span(group.diskCount.map { Format.thousands($0) } ?? "—"),
                        Span(group.nodeCount.map { Format.thousands($0) } ?? "—"),
                        Span([group.specType, group.localStorageInstanceType ?? ""].filter { !$0.isEmpty }.joined(separator: " · ")),
                    ]
                }).lines
            }
        }
        appendAnomalies(backup, to: &lines, glyphs: glyphs)
        return lines
    }

    /// `41 ✓ · 3 ● · 1 ✗`: how the subtasks stand, by status.
    private static func subtaskSummary(_ task: StarRocksBackupDetail, glyphs: GlyphSet) -> [Span] {
        guard !task.subtasks.isEmpty else { return missing }
        var spans: [Span] = []
        for status in [BackupStatus.ok, .running, .failed, .unknown] {
            let count = task.subtaskCount(status)
            guard count > 0 else { continue }
            if !spans.isEmpty { spans.append(Span(" \(glyphs.dot) ", .muted)) }
            spans.append(Span("\(Format.thousands(count)) \(status.rawValue)", status.role))
        }
        return spans
    }
}

extension DetailContent {
    /// An HBR backup job: what it backs up, how far it got (progress bar, amounts done of total, speed), why it
    /// failed, and the ECS snapshot or Tablestore tables it produced.
    static func hbrLines(_ backup: Backup, _ job: HBRBackupDetail, glyphs: GlyphSet) -> [DetailLine] {
        var lines: [DetailLine] = [
            .field(label: "ID", value: [Span(backup.id)]),
            .field(label: "Name", value: text(job.jobName)),
            .field(label: "Status", value: status(backup, glyphs: glyphs)),
            .field(label: "Source type", value: text(job.sourceType)),
            .field(label: "Backup type", value: text(job.backupType)),
            .field(label: "Trigger", value: text(job.triggerMode)),
            .field(label: "Vault", value: text(job.vaultID)),
            .field(label: "Plan", value: text(job.planID)),
            .field(label: "Client", value: text(job.clientID)),
            .blank,
            .heading("Source"),
        ]
        let instance = [job.instanceID, job.instanceName].filter { !$0.isEmpty }.joined(separator: " · ")
        if !instance.isEmpty { lines.append(.field(label: "Instance", value: [Span(instance)])) }
        if !job.bucket.isEmpty { lines.append(.field(label: "Bucket", value: [Span(job.bucket + (job.prefix.isEmpty ? "" : "/" + job.prefix))])) }
        if !job.fileSystemID.isEmpty { lines.append(.field(label: "File system", value: [Span(job.fileSystemID)])) }
        if !job.paths.isEmpty { lines.append(.field(label: "Paths", value: [Span(job.paths.joined(separator: ", "))])) }
        if !job.includePatterns.isEmpty { lines.append(.field(label: "Include", value: [Span(job.includePatterns.joined(separator: ", "))])) }
        if !job.excludePatterns.isEmpty { lines.append(.field(label: "Exclude", value: [Span(job.excludePatterns.joined(separator: ", "))])) }
        if !job.otsTableNames.isEmpty { lines.append(.field(label: "OTS tables", value: [Span(job.otsTableNames.joined(separator: ", "))])) }

        lines += [
            .blank,
            .heading("Progress"),
            .field(label: "Progress", value: progressBar(job.progressFraction, text: nil, glyphs: glyphs)),
            .field(label: "Bytes", value: doneOfTotal(job.bytesDone?.formatted, job.bytesTotal?.formatted)),
            .field(label: "Actual bytes", value: job.actualBytes.map { [Span($0.formatted)] } ?? missing),
            .field(label: "Items", value: doneOfTotal(job.itemsDone.map { Format.thousands($0) }, job.itemsTotal.map { Format.thousands($0) })),
            .field(label: "Files", value: doneOfTotal(job.filesDone.map { Format.thousands($0) }, job.filesTotal.map { Format.thousands($0) })),
            .field(label: "Speed", value: job.speedBytesPerSecond.map { [Span(ByteCount(bytes: $0).formatted + "/s")] } ?? missing),
            .field(label: "Speed limit", value: text(job.speedLimits.isEmpty ? job.speedLimitText : job.speedLimits.map {
                "\($0.startHour)–\($0.endHour) h: \(ByteCount(bytes: $0.kilobytesPerSecond * 1024).formatted)/s"
            }.joined(separator: ", "))),
            .field(label: "Start", value: date(backup.start)),
            .field(label: "Complete", value: date(backup.end)),
            .field(label: "Duration", value: backup.duration.map { [Span(Format.duration($0))] } ?? missing),
        ]
        if let error = job.errorMessage, !error.isEmpty {
            lines.append(.field(label: "Error", value: [Span(error, .statusFailed)]))
        }
        if let snapshot = job.ecsSnapshot {
            lines += [
                .blank,
                .heading("ECS snapshot"),
                .field(label: "Snapshot", value: text(snapshot.nativeSnapshotID)),
                .field(label: "Disk snapshots", value: text(snapshot.diskNativeSnapshotIDs.joined(separator: ", "))),
            ]
            if snapshot.doCopy == true {
                lines += [
                    .field(label: "Copy", value: text([snapshot.destinationNativeSnapshotID, snapshot.destinationNativeSnapshotStatus]
                        .filter { !$0.isEmpty }.joined(separator: " · "))),
                    .field(label: "Copy progress", value: progressBar(snapshot.destinationNativeSnapshotProgress.map { Double($0) / 100 },
                                                                      text: nil, glyphs: glyphs)),
                    .field(label: "Copy retention", value: snapshot.destinationRetentionDays.map { [Span("\($0) days")] } ?? missing),
                ]
                if !snapshot.destinationNativeSnapshotErrorMessage.isEmpty {
                    lines.append(.field(label: "Copy error", value: [Span(snapshot.destinationNativeSnapshotErrorMessage, .statusFailed)]))
                }
            }
        }
        appendAnomalies(backup, to: &lines, glyphs: glyphs)
        return lines
    }

    /// `1.20 GiB of 4.00 GiB`, or what is known of it.
    private static func doneOfTotal(_ done: String?, _ total: String?) -> [Span] {
        switch (done, total) {
        case let (done?, total?): [Span(done), Span(" of ", .muted), Span(total)]
        case let (done?, nil): [Span(done)]
        case let (nil, total?): [Span("— of ", .muted), Span(total)]
        case (nil, nil): missing
        }
    }
}
