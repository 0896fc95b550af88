// A small C face of GStreamer's webrtcbin for Swift. GStreamer is loaded at run time with
// dlopen: no GStreamer header is included anywhere, so the package builds without the -dev
// packages and runs (with media unavailable) without the plugins. Swift cannot call C's
// variadic functions or GLib's macros; every such call lives here, behind plain functions.
#ifndef CGSTREAMER_H
#define CGSTREAMER_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Loads GLib, GStreamer and libnice and initialises GStreamer. Returns 0 on success;
/// otherwise writes the reason into `reason` and returns -1. Safe to call repeatedly.
int vgst_load(char *reason, size_t capacity);

/// 1 when an element factory of that name is registered (after a successful load).
int vgst_has_element(const char *factory);

/// GStreamer's version string, or "" before a successful load.
const char *vgst_version(void);

/// What a peer reports. Text fields are valid only during the callback.
typedef enum {
    VGST_LOCAL_CANDIDATE = 1,     ///< text: candidate line ("" ends gathering); number: m-line
    VGST_DESCRIPTION_CREATED = 2, ///< text: SDP; number: 1 offer, 3 answer
    VGST_DESCRIPTION_FAILED = 3,  ///< text: reason; number: 1 creating, 2 remote, 3 local
    VGST_REMOTE_DESCRIPTION_SET = 4,
    VGST_ICE_STATE = 5,           ///< number: GstWebRTCICEConnectionState
    VGST_CONNECTION_STATE = 6,    ///< number: GstWebRTCPeerConnectionState
    VGST_GATHERING_STATE = 7,     ///< number: GstWebRTCICEGatheringState
    VGST_DTLS_STATE = 8,          ///< number: GstWebRTCDTLSTransportState
    VGST_CHANNEL_OPEN = 9,        ///< text: label
    VGST_CHANNEL_MESSAGE = 10,    ///< text: the message
    VGST_CHANNEL_CLOSED = 11,
    VGST_CHANNEL_ERROR = 12,      ///< text: reason
    VGST_STREAM = 13,             ///< text: caps of an incoming RTP stream
    VGST_FIRST_RTP = 14,
    VGST_KEYFRAME = 15,           ///< number: keyframes seen so far
    VGST_FRAME = 16,              ///< bytes (RGB, stride), width, height; number: decoded width << 16 | height
    VGST_STATS = 17,              ///< text: "id\tfield\tvalue" lines
    VGST_ERROR = 18,              ///< text: the pipeline's error
} vgst_event_kind;

/// One event of a peer.
typedef struct {
    int kind;
    long number;
    const char *text;
    const uint8_t *bytes;
    size_t length;
    int width;
    int height;
    int stride;
} vgst_event;

/// Receives a peer's events, on GStreamer's threads. Must not call vgst_peer_free.
typedef void (*vgst_event_handler)(void *context, const vgst_event *event);

typedef struct vgst_peer vgst_peer;

/// Builds a peer from a gst-launch description that holds `webrtcbin name=webrtc`.
/// Optional named elements: `appsrc name=src` (frames pushed by vgst_peer_push_frame) and
/// `name=pay` (the payloader whose packets vgst_peer_set_drop_percent drops).
/// Returns NULL and a reason on failure.
vgst_peer *vgst_peer_new(const char *pipeline, vgst_event_handler handler, void *context,
                         char *reason, size_t capacity);

/// Restricts ICE to host candidates of these addresses (comma separated, e.g. "127.0.0.1").
/// Returns 0, or -1 when the ICE agent cannot be reached.
int vgst_peer_restrict_addresses(vgst_peer *peer, const char *addresses);

/// Sets the STUN server ("stun://host:port" or "") and adds TURN servers
/// ("turn://user:pass@host:port?transport=udp"). Returns the TURN servers accepted.
int vgst_peer_set_ice_servers(vgst_peer *peer, const char *stun, const char *const *turns, int count);

/// Only relayed candidates when `relay_only` is 1 (webrtcbin's ice-transport-policy).
void vgst_peer_set_relay_only(vgst_peer *peer, int relay_only);

/// Decoder chains linked to incoming H.264 / H.265 streams; each must end in
/// `appsink name=frames` and may name its parser `parse` (keyframes are counted there).
void vgst_peer_set_decoders(vgst_peer *peer, const char *h264, const char *h265);

/// Sets the pipeline PLAYING. Returns 0, or -1.
int vgst_peer_start(vgst_peer *peer);

/// Adds a receive-only transceiver for these RTP caps, with NACKs on.
int vgst_peer_add_receiver(vgst_peer *peer, const char *caps);

/// Creates a data channel with that label.
int vgst_peer_create_channel(vgst_peer *peer, const char *label);

void vgst_peer_create_offer(vgst_peer *peer);
void vgst_peer_create_answer(vgst_peer *peer);

/// Sets a description (type 1 offer, 3 answer). Remote ones report
/// VGST_REMOTE_DESCRIPTION_SET or VGST_DESCRIPTION_FAILED.
void vgst_peer_set_description(vgst_peer *peer, int remote, int type, const char *sdp);

void vgst_peer_add_candidate(vgst_peer *peer, int mline, const char *candidate);

/// Sends text over the data channel (created or received). Returns 0, or -1 when none is open.
int vgst_peer_send_text(vgst_peer *peer, const char *text);

/// Asks the sender for a keyframe: a PLI, or a FIR when `full_intra` is 1.
int vgst_peer_request_keyframe(vgst_peer *peer, int full_intra);

/// Asks for statistics; they arrive as VGST_STATS.
void vgst_peer_request_stats(vgst_peer *peer);

/// Pushes one raw frame into `appsrc name=src`. Returns 0, or -1.
int vgst_peer_push_frame(vgst_peer *peer, const uint8_t *data, size_t length);

/// RTP packets received from the jitter buffer so far, and how many their sequence
/// numbers say were sent (the difference is lost for good).
void vgst_peer_rtp_counts(vgst_peer *peer, uint64_t *received, uint64_t *expected);

/// Drops that share (0-100) of the packets leaving the element named `pay`.
void vgst_peer_set_drop_percent(vgst_peer *peer, int percent);

/// Stops the pipeline and frees the peer; no event arrives once it returns.
void vgst_peer_free(vgst_peer *peer);

#ifdef __cplusplus
}
#endif

#endif
