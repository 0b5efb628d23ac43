/// One authenticated Alibaba RPC call as a handler sees it.
struct RPCCall: Sendable {
    let action: String
    let version: String
    let parameters: [String: String]
    let requestID: String
    /// The emulator's own `http://host:port`, for links that point back at it.
    let baseURL: String

    func parameter(_ name: String) -> String? {
        guard let value = parameters[name], !value.isEmpty else { return nil }
        return value
    }

    func required(_ name: String) throws(AlibabaError) -> String {
        guard let value = parameter(name) else { throw .missingParameter(name) }
        return value
    }
}

/// Handles one (action, version); returns the whole success body.
typealias RPCHandler = @Sendable (RPCCall) throws(AlibabaError) -> JSONValue

/// Dispatches Alibaba RPC calls (all sent to `/`) by action and API version — the `x-acs-action`/`x-acs-version`
/// headers under V3 signing, the `Action`/`Version` query parameters under legacy signing. Several products share
/// action names (RDS and StarRocks `DescribeBackups`, Redis and StarRocks `DescribeInstances`), so the version
/// is part of the key.
struct RPCRouter: Sendable {
    private struct Key: Hashable, Sendable {
        let action: String
        let version: String
    }

    private var handlers: [Key: RPCHandler] = [:]
    private var versions: Set<String> = []

    mutating func register(action: String, version: String, _ handler: @escaping RPCHandler) {
        handlers[Key(action: action, version: version)] = handler
        versions.insert(version)
    }

    func handle(_ call: RPCCall) throws(AlibabaError) -> JSONValue {
        if let handler = handlers[Key(action: call.action, version: call.version)] {
            return try handler(call)
        }
        guard versions.contains(call.version) else { throw .versionNotFound(call.version) }
        throw .actionNotFound(action: call.action, version: call.version)
    }
}
