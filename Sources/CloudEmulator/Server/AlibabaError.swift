import Hummingbird

/// An error as the Alibaba gateway reports it: an HTTP status plus `Code` and `Message` (reference §6).
struct AlibabaError: Error, Sendable {
    let status: HTTPResponse.Status
    let code: String
    let message: String

    static func missingParameter(_ name: String) -> AlibabaError {
        AlibabaError(status: .badRequest, code: "MissingParameter",
                     message: "The input parameter \"\(name)\" that is mandatory for processing this request is not supplied.")
    }

    static func invalidParameter(_ name: String, _ detail: String) -> AlibabaError {
        AlibabaError(status: .badRequest, code: "InvalidParameter",
                     message: "The specified parameter \"\(name)\" is not valid. \(detail)")
    }

    static func incompleteSignature(_ detail: String) -> AlibabaError {
        AlibabaError(status: .badRequest, code: "IncompleteSignature",
                     message: "The request signature does not conform to Aliyun standards. \(detail)")
    }

    static let accessKeyNotFound = AlibabaError(
        status: .notFound, code: "InvalidAccessKeyId.NotFound", message: "Specified access key is not found.")

    /// Deliberately says nothing about the expected signature or the string that was signed with the secret.
    static func signatureMismatch(_ detail: String = "") -> AlibabaError {
        AlibabaError(status: .forbidden, code: "SignatureDoesNotMatch",
                     message: "Specified signature is not matched with our calculation." + (detail.isEmpty ? "" : " " + detail))
    }

    static func actionNotFound(action: String, version: String) -> AlibabaError {
        AlibabaError(status: .badRequest, code: "InvalidAction.NotFound",
                     message: "Specified api is not found, please check your url and method. (Action \(action), Version \(version))")
    }

    static func versionNotFound(_ version: String) -> AlibabaError {
        AlibabaError(status: .badRequest, code: "InvalidVersion",
                     message: "Specified parameter Version is not valid: \(version).")
    }
}

/// Builds the JSON responses every Alibaba handler returns: success bodies as given, errors in the gateway's shape.
enum AlibabaResponse {
    static func json(_ body: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        let bytes = body.serialized
        var headers = HTTPFields()
        headers[.contentType] = "application/json;charset=utf-8"
        // Response(body:) sets Content-Length from the buffer: SDK clients keep connections alive.
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// `{"RequestId","HostId","Code","Message","Recommend"}`, as in reference/cloud-apis.md §6.
    static func error(_ error: AlibabaError, requestID: String, hostID: String, product: String = "Rds") -> Response {
        let recommend = "https://api.alibabacloud.com/troubleshoot?intl_lang=EN_US&q=\(error.code)"
            + "&product=\(product)&requestId=\(requestID)"
        let body = JSONValue.object([
            ("RequestId", .string(requestID)),
            ("HostId", .string(hostID)),
            ("Code", .string(error.code)),
            ("Message", .string(error.message)),
            ("Recommend", .string(recommend)),
        ])
        return json(body, status: error.status)
    }
}
