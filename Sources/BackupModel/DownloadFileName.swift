import Foundation

/// The file name a download link is saved as: the link's last path component, percent-decoded; a per-database
/// RDS link (`dbList=NAME`) gets `_NAME` before the extension, since every database of a set shares the set's file
/// name. Never a path: separators and control characters become `_`.
public enum DownloadFileName {
    public static func forLink(_ url: String) -> String {
        let components = URLComponents(string: url)
        let path = components?.percentEncodedPath ?? url
        var name = path.split(separator: "/").last.map(String.init) ?? ""
        name = name.removingPercentEncoding ?? name
        if let database = components?.queryItems?.first(where: { $0.name == "dbList" })?.value, !database.isEmpty {
            let suffix = [".tar.gz", ".tar.zst", ".tar", ".zip", ".xb", ".gz", ".bak", ".rdb", ".sql"]
                .first { name.lowercased().hasSuffix($0) } ?? ""
            name = String(name.dropLast(suffix.count)) + "_" + database + suffix
        }
        let safe = String(String.UnicodeScalarView(name.unicodeScalars.map {
            $0 == "/" || $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F ? "_" : $0
        }))
        return safe.isEmpty || safe == "." || safe == ".." ? "download" : safe
    }
}
