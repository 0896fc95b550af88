/// The JSON contract of every output, as the README's "JSON output" section documents it.
/// Tests hold each output to these shapes, so a field that changes name or type, or
/// appears without being documented here, fails them.
public enum ContractSchema {
    /// The session states' words.
    public static let states = ["idle", "requestingTicket", "connecting", "live", "refreshing", "backingOff", "unauthorized", "failed", "stopped"]
    /// Why a session backs off.
    public static let backoffReasons = ["socketDropped", "viewerLimit", "offline", "serverError", "unreachable", "ticketRejected"]
    /// Event kinds.
    public static let eventKinds = [
        "stateChanged", "ticketReceived", "ticketFailed", "socketOpened", "socketClosed", "pingLost", "cameraJoined", "cameraLeft",
        "answerReceived", "remoteCandidate", "command", "iceProbed", "mediaPhase", "mediaVerdict",
    ]
    /// The live view's states.
    public static let mediaStates = ["never", "queued", "checking", "ok", "failed", "unavailable", "cancelled"]

    /// `state` with its details, beside the other fields of a device, an event or a report.
    static let stateFields: [String: JSONShape] = [
        "state": .word(states), "reason": .nullable(.word(backoffReasons)), "retryAt": .nullable(.time), "failure": .nullable(.string),
    ]

    /// A ticket without its secrets (a device's `ticket`, the report's).
    public static let ticketSummary = JSONShape.object([
        "traceId": .string, "groupId": .string, "role": .string, "id": .string, "signalServer": .string,
        "serverTime": .nullable(.time), "expiresAt": .time, "lifetimeSeconds": .number, "clockSkewSeconds": .number,
        "pingIntervalSeconds": .number, "stopLiveTimeoutSeconds": .number, "iceServerURLs": .array(.string),
    ])

    /// Keep-alive figures.
    public static let ping = JSONShape.object([
        "sent": .integer, "received": .integer, "lastMs": .nullable(.number), "minMs": .nullable(.number), "avgMs": .nullable(.number),
        "maxMs": .nullable(.number), "jitterMs": .number, "lossPercent": .number, "consecutiveMisses": .integer,
    ])

    /// Milestones of a session.
    public static let phases = JSONShape.object([
        "ticketMs": .nullable(.number), "socketOpenMs": .nullable(.number), "cameraInMs": .nullable(.number),
        "answerMs": .nullable(.number), "firstCandidateMs": .nullable(.number), "firstPongMs": .nullable(.number),
    ])

    /// One ICE server's probe.
    public static let iceServerStatus = JSONShape.object(["url": .string, "ok": .bool, "rttMs": .nullable(.number), "detail": .string])

    /// A live view's figures.
    public static let mediaFigures = JSONShape.object([
        "fps": .number, "bitrateBps": .number, "width": .integer, "height": .integer, "codec": .string, "profile": .string,
        "framesDecoded": .integer, "packetsReceived": .integer, "packetsLost": .integer, "jitterMs": .number,
        "nackCount": .integer, "pliCount": .integer, "firCount": .integer, "freezes": .integer,
    ])

    /// A live-view phase and its ms from the view's start.
    public static let mediaPhase = JSONShape.object(["name": .string, "ms": .number])

    /// A device's live view.
    public static let media = JSONShape.object([
        "state": .word(mediaStates), "phase": .nullable(.string), "reason": .nullable(.string), "path": .nullable(.string),
        "firstFrameMs": .nullable(.integer), "startedAt": .nullable(.time), "checkedAt": .nullable(.time), "previewing": .bool,
        "waterfall": .array(mediaPhase), "selectedPair": .nullable(.string), "candidatePairs": .array(.string),
        "dtlsState": .nullable(.string), "dataChannelState": .nullable(.string), "figures": mediaFigures,
    ])

    /// A device in `status` and `watch` snapshots.
    public static let device = JSONShape.object(stateFields.merging([
        "serialNumber": .string, "name": .nullable(.string), "health": .word(["ok", "degraded", "failed"]),
        "stateSince": .nullable(.time), "ticket": .nullable(ticketSummary), "ping": ping, "cameraPresent": .bool,
        "remoteCandidates": .array(.string), "localCandidates": .array(.string), "iceServers": .array(iceServerStatus),
        "phases": phases, "attempt": .integer, "lastError": .nullable(.string), "lastEventAt": .nullable(.time),
        "reconnects": .map(.integer), "ticketRequests": .map(.integer), "updatedAt": .time, "media": media,
    ]) { $1 })

    /// A session event (a `watch --jsonl` event line without its `type` and `schemaVersion`).
    public static let event = JSONShape.object(stateFields.merging([
        "at": .time, "serialNumber": .string, "traceId": .nullable(.string), "kind": .word(eventKinds), "message": .string,
    ]) { $1 })

    static let version: [String: JSONShape] = ["schemaVersion": .exactly(1)]

    /// `status --once --json`.
    public static let fleet = JSONShape.object(version.merging([
        "at": .time, "shard": .object(["index": .integer, "count": .integer]),
        "live": .integer, "degraded": .integer, "failed": .integer, "devices": .array(device),
    ]) { $1 })

    /// A `watch --jsonl` snapshot line.
    public static let watchSnapshot = fleet.adding(["type": .word(["snapshot"])])

    /// A `watch --jsonl` event line.
    public static let watchEvent = event.adding(version).adding(["type": .word(["event"])])

