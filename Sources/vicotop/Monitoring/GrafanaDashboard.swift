import Foundation

/// The Grafana dashboard printed by `vicotop monitoring grafana`: JSON for Grafana's
/// "Import dashboard", with a Prometheus data source picked at import (`DS_PROMETHEUS`)
/// and a `shard` variable read from `vicotop_shard_info`.
enum GrafanaDashboard {
    /// One panel: a title, how it draws, its queries (PromQL, legend) and a unit.
    struct Panel {
        var title: String
        var type: String
        var queries: [(expr: String, legend: String)]
        var unit: String = "short"
        var width = 12
        var height = 8
        var description = ""
    }

    /// Restricts a selector to the shards picked in the `shard` variable.
    private static let inShards = #"* on (instance, job) group_left (shard, shards) vicotop_shard_info{shard=~"$shard"}"#

    /// The panels, top to bottom, two to a row.
    static let panels: [Panel] = [
        Panel(title: "Live cameras", type: "stat",
              queries: [("sum(vicotop_session_live \(inShards))", "live"), ("count(vicotop_session_state \(inShards))", "watched")],
              width: 6, height: 5, description: "Sessions live (or live and refreshing) among the cameras watched."),
        Panel(title: "Cameras per shard", type: "bargauge",
              queries: [("count by (shard, shards) (vicotop_session_state \(inShards))", "shard {{shard}}/{{shards}}")],
              width: 6, height: 5, description: "Rendezvous hashing keeps these within a few per cent of each other."),
        Panel(title: "Sessions by state", type: "timeseries",
              queries: [("sum by (state) (vicotop_sessions * on (instance, job) group_left vicotop_shard_info{shard=~\"$shard\"})", "{{state}}")],
              height: 5),
        Panel(title: "Cameras not live", type: "table",
              queries: [("vicotop_session_state \(inShards) and on (instance, job, serial) vicotop_session_live == 0", "{{serial}}")],
              description: "State codes: 0 idle, 1 ticket, 2 connecting, 5 backoff, 6 offline, 7 viewer-limit, 8 unauthorized, 9 failed, 10 stopped."),
        Panel(title: "Ticket seconds left", type: "timeseries",
              queries: [("vicotop_ticket_seconds_left \(inShards)", "{{serial}}")], unit: "s",
              description: "A saw tooth: each ticket is replaced at vicotop_ticket_refresh_timestamp_seconds, before it runs out."),
        Panel(title: "Ping loss", type: "timeseries",
              queries: [("rate(vicotop_pings_lost_total[5m]) / rate(vicotop_pings_sent_total[5m])", "{{serial}}")], unit: "percentunit",
              description: "Unanswered signaling pings over 5 minutes; the alert fires above 20 %."),
        Panel(title: "Ping round trip (p50, p95)", type: "timeseries",
              queries: [("histogram_quantile(0.5, sum by (le) (rate(vicotop_ping_rtt_seconds_bucket[5m])))", "p50"),
                        ("histogram_quantile(0.95, sum by (le) (rate(vicotop_ping_rtt_seconds_bucket[5m])))", "p95")], unit: "s"),
        Panel(title: "Reconnects by reason", type: "timeseries",
              queries: [("sum by (reason) (increase(vicotop_reconnects_total[15m]))", "{{reason}}")]),
        Panel(title: "Ticket requests by result", type: "timeseries",
              queries: [("sum by (result) (increase(vicotop_ticket_requests_total[15m]))", "{{result}}")]),
        Panel(title: "Live-view checks", type: "timeseries",
              queries: [("sum by (result) (increase(vicotop_media_checks_total[1h]))", "{{result}}"),
                        ("count(vicotop_media_check_ok == 0)", "failing now")],
              description: "Checks by result over an hour, and the cameras whose last check failed (vicotop_media_check_ok)."),
        Panel(title: "vicotop processes", type: "timeseries",
              queries: [("process_resident_memory_bytes \(inShards)", "RSS {{instance}}")], unit: "bytes"),
    ]

    /// The `shard` variable: every value of `vicotop_shard_info`'s `shard` label, all by default.
    private static var shardVariable: [String: Any] {
        [
        "name": "shard", "label": "Shard", "type": "query", "datasource": ["type": "prometheus", "uid": "${DS_PROMETHEUS}"],
        "query": ["query": "label_values(vicotop_shard_info, shard)", "refId": "shard"],
        "definition": "label_values(vicotop_shard_info, shard)",
        "includeAll": true, "multi": true, "allValue": ".*", "refresh": 2, "sort": 3,
        "current": ["text": "All", "value": "$__all"],
        ]
    }

    /// The dashboard as pretty-printed JSON with sorted keys.
    static var json: String {
        var items: [[String: Any]] = []
        var x = 0, y = 0, rowHeight = 0
        for (index, panel) in panels.enumerated() {
            if x + panel.width > 24 {
                x = 0
                y += rowHeight
                rowHeight = 0
            }
            let datasource: [String: Any] = ["type": "prometheus", "uid": "${DS_PROMETHEUS}"]
            let targets: [[String: Any]] = panel.queries.enumerated().map { offset, query in
                ["datasource": datasource, "expr": query.expr, "legendFormat": query.legend,
                 "refId": String(UnicodeScalar(UInt8(65 + offset)))]
            }
            var item: [String: Any] = [
                "id": index + 1, "title": panel.title, "type": panel.type, "datasource": datasource, "targets": targets,
                "gridPos": ["x": x, "y": y, "w": panel.width, "h": panel.height],
                "fieldConfig": ["defaults": ["unit": panel.unit], "overrides": [Any]()] as [String: Any],
            ]
            if !panel.description.isEmpty { item["description"] = panel.description }
            if panel.type == "table" {
                item["targets"] = targets.map { $0.merging(["format": "table", "instant": true]) { $1 } }
            }
            items.append(item)
            x += panel.width
            rowHeight = max(rowHeight, panel.height)
        }
        let dashboard: [String: Any] = [
            "__inputs": [["name": "DS_PROMETHEUS", "label": "Prometheus", "type": "datasource", "pluginId": "prometheus", "pluginName": "Prometheus"]],
            "title": "vicotop — live-view sessions",
            "uid": "vicotop-sessions",
            "tags": ["vicotop", "vicohome"],
            "timezone": "browser",
            "schemaVersion": 39,
            "version": 1,
            "refresh": "30s",
            "time": ["from": "now-6h", "to": "now"],
            "templating": ["list": [shardVariable]],
            "panels": items,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: dashboard, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
