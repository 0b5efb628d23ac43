/// backdeck's version: the command line's `--version` and the `User-Agent` of every request.
public enum BackdeckVersion {
    public static let current = "0.2.0"
}