    /// `ticket --json`.
    public static let ticket = JSONShape.object(version.merging([
        "serialNumber": .string, "traceId": .string, "groupId": .string, "role": .string, "id": .string,
        "signalServer": .string, "signalServerIpAddress": .nullable(.string), "websocketPath": .nullable(.string),
        "sign": .string, "accessToken": .nullable(.string), "serverTime": .nullable(.time), "expirationTime": .time,
        "expiresAt": .time, "clockSkewSeconds": .nullable(.number), "lifetimeSeconds": .nullable(.number),
        "pingIntervalSeconds": .number, "stopLiveTimeoutSeconds": .number, "deviceSleepTimeoutSeconds": .nullable(.number),
        "maxAllocationLimit": .nullable(.integer),
        "iceServers": .array(.object(["urls": .array(.string), "username": .nullable(.string), "credential": .nullable(.string),
                                      "ipAddress": .nullable(.string)])),
    ]) { $1 })

    /// `devices --json`.
    public static let devices = JSONShape.object(version.merging([
        "devices": .array(.object([
            "serialNumber": .string, "deviceName": .nullable(.string), "modelNo": .nullable(.string),
            "displayModelNo": .nullable(.string), "online": .nullable(.bool), "awake": .nullable(.bool),
            "batteryLevel": .nullable(.integer), "isCharging": .nullable(.bool), "signalStrength": .nullable(.integer),
            "networkName": .nullable(.string), "ip": .nullable(.string), "macAddress": .nullable(.string),
            "deviceStatus": .nullable(.integer), "firmwareId": .nullable(.string), "offlineTime": .nullable(.time),
        ])),
    ]) { $1 })

    static let candidate = JSONShape.object(["type": .string, "transport": .string, "address": .string, "port": .integer])

    /// `check --json`.
    public static let check = JSONShape.object(version.merging([
        "serialNumber": .string, "name": .nullable(.string), "traceId": .string, "startedAt": .time,
        "verdict": .object([
            "result": .word(["ok", "failed", "unavailable"]), "line": .string, "phase": .nullable(.string),
            "reason": .nullable(.string), "path": .nullable(.string), "firstFrameMs": .nullable(.integer),
        ]),
        "phases": .array(.object(["phase": .string, "ms": .number])),
        "selectedPair": .nullable(.object(["local": candidate, "remote": candidate])),
        "localCandidates": .array(.string), "remoteCandidates": .array(.string), "ignoredRemoteCandidates": .integer,
        "possiblePairs": .integer,
        "answer": .nullable(.object(["videoCodec": .nullable(.string), "profileLevelId": .nullable(.string), "setup": .nullable(.string)])),
        "states": .object(["ice": .string, "dtls": .string, "dataChannel": .string]),
        "media": .object([
            "codec": .string, "profile": .string, "width": .integer, "height": .integer, "fps": .number, "kbps": .number,
            "framesDecoded": .integer, "packetsReceived": .integer, "packetsLost": .integer, "jitterMs": .number,
            "nackCount": .integer, "pliCount": .integer, "firCount": .integer, "keyframeRequests": .integer,
            "freezes": .integer, "frozenSeconds": .number,
        ]),
    ]) { $1 })

    /// `probe --json`.
    public static let probe = JSONShape.object(version.merging([
        "serialNumber": .nullable(.string), "traceId": .nullable(.string),
        "servers": .array(.object([
            "url": .string, "status": .word(["ok", "failed", "invalid"]), "rttMs": .nullable(.number), "totalMs": .nullable(.number),
            "mappedAddress": .nullable(.string), "relayedAddress": .nullable(.string), "software": .nullable(.string),
            "error": .nullable(.string),
            "transactions": .array(.object([
                "method": .string, "authenticated": .bool, "transmissions": .integer, "rttMs": .nullable(.number),
                "errorCode": .nullable(.integer),
            ])),
        ])),
        "candidates": .array(.object([
            "type": .string, "protocol": .string, "address": .string, "port": .integer, "priority": .integer,
            "foundation": .string, "server": .nullable(.string), "ms": .nullable(.number), "line": .string,
        ])),
        "vpn": .object(["detected": .bool, "interfaces": .array(.string), "defaultRouteThroughVPN": .bool]),
    ]) { $1 })

    /// The report's live view, in the vendor's terms.
    public static let mediaReport = JSONShape.object([
        "result": .word(mediaStates), "wait_time": .nullable(.integer), "p2p_connection_type": .nullable(.word(["p2p", "relay"])),
        "relay_protocol": .nullable(.word(["udp", "tcp"])), "download_speed": .nullable(.number), "videoCodec": .nullable(.string),
        "error_msg": .nullable(.string), "checkedAt": .nullable(.time), "selected_pair": .nullable(.string),
        "candidate_pairs": .array(.string), "phases": .array(mediaPhase), "figures": mediaFigures,
    ])

    /// The exported connection report (dashboard key `e`).
    public static let report = JSONShape.object(version.merging(stateFields) { $1 }.merging([
        "traceId": .nullable(.string), "serialNumber": .string, "name": .nullable(.string), "generatedAt": .time,
        "ticket": .nullable(ticketSummary), "phases": phases, "ping": ping, "iceServers": .array(iceServerStatus),
        "localCandidates": .array(.string), "remoteCandidates": .array(.string),
        "vpn": .nullable(.object(["detected": .bool, "interfaces": .array(.string)])),
        "errors": .array(event), "events": .array(event), "media": .nullable(mediaReport),
    ]) { $1 })
}
