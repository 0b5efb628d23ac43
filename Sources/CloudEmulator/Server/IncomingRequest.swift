/// What the signature checks and handlers need from an HTTP request, independent of the server framework.
struct IncomingRequest: Sendable {
    let method: String
    let path: String
    /// The query exactly as received, without the `?`.
    let rawQuery: String
    /// The `Host` header as received, port included (HTTP/1's `Host` arrives as the `:authority`).
    let host: String
    /// Header names lower-cased, values as received, in arrival order.
    let headers: [(name: String, value: String)]
    let body: [UInt8]

    /// Every value of a header (names compare case-insensitively).
    func values(of name: String) -> [String] {
        let wanted = name.lowercased()
        if wanted == "host" { return [host] }
        return headers.filter { $0.name == wanted }.map(\.value)
    }

    func header(_ name: String) -> String? { values(of: name).first }

    var isFormEncoded: Bool {
        header("content-type")?.lowercased().hasPrefix("application/x-www-form-urlencoded") ?? false
    }
}
