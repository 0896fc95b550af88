import Foundation
import Testing

/// `--shard K/N` from flag (before or after the subcommand), `VICOTOP_SHARD` and the
/// config file's `shard`, and what a sharded `status` watches.
@Suite("Shard option")
struct ShardOptionTests {
    func shardLine(_ output: String) -> String {
        output.split(separator: "\n").first { $0.hasPrefix("shard ") }.map(String.init) ?? ""
    }

    @Test("config --show names the shard and its source: file, then environment, then flag, before or after the subcommand")
    func sources() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("vicotop-shard-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home.appendingPathComponent("vicotop"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        try #"shard = "2/3""#.write(to: home.appendingPathComponent("vicotop/config.toml"), atomically: true, encoding: .utf8)
        let file = try await VicotopProcess.run(["config", "--show"], environment: ["XDG_CONFIG_HOME": home.path])
        #expect(file.status == 0, "\(file.stderr)")
        #expect(shardLine(file.stdout).contains("2/3 (rendezvous hashing of serials)"))
        #expect(shardLine(file.stdout).contains("[config file \(home.path)/vicotop/config.toml]"))

        let environment = try await VicotopProcess.run(["config", "--show"], environment: ["XDG_CONFIG_HOME": home.path, "VICOTOP_SHARD": "3/4"])
        #expect(shardLine(environment.stdout).contains("3/4") && shardLine(environment.stdout).contains("[environment VICOTOP_SHARD]"))

        for arguments in [["--shard", "1/2", "config", "--show"], ["config", "--show", "--shard", "1/2"]] {
            let flag = try await VicotopProcess.run(arguments, environment: ["XDG_CONFIG_HOME": home.path, "VICOTOP_SHARD": "3/4"])
            #expect(flag.status == 0, "\(arguments): \(flag.stderr)")
            #expect(shardLine(flag.stdout).contains("1/2") && shardLine(flag.stdout).contains("[flag --shard]"), "\(arguments)")
        }
        let whole = try await VicotopProcess.run(["config", "--show"])
        #expect(shardLine(whole.stdout).contains("1/1 (every camera)") && shardLine(whole.stdout).contains("[default]"))
    }

    @Test("a bad shard is a usage error that says what a shard is", arguments: [
        (["--shard", "0/2", "config", "--show"], "numbered from 1"),
        (["config", "--show", "--shard", "3/2"], "between 1 and N = 2"),
        (["status", "--once", "--shard", "1/0"], "between 1 and 256"),
        (["watch", "--plain", "--shard", "half"], "K/N"),
    ])
    func refused(arguments: [String], message: String) async throws {
        let result = try await VicotopProcess.run(arguments)
        #expect(result.status == 64, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
    }

    @Test("a bad VICOTOP_SHARD or config shard is a usage error naming where it came from")
    func refusedSources() async throws {
        let environment = try await VicotopProcess.run(["config", "--show"], environment: ["VICOTOP_SHARD": "2"])
        #expect(environment.status == 64)
        #expect(environment.stderr.contains("environment VICOTOP_SHARD: shard must be K/N"), "\(environment.stderr)")
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("vicotop-shard-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home.appendingPathComponent("vicotop"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        try #"shard = "4/3""#.write(to: home.appendingPathComponent("vicotop/config.toml"), atomically: true, encoding: .utf8)
        let file = try await VicotopProcess.run(["config", "--show"], environment: ["XDG_CONFIG_HOME": home.path])
        #expect(file.status == 64)
        #expect(file.stderr.contains("config.toml: key 'shard': shard number K must be between 1 and N = 3"), "\(file.stderr)")
    }

    @Test("watch --plain names its shard, and says when named cameras belong to other shards")
    func watchBanner() async throws {
        let result = try await VicotopProcess.run(
            ["watch", "--plain", "--no-ice", "--duration", "1", "--interval", "0.5", "--shard", "2/2",
             "--device", "VDCA1P2410000131", "--device", "VDCA1P2407005563"], timeout: .seconds(60))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("DEMO (embedded simulator) — shard 2/2 — Ctrl-C to stop"), "\(result.stdout)")
        #expect(result.stdout.contains("live — shard 2/2 ──"), "\(result.stdout)")
        // VDCA1P2410000131 is shard 1's (ShardTests pins the hash), VDCA1P2407005563 shard 2's.
        #expect(result.stderr.contains("shard 2/2 watches 1 of the 2 cameras named; the others belong to other shards"), "\(result.stderr)")
        #expect(!result.stdout.contains("VDCA1P2410000131"))
    }

    @Test("status --once over shards 1/2 and 2/2 reports each camera of the demo fleet exactly once")
    func statusShards() async throws {
        var seen: [[String]] = []
        for shard in ["1/2", "2/2"] {
            let result = try await VicotopProcess.run(["status", "--once", "--json", "--settle", "5", "--shard", shard], timeout: .seconds(60))
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
            let devices = try #require(object["devices"] as? [[String: Any]])
            let parts = shard.split(separator: "/").compactMap { Int($0) }
            #expect(object["shard"] as? [String: Int] == ["index": parts[0], "count": parts[1]], "\(result.stdout)")
            seen.append(devices.compactMap { $0["serialNumber"] as? String })
            let plain = try await VicotopProcess.run(["--shard", shard, "status", "--once", "--settle", "5"], timeout: .seconds(60))
            #expect(plain.stdout.hasPrefix("shard \(shard):"), "\(plain.stdout)")
        }
        let demo = ["VDCA1P2410000131", "VDCB2G2408001742", "VDCA1P2311004420", "VDCX9Z2209000007",
                    "VDBF3R2402002218", "VDCB2G2405003071", "VDCA1P2407005563", "VDSL4K2403006690"]
        #expect(Set(seen[0]).isDisjoint(with: seen[1]), "\(seen)")
        #expect(Set(seen[0] + seen[1]) == Set(demo))
        #expect(!seen[0].isEmpty && !seen[1].isEmpty)
    }
}
