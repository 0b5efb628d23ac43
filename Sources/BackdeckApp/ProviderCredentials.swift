import BackupModel
import CloudAPI
import Foundation

/// Where each provider's credentials come from: the vendors' conventions for configured providers, the emulator's
/// own key pair for the demo (the user's credentials are never read there).
struct ProviderCredentials: Sendable {
    enum Source: Sendable {
        case vendorConventions(environment: [String: String], homeDirectory: String)
        /// The built-in emulator's key pair and project.
        case demo(accessKeyID: String, secret: String, huaweiProjectID: String)
    }

    let source: Source

    func alibaba(for provider: ProviderConfig) throws(ServiceError) -> AlibabaCredentials {
        switch source {
        case .demo(let id, let secret, _):
            return AlibabaCredentials(accessKeyID: id, accessKeySecret: secret, securityToken: nil, source: "demo")
        case .vendorConventions(let environment, let home):
            return try AlibabaCredentialResolver.resolve(profile: provider.profile, environment: environment, homeDirectory: home)
        }
    }

    /// AK/SK by default; `auth = "token"` takes OS_AUTH_TOKEN, else logs in to IAM with OS_USERNAME/OS_PASSWORD.
    func huawei(for provider: ProviderConfig, transport: HTTPTransport) throws(ServiceError) -> (projectID: String, auth: HuaweiAuth) {
        switch source {
        case .demo(let id, let secret, let projectID):
            return (projectID, .aksk(HuaweiAccessKey(accessKey: id, secretKey: secret, source: "demo")))
        case .vendorConventions(let environment, let home):
            let projectFromEnvironment = environment["HUAWEICLOUD_SDK_PROJECT_ID"].flatMap { $0.isEmpty ? nil : $0 }
            switch provider.auth ?? .aksk {
            case .aksk:
                let resolved = try HuaweiCredentialResolver.resolveAccessKey(environment: environment, homeDirectory: home)
                let projectID = try Self.requireProject(provider.projectID ?? resolved.projectID ?? projectFromEnvironment)
                return (projectID, .aksk(resolved.accessKey))
            case .token:
                let projectID = try Self.requireProject(provider.projectID ?? projectFromEnvironment)
                if let token = HuaweiCredentialResolver.tokenFromEnvironment(environment) {
                    return (projectID, .token(token))
                }
                guard let login = try HuaweiCredentialResolver.passwordLogin(environment) else {
                    throw ServiceError(kind: .configuration, code: "NoCredentials",
                                       message: "auth = \"token\" needs OS_AUTH_TOKEN, or OS_USERNAME, OS_PASSWORD and OS_USER_DOMAIN_NAME")
                }
                guard let iam = provider.iamEndpoint ?? VendorEndpoints.huaweiIAM(region: provider.region) else {
                    throw ServiceError(kind: .configuration, code: "NoIAMEndpoint", message: "no IAM endpoint for region \(provider.region)")
                }
                let tokens = HuaweiTokenSource(iamEndpoint: iam, login: login, projectID: projectID,
                                               regionName: provider.region, transport: transport)
                return (projectID, .iamLogin(tokens))
            }
        }
    }

    private static func requireProject(_ projectID: String?) throws(ServiceError) -> String {
        guard let projectID, !projectID.isEmpty else {
            throw ServiceError(kind: .configuration, code: "NoProject",
                               message: "no Huawei project: set project_id in the config or HUAWEICLOUD_SDK_PROJECT_ID")
        }
        return projectID
    }
}
