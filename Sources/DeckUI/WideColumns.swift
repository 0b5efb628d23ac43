import BackupModel
import Foundation

extension Backup {
    /// How the backup was taken, where the service says (RDS method, HBR source, Huawei datastore): the wide
    /// list's METHOD column.
    var listMethod: String? {
        let text: String
        switch detail {
        case .rds(let rds): text = rds.method
        case .hbr(let hbr): text = hbr.sourceType
        case .huawei(let huawei): text = huawei.datastoreType
        case .redis, .starRocks: text = ""
        }
        return text.isEmpty ? nil : text
    }

    /// When the backup expires, where the service says: the wide list's EXPIRES column.
    var listExpiry: Date? {
        switch detail {
        case .rds(let rds): rds.expectExpireTime
        case .redis(let redis): redis.expectExpireTime
        case .starRocks(let task): task.expireTime
        case .hbr, .huawei: nil
        }
    }
}
