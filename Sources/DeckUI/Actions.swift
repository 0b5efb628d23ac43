import BackupModel

/// Everything that can happen to the UI: keys and resizes from the terminal, answers from background work.
public enum Action: Sendable {
    /// The first action: loads the first provider's instances.
    case start
    case key(Key)
    case resized(Size)
    /// One page of instances, in order; appended to what came before.
    case instancesLoaded(token: RequestToken, items: [Instance], progress: PageProgress)
    /// One page of backups, in order; appended to what came before.
    case backupsLoaded(token: RequestToken, items: [Backup], progress: PageProgress)
    case loadFailed(token: RequestToken, error: ServiceError)
    /// A line for the status line (from the runtime: "copied", a theme error…).
    case message(String)
}

/// Work the reducer asks the runtime to do; results come back as actions carrying the same token.
public enum Effect: Sendable, Equatable {
    case loadInstances(provider: String, token: RequestToken)
    case loadBackups(provider: String, instanceID: String, token: RequestToken)
    /// Stop the request with this token; any answer it still sends is dropped anyway.
    case cancel(RequestToken)
    case quit
}
