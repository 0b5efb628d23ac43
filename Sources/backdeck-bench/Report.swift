import Foundation

/// One line of the bench's table: a figure (the median of its samples) and what it is measured against.
struct Row: Encodable, Sendable {
    /// The benchmark number and name, e.g. "1 fetch all".
    var benchmark: String
    var label: String
    var unit: String
    var samples: [Double]
    var median: Double?
    /// Derived figures: the bound, the ratio to it, a speed-up.
    var detail: String
    var goal: String
    /// nil when the row has no goal or no figure.
    var met: Bool?

    init(benchmark: String, label: String, unit: String, samples: [Double], detail: String = "", goal: String = "",
         met: Bool? = nil) {
        self.benchmark = benchmark
        self.label = label
        self.unit = unit
        self.samples = samples
        self.median = samples.isEmpty ? nil : Stats.median(samples)
        self.detail = detail
        self.goal = goal
        self.met = met
    }
}

enum Stats {
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1_000 + Double(attoseconds) / 1e15
    }
}

/// Numbers as the table shows them: thousands separated, few decimals.
enum Format {
    static func number(_ value: Double, decimals: Int = 0) -> String {
        guard value.isFinite else { return "–" }
        let text = String(format: "%.\(decimals)f", abs(value))
        let parts = text.split(separator: ".", maxSplits: 1)
        var whole = String(parts[0])
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole.removeLast(3)
        }
        grouped = whole + grouped
        let sign = value < 0 && text.contains(where: { $0 != "0" && $0 != "." }) ? "-" : ""
        return sign + grouped + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// Milliseconds: one decimal below 100, none above; two below 10.
    static func milliseconds(_ value: Double) -> String {
        number(value, decimals: value < 10 ? 2 : value < 100 ? 1 : 0) + " ms"
    }

    static func ratio(_ value: Double) -> String { number(value, decimals: 2) + "×" }

    static func value(_ row: Row) -> String {
        guard let median = row.median else { return "–" }
        switch row.unit {
        case "ms": return milliseconds(median)
        case "MB": return number(median, decimals: 1) + " MB"
        case "B": return number(median) + " B"
        default: return number(median) + " " + row.unit
        }
    }
}

/// Where the figures were taken, for the JSON and the table's heading.
struct Machine: Encodable, Sendable {
    var cores: Int
    var memoryGiB: Double
    var system: String
    var build: String
    /// `/proc/loadavg`'s 1, 5 and 15 minute figures when the run began: the machine is shared.
    var loadAverage: String

    static var current: Machine {
        let release = (try? String(contentsOfFile: "/etc/os-release", encoding: .utf8)) ?? ""
        let pretty = release.split(separator: "\n").first { $0.hasPrefix("PRETTY_NAME=") }
            .map { $0.dropFirst("PRETTY_NAME=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        #if DEBUG
        let build = "debug"
        #else
        let build = "release"
        #endif
        let load = ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "").split(separator: " ")
            .prefix(3).joined(separator: " ")
        return Machine(cores: ProcessInfo.processInfo.activeProcessorCount,
                       memoryGiB: (Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824).rounded(),
                       system: pretty ?? "unknown system", build: build, loadAverage: load)
    }
}

struct Report: Encodable, Sendable {
    var machine: Machine
    var runs: Int
    var seconds: Double
    var rows: [Row]

    func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf",
                                                                      nan: "nan")
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// A Markdown table, so it pastes into the README as it is.
    func table() -> String {
        let header = ["benchmark", "case", "median", "detail", "goal", "met"]
        var lines: [[String]] = []
        var previous = ""
        for row in rows {
            let met = row.met.map { $0 ? "yes" : "**no**" } ?? ""
            lines.append([row.benchmark == previous ? "" : row.benchmark, row.label, Format.value(row), row.detail,
                          row.goal, met])
            previous = row.benchmark
        }
        let widths = header.indices.map { column in
            ([header[column]] + lines.map { $0[column] }).map(\.count).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            "| " + cells.enumerated().map { index, cell in
                cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: " | ") + " |"
        }
        let rule = "|" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "|") + "|"
        let heading = "backdeck-bench · \(machine.cores) cores, \(Format.number(machine.memoryGiB)) GiB, \(machine.system), "
            + "\(machine.build) build, load \(machine.loadAverage) at start · medians of \(runs) runs · "
            + "\(Format.number(seconds, decimals: 0)) s in all"
        return ([heading, "", line(header), rule] + lines.map(line)).joined(separator: "\n")
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
