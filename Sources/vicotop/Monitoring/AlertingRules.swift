/// The Prometheus alerting rules printed by `vicotop monitoring rules`, written against the
/// metrics `--metrics-listen` serves. Every rule keeps the target's labels (`instance`,
/// `job`) and `serial`, so an alert names the camera and the watcher (the shard) that saw it.
enum AlertingRules {
    /// The rules file (Prometheus 2 YAML); `promtool check rules` accepts it, and the test
    /// suite runs `promtool test rules` on it.
    static let yaml = #"""
        # Alerting rules for vicotop's Prometheus metrics (`vicotop monitoring rules`).
        # Load with `rule_files: [vicotop-rules.yml]` in prometheus.yml. The ticket rule
        # watches a window of about half the refresh margin (30 s for a five-minute ticket):
        # scrape vicotop every 15 s or more often so that it is seen.
        groups:
          - name: vicotop
            interval: 15s
            rules:
              - alert: VicotopCameraNotLive
                # A camera stopped on purpose (state 10) is not a fault.
                expr: vicotop_session_live == 0 and vicotop_session_state != 10
                for: 5m
                labels:
                  severity: warning
                annotations:
                  summary: "Camera {{ $labels.serial }} has not been live for 5 minutes"
                  description: "vicotop at {{ $labels.instance }} has had no live session to {{ $labels.serial }} for 5 minutes (vicotop_session_state shows why: 6 offline, 7 viewer limit, 8 unauthorized, 9 failed)."

              - alert: VicotopTicketNotRefreshed
                # Less than half the refresh margin left (the manager replaces a ticket at
                # vicotop_ticket_refresh_timestamp_seconds) and still the same ticket.
                # The value is the seconds left (the left side of `and`).
                expr: |
                  (vicotop_ticket_expiry_timestamp_seconds - time())
                    < (vicotop_ticket_expiry_timestamp_seconds - vicotop_ticket_refresh_timestamp_seconds) / 2
                  and vicotop_ticket_expiry_timestamp_seconds > 0
                labels:
                  severity: warning
                annotations:
                  summary: "Ticket of {{ $labels.serial }} near expiry and not refreshed"
                  description: "The WebRTC ticket of {{ $labels.serial }} expires in {{ $value | humanizeDuration }} and vicotop at {{ $labels.instance }} has not replaced it: the cloud refuses or delays new tickets."

              - alert: VicotopPingLossHigh
                expr: |
                  rate(vicotop_pings_lost_total[5m]) / rate(vicotop_pings_sent_total[5m]) > 0.2
                for: 2m
                labels:
                  severity: warning
                annotations:
                  summary: "Ping loss over 20 % to {{ $labels.serial }}"
                  description: "{{ $value | humanizePercentage }} of the signaling pings for {{ $labels.serial }} went unanswered over 5 minutes (vicotop at {{ $labels.instance }})."

              - alert: VicotopLiveViewCheckFailing
                # Kept at the last verdict until the next check passes.
                expr: vicotop_media_check_ok == 0
                labels:
                  severity: warning
                annotations:
                  summary: "Live-view check of {{ $labels.serial }} failing"
                  description: "The last live-view check of {{ $labels.serial }} by vicotop at {{ $labels.instance }} failed or could not run; vicotop_media_checks_total{result,phase} names the failing phase."
        """#
}
