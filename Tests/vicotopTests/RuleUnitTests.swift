/// `promtool test rules` input for the printed alerting rules: made-up series, one
/// scenario per alert, with a camera that must fire and one that must not.
enum RuleUnitTests {
    static let yaml = #"""
        rule_files:
          - vicotop-rules.yml
        evaluation_interval: 15s
        tests:
          - interval: 15s
            input_series:
              # Offline the whole time: fires after 5 minutes.
              - series: 'vicotop_session_live{instance="a:9464",job="vicotop",serial="S1"}'
                values: '0x40'
              - series: 'vicotop_session_state{instance="a:9464",job="vicotop",serial="S1"}'
                values: '6x40'
              # Stopped on purpose: never fires.
              - series: 'vicotop_session_live{instance="a:9464",job="vicotop",serial="S2"}'
                values: '0x40'
              - series: 'vicotop_session_state{instance="a:9464",job="vicotop",serial="S2"}'
                values: '10x40'
              # Live: never fires.
              - series: 'vicotop_session_live{instance="b:9464",job="vicotop",serial="S3"}'
                values: '1x40'
              - series: 'vicotop_session_state{instance="b:9464",job="vicotop",serial="S3"}'
                values: '3x40'
            alert_rule_test:
              - eval_time: 4m
                alertname: VicotopCameraNotLive
                exp_alerts: []
              - eval_time: 6m
                alertname: VicotopCameraNotLive
                exp_alerts:
                  - exp_labels: {severity: warning, instance: "a:9464", job: vicotop, serial: S1}
                    exp_annotations:
                      summary: "Camera S1 has not been live for 5 minutes"
                      description: "vicotop at a:9464 has had no live session to S1 for 5 minutes (vicotop_session_state shows why: 6 offline, 7 viewer limit, 8 unauthorized, 9 failed)."

          - interval: 15s
            input_series:
              # Expires at t = 300 s, due for refresh at 250 s, never replaced: fires once
              # less than half the 50 s margin is left (after 275 s).
              - series: 'vicotop_ticket_expiry_timestamp_seconds{instance="a:9464",job="vicotop",serial="T1"}'
                values: '300x40'
              - series: 'vicotop_ticket_refresh_timestamp_seconds{instance="a:9464",job="vicotop",serial="T1"}'
                values: '250x40'
              # No ticket (0): never fires.
              - series: 'vicotop_ticket_expiry_timestamp_seconds{instance="a:9464",job="vicotop",serial="T2"}'
                values: '0x40'
              - series: 'vicotop_ticket_refresh_timestamp_seconds{instance="a:9464",job="vicotop",serial="T2"}'
                values: '0x40'
              # Refreshed in time (a new expiry every 300 s): never fires.
              - series: 'vicotop_ticket_expiry_timestamp_seconds{instance="a:9464",job="vicotop",serial="T3"}'
                values: '300x15 600x25'
              - series: 'vicotop_ticket_refresh_timestamp_seconds{instance="a:9464",job="vicotop",serial="T3"}'
                values: '240x15 540x25'
            alert_rule_test:
              - eval_time: 4m15s
                alertname: VicotopTicketNotRefreshed
                exp_alerts: []
              - eval_time: 4m45s
                alertname: VicotopTicketNotRefreshed
                exp_alerts:
                  - exp_labels: {severity: warning, instance: "a:9464", job: vicotop, serial: T1}
                    exp_annotations:
                      summary: "Ticket of T1 near expiry and not refreshed"
                      description: "The WebRTC ticket of T1 expires in 15s and vicotop at a:9464 has not replaced it: the cloud refuses or delays new tickets."

          - interval: 15s
            input_series:
              # A ping every 5 s; one in three lost: fires after 2 minutes.
              - series: 'vicotop_pings_sent_total{instance="a:9464",job="vicotop",serial="P1"}'
                values: '0+3x40'
              - series: 'vicotop_pings_lost_total{instance="a:9464",job="vicotop",serial="P1"}'
                values: '0+1x40'
              # One in ten lost: under 20 %, never fires.
              - series: 'vicotop_pings_sent_total{instance="a:9464",job="vicotop",serial="P2"}'
                values: '0+3x40'
              - series: 'vicotop_pings_lost_total{instance="a:9464",job="vicotop",serial="P2"}'
                values: '0+0.3x40'
            alert_rule_test:
              - eval_time: 1m
                alertname: VicotopPingLossHigh
                exp_alerts: []
              - eval_time: 4m
                alertname: VicotopPingLossHigh
                exp_alerts:
                  - exp_labels: {severity: warning, instance: "a:9464", job: vicotop, serial: P1}
                    exp_annotations:
                      summary: "Ping loss over 20 % to P1"
                      description: "33.33% of the signaling pings for P1 went unanswered over 5 minutes (vicotop at a:9464)."

          - interval: 15s
            input_series:
              # Passed, then failed from 165 s on: fires while it stays failed.
              - series: 'vicotop_media_check_ok{instance="a:9464",job="vicotop",serial="M1"}'
                values: '1x10 0x10'
              - series: 'vicotop_media_check_ok{instance="a:9464",job="vicotop",serial="M2"}'
                values: '1x20'
            alert_rule_test:
              - eval_time: 1m
                alertname: VicotopLiveViewCheckFailing
                exp_alerts: []
              - eval_time: 4m
                alertname: VicotopLiveViewCheckFailing
                exp_alerts:
                  - exp_labels: {severity: warning, instance: "a:9464", job: vicotop, serial: M1}
                    exp_annotations:
                      summary: "Live-view check of M1 failing"
                      description: "The last live-view check of M1 by vicotop at a:9464 failed or could not run; vicotop_media_checks_total{result,phase} names the failing phase."
        """#
}
