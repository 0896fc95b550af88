// One webrtcbin peer: its signals become vgst_events, its actions plain functions.
#include "cgstreamer.h"
#include "symbols.h"

#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct vgst_peer {
    pthread_mutex_t lock; // held while an event is delivered and while closing
    int closed;
    atomic_int references; // the owner, every signal connection, probe, watch and promise
    vgst_event_handler handler;
    void *context;
    void *pipeline, *bin, *webrtc, *appsrc; // bin: the described elements, inside pipeline
    void *channel;
    void *decoder_pad; // the decoder chain's sink, where keyframe requests start upstream
    void *bus_watch;
    void *dtls_transport;
    char *decoder_h264, *decoder_h265;
    int saw_rtp;
    long keyframes;
    // Sequence numbers of the RTP that leaves the jitter buffer (guarded by lock): what never
    // arrives is lost for good, counted at once rather than at the next RTCP report.
    uint32_t rtp_base, rtp_max, rtp_cycles;
    uint64_t rtp_received;
    atomic_int drop_percent;
    uint64_t random_state;
};

// MARK: Lifetime

static vgst_peer *peer_retain(vgst_peer *peer) {
    atomic_fetch_add(&peer->references, 1);
    return peer;
}

static void peer_release(void *data) {
    vgst_peer *peer = data;
    if (atomic_fetch_sub(&peer->references, 1) != 1) return;
    pthread_mutex_destroy(&peer->lock);
    free(peer->decoder_h264);
    free(peer->decoder_h265);
    free(peer);
}

static void peer_release_closure(void *data, void *closure) {
    (void)closure;
    peer_release(data);
}

static void connect(vgst_peer *peer, void *instance, const char *signal, void (*callback)(void)) {
    G.g_signal_connect_data(instance, signal, callback, peer_retain(peer), (void *)peer_release_closure, 0);
}

static void deliver(vgst_peer *peer, vgst_event *event) {
    pthread_mutex_lock(&peer->lock);
    if (!peer->closed) peer->handler(peer->context, event);
    pthread_mutex_unlock(&peer->lock);
}

static void emit(vgst_peer *peer, int kind, long number, const char *text) {
    vgst_event event = {.kind = kind, .number = number, .text = text ? text : ""};
    deliver(peer, &event);
}

static int is_closed(vgst_peer *peer) {
    pthread_mutex_lock(&peer->lock);
    int closed = peer->closed;
    pthread_mutex_unlock(&peer->lock);
    return closed;
}

// MARK: Signals of webrtcbin

static void on_ice_candidate(void *webrtc, unsigned mline, const char *candidate, void *data) {
    (void)webrtc;
    emit(data, VGST_LOCAL_CANDIDATE, (long)mline, candidate);
}

static void report_int_property(vgst_peer *peer, void *object, const char *property, int kind) {
    int value = -1;
    G.g_object_get(object, property, &value, NULL);
    emit(peer, kind, value, NULL);
}

static void on_ice_state(void *object, void *spec, void *data) {
    (void)spec;
    report_int_property(data, object, "ice-connection-state", VGST_ICE_STATE);
}

static void on_connection_state(void *object, void *spec, void *data) {
    (void)spec;
    report_int_property(data, object, "connection-state", VGST_CONNECTION_STATE);
}

static void on_gathering_state(void *object, void *spec, void *data) {
    (void)spec;
    report_int_property(data, object, "ice-gathering-state", VGST_GATHERING_STATE);
}

static void on_dtls_state(void *object, void *spec, void *data) {
    (void)spec;
    report_int_property(data, object, "state", VGST_DTLS_STATE);
}

// MARK: The data channel

static void on_channel_open(void *channel, void *data) {
    char *label = NULL;
    G.g_object_get(channel, "label", &label, NULL);
    emit(data, VGST_CHANNEL_OPEN, 0, label);
    G.g_free(label);
}

static void on_channel_close(void *channel, void *data) {
    (void)channel;
    emit(data, VGST_CHANNEL_CLOSED, 0, NULL);
}

static void on_channel_error(void *channel, GError *error, void *data) {
    (void)channel;
    emit(data, VGST_CHANNEL_ERROR, 0, error && error->message ? error->message : "data channel error");
}

static void on_channel_message(void *channel, const char *text, void *data) {
    (void)channel;
    emit(data, VGST_CHANNEL_MESSAGE, 0, text);
}

static void attach_channel(vgst_peer *peer, void *channel) {
    pthread_mutex_lock(&peer->lock);
    if (peer->closed) { // vgst_peer_free already let go of everything: keep nothing new
        pthread_mutex_unlock(&peer->lock);
        return;
    }
    void *previous = peer->channel;
    peer->channel = G.g_object_ref(channel);
    pthread_mutex_unlock(&peer->lock);
    if (previous) G.g_object_unref(previous);
    connect(peer, channel, "on-open", (void (*)(void))on_channel_open);
    connect(peer, channel, "on-close", (void (*)(void))on_channel_close);
    connect(peer, channel, "on-error", (void (*)(void))on_channel_error);
    connect(peer, channel, "on-message-string", (void (*)(void))on_channel_message);
    // A channel that opened before its handlers were connected reports open now; one that
    // opens later reports it through on-open (never both: the state is read after connecting).
    int state = 0;
    G.g_object_get(channel, "ready-state", &state, NULL);
    if (state == 2 && previous != channel) on_channel_open(channel, peer); // GST_WEBRTC_DATA_CHANNEL_STATE_OPEN
}

static void on_data_channel(void *webrtc, void *channel, void *data) {
    (void)webrtc;
    attach_channel(data, channel);
}

// MARK: Incoming media

static int count_rtp(void *pad, void *info, void *data) {
    (void)pad;
    vgst_peer *peer = data;
    void *buffer = G.gst_pad_probe_info_get_buffer(info);
    GstMapInfo map;
    if (buffer && G.gst_buffer_map(buffer, &map, GST_MAP_READ)) {
        if (map.size >= 4) {
            uint32_t seq = ((uint32_t)map.data[2] << 8) | map.data[3];
            pthread_mutex_lock(&peer->lock);
            if (peer->rtp_received == 0) {
                peer->rtp_base = peer->rtp_max = seq;
            } else {
                uint16_t delta = (uint16_t)(seq - peer->rtp_max);
                if (delta != 0 && delta < 0x8000) { // forward: in order, or past a gap
                    if (seq < peer->rtp_max) peer->rtp_cycles += 65536;
                    peer->rtp_max = seq;
                }
            }
            peer->rtp_received += 1;
            pthread_mutex_unlock(&peer->lock);
        }
        G.gst_buffer_unmap(buffer, &map);
    }
    if (!peer->saw_rtp) {
        peer->saw_rtp = 1;
        emit(peer, VGST_FIRST_RTP, 0, NULL);
    }
    return GST_PAD_PROBE_OK;
}

void vgst_peer_rtp_counts(vgst_peer *peer, uint64_t *received, uint64_t *expected) {
    pthread_mutex_lock(&peer->lock);
    *received = peer->rtp_received;
    *expected = peer->rtp_received ? (uint64_t)peer->rtp_cycles + peer->rtp_max - peer->rtp_base + 1 : 0;
    pthread_mutex_unlock(&peer->lock);
}

static int count_keyframes(void *pad, void *info, void *data) {
    (void)pad;
    vgst_peer *peer = data;
    void *buffer = G.gst_pad_probe_info_get_buffer(info);
    if (buffer && !(VGST_MINI_OBJECT_FLAGS(buffer) & GST_BUFFER_FLAG_DELTA_UNIT)) {
        peer->keyframes += 1;
        emit(peer, VGST_KEYFRAME, peer->keyframes, NULL);
    }
    return GST_PAD_PROBE_OK;
}

static int structure_int(const void *caps, const char *field) {
    int value = 0;
    void *structure = caps ? G.gst_caps_get_structure(caps, 0) : NULL;
    if (structure) G.gst_structure_get_int(structure, field, &value);
    return value;
}

static int on_new_sample(void *appsink, void *data) {
    vgst_peer *peer = data;
    void *sample = G.gst_app_sink_pull_sample(appsink);
    if (!sample) return 0;
    void *caps = G.gst_sample_get_caps(sample);
    void *buffer = G.gst_sample_get_buffer(sample);
    GstMapInfo map;
    if (buffer && G.gst_buffer_map(buffer, &map, GST_MAP_READ)) {
        int width = structure_int(caps, "width"), height = structure_int(caps, "height");
        long decoded = 0;
        void *decoder = G.gst_bin_get_by_name(peer->pipeline, "dec");
        if (decoder) {
            void *pad = G.gst_element_get_static_pad(decoder, "src");
            void *decoded_caps = pad ? G.gst_pad_get_current_caps(pad) : NULL;
            decoded = ((long)structure_int(decoded_caps, "width") << 16) | structure_int(decoded_caps, "height");
            if (decoded_caps) G.gst_mini_object_unref(decoded_caps);
            if (pad) G.gst_object_unref(pad);
            G.gst_object_unref(decoder);
        }
        vgst_event event = {
            .kind = VGST_FRAME, .number = decoded, .text = "", .bytes = map.data, .length = map.size,
            .width = width, .height = height, .stride = width > 0 ? (int)(map.size / (size_t)(height > 0 ? height : 1)) : 0,
        };
        deliver(peer, &event);
        G.gst_buffer_unmap(buffer, &map);
    }
    G.gst_mini_object_unref(sample);
    return 0; // GST_FLOW_OK
}

static void on_pad_added(void *element, void *pad, void *data) {
    (void)element;
    vgst_peer *peer = data;
    void *caps = G.gst_pad_get_current_caps(pad);
    char *text = caps ? G.gst_caps_to_string(caps) : NULL;
    if (caps) G.gst_mini_object_unref(caps);
    emit(peer, VGST_STREAM, 0, text);
    int h265 = text && strstr(text, "H265") != NULL;
    if (text) G.g_free(text);
    const char *description = h265 ? peer->decoder_h265 : peer->decoder_h264;
    if (!description || is_closed(peer)) return;

    G.gst_pad_add_probe(pad, GST_PAD_PROBE_TYPE_BUFFER, count_rtp, peer_retain(peer), peer_release);
    GError *error = NULL;
    void *bin = G.gst_parse_bin_from_description(description, 1, &error);
    if (!bin) {
        emit(peer, VGST_ERROR, 0, error ? error->message : "cannot build the decoder");
        if (error) G.g_error_free(error);
        return;
    }
    G.gst_bin_add(peer->bin, bin); // beside webrtcbin: pads link only within one bin
    void *parse = G.gst_bin_get_by_name(bin, "parse");
    if (parse) {
        void *source = G.gst_element_get_static_pad(parse, "src");
        if (source) {
            G.gst_pad_add_probe(source, GST_PAD_PROBE_TYPE_BUFFER, count_keyframes, peer_retain(peer), peer_release);
            G.gst_object_unref(source);
        }
        G.gst_object_unref(parse);
    }
    void *frames = G.gst_bin_get_by_name(bin, "frames");
    if (frames) {
        G.g_object_set(frames, "emit-signals", 1, "sync", 0, "max-buffers", 2, "drop", 1, NULL);
        connect(peer, frames, "new-sample", (void (*)(void))on_new_sample);
        G.gst_object_unref(frames);
    }
    void *sink = G.gst_element_get_static_pad(bin, "sink");
    G.gst_element_sync_state_with_parent(bin);
    if (!sink || G.gst_pad_link(pad, sink) != 0) {
        emit(peer, VGST_ERROR, 0, "cannot link the incoming stream to its decoder");
        if (sink) G.gst_object_unref(sink);
        return;
    }
    pthread_mutex_lock(&peer->lock);
    int closed = peer->closed;
    void *previous = closed ? sink : peer->decoder_pad;
    if (!closed) peer->decoder_pad = sink;
    pthread_mutex_unlock(&peer->lock);
    if (previous) G.gst_object_unref(previous);
}

static int drop_packets(void *pad, void *info, void *data) {
    (void)pad; (void)info;
    vgst_peer *peer = data;
    int percent = atomic_load(&peer->drop_percent);
    if (percent <= 0) return GST_PAD_PROBE_OK;
    // xorshift64, touched by the payloader's one streaming thread only.
    uint64_t x = peer->random_state;
    x ^= x << 13; x ^= x >> 7; x ^= x << 17;
    peer->random_state = x;
    return (int)(x % 100) < percent ? GST_PAD_PROBE_DROP : GST_PAD_PROBE_OK;
}

// MARK: The bus

static gboolean on_bus_message(void *bus, void *message, void *data) {
    (void)bus;
    const void *structure = G.gst_message_get_structure(message);
    const char *name = structure ? G.gst_structure_get_name(structure) : NULL;
    if (name && strcmp(name, "GstMessageError") == 0) {
        GError *error = NULL;
        char *debug = NULL;
        G.gst_message_parse_error(message, &error, &debug);
        emit(data, VGST_ERROR, 0, error && error->message ? error->message : "pipeline error");
        if (error) G.g_error_free(error);
        G.g_free(debug);
    }
    return 1;
}

// MARK: Creating and freeing

vgst_peer *vgst_peer_new(const char *pipeline, vgst_event_handler handler, void *context,
                         char *reason, size_t capacity) {
    if (vgst_load(reason, capacity) != 0) return NULL;
    GError *error = NULL;
    // A bin inside a pipeline of our own: a description of one element still gets a bus.
    void *bin = G.gst_parse_bin_from_description(pipeline, 0, &error);
    if (!bin || error) {
        snprintf(reason, capacity, "%s", error && error->message ? error->message : "cannot build the pipeline");
        if (error) G.g_error_free(error);
        if (bin) G.gst_object_unref(bin);
        return NULL;
    }
    void *element = G.gst_pipeline_new(NULL);
    G.gst_bin_add(element, bin);
    void *webrtc = G.gst_bin_get_by_name(element, "webrtc");
    if (!webrtc) {
        snprintf(reason, capacity, "the pipeline has no element named webrtc");
        G.gst_object_unref(element);
        return NULL;
    }
    vgst_peer *peer = calloc(1, sizeof *peer);
    // Recursive: a handler may call back into its own peer (but never free it).
    pthread_mutexattr_t attributes;
    pthread_mutexattr_init(&attributes);
    pthread_mutexattr_settype(&attributes, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&peer->lock, &attributes);
    pthread_mutexattr_destroy(&attributes);
    atomic_init(&peer->references, 1);
    atomic_init(&peer->drop_percent, 0);
    peer->handler = handler;
    peer->context = context;
    peer->pipeline = element;
    peer->bin = bin;
    peer->webrtc = webrtc;
    peer->appsrc = G.gst_bin_get_by_name(element, "src");
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    peer->random_state = ((uint64_t)now.tv_nsec << 20) ^ (uint64_t)now.tv_sec ^ (uint64_t)(uintptr_t)peer ^ 0x9E3779B97F4A7C15ull;

    connect(peer, webrtc, "on-ice-candidate", (void (*)(void))on_ice_candidate);
    connect(peer, webrtc, "notify::ice-connection-state", (void (*)(void))on_ice_state);
    connect(peer, webrtc, "notify::connection-state", (void (*)(void))on_connection_state);
    connect(peer, webrtc, "notify::ice-gathering-state", (void (*)(void))on_gathering_state);
    connect(peer, webrtc, "on-data-channel", (void (*)(void))on_data_channel);
    connect(peer, webrtc, "pad-added", (void (*)(void))on_pad_added);

    void *pay = G.gst_bin_get_by_name(element, "pay");
    if (pay) {
        void *source = G.gst_element_get_static_pad(pay, "src");
        if (source) {
            // A frame's fragments leave the payloader as one buffer list: a dropped list is a
            // burst of lost packets, keyframes included.
            G.gst_pad_add_probe(source, GST_PAD_PROBE_TYPE_BUFFER | GST_PAD_PROBE_TYPE_BUFFER_LIST, drop_packets,
                                peer_retain(peer), peer_release);
            G.gst_object_unref(source);
        }
        G.gst_object_unref(pay);
    }
    void *bus = G.gst_element_get_bus(element);
    peer->bus_watch = G.gst_bus_create_watch(bus);
    G.g_source_set_callback(peer->bus_watch, on_bus_message, peer_retain(peer), peer_release);
    G.g_source_attach(peer->bus_watch, vgst_loop_context());
    G.gst_object_unref(bus);
    return peer;
}

void vgst_peer_free(vgst_peer *peer) {
    if (!peer) return;
    pthread_mutex_lock(&peer->lock);
    peer->closed = 1;
    void *channel = peer->channel, *decoder_pad = peer->decoder_pad, *dtls = peer->dtls_transport;
    peer->channel = peer->decoder_pad = peer->dtls_transport = NULL;
    pthread_mutex_unlock(&peer->lock);

    G.g_source_destroy(peer->bus_watch);
    G.g_source_unref(peer->bus_watch);
    if (channel) {
        G.g_signal_handlers_disconnect_matched(channel, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, peer);
        G.g_signal_emit_by_name(channel, "close");
        G.g_object_unref(channel);
    }
    if (dtls) {
        G.g_signal_handlers_disconnect_matched(dtls, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, peer);
        G.g_object_unref(dtls);
    }
    G.g_signal_handlers_disconnect_matched(peer->webrtc, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, peer);
    G.gst_element_set_state(peer->pipeline, GST_STATE_NULL);
    if (decoder_pad) G.gst_object_unref(decoder_pad);
    if (peer->appsrc) G.gst_object_unref(peer->appsrc);
    G.gst_object_unref(peer->webrtc);
    G.gst_object_unref(peer->pipeline); // frees pads and probes, which release their references
    peer_release(peer);
}

// MARK: Configuration

int vgst_peer_restrict_addresses(vgst_peer *peer, const char *addresses) {
    void *ice = NULL, *agent = NULL;
    if (G.g_object_class_find_property(*(void **)peer->webrtc, "ice-agent"))
        G.g_object_get(peer->webrtc, "ice-agent", &ice, NULL);
    if (ice && G.g_object_class_find_property(*(void **)ice, "agent"))
        G.g_object_get(ice, "agent", &agent, NULL);
    if (!agent) {
        if (ice) G.g_object_unref(ice);
        return -1;
    }
    char *list = strdup(addresses), *saveptr = NULL;
    int added = 0;
    for (char *item = strtok_r(list, ",", &saveptr); item; item = strtok_r(NULL, ",", &saveptr)) {
        void *address = G.nice_address_new();
        if (G.nice_address_set_from_string(address, item) && G.nice_agent_add_local_address(agent, address)) added++;
        G.nice_address_free(address);
    }
    free(list);
    G.g_object_unref(agent);
    G.g_object_unref(ice);
    return added > 0 ? 0 : -1;
}

int vgst_peer_set_ice_servers(vgst_peer *peer, const char *stun, const char *const *turns, int count) {
    // Always set, even empty: an unset list must never fall back to some public server.
    G.g_object_set(peer->webrtc, "stun-server", stun && *stun ? stun : NULL, NULL);
    int accepted = 0;
    for (int index = 0; index < count; index++) {
        gboolean ok = 0;
        G.g_signal_emit_by_name(peer->webrtc, "add-turn-server", turns[index], &ok);
        if (ok) accepted++;
    }
    return accepted;
}

void vgst_peer_set_relay_only(vgst_peer *peer, int relay_only) {
    G.g_object_set(peer->webrtc, "ice-transport-policy",
                   relay_only ? GST_WEBRTC_ICE_TRANSPORT_POLICY_RELAY : GST_WEBRTC_ICE_TRANSPORT_POLICY_ALL, NULL);
}

void vgst_peer_set_decoders(vgst_peer *peer, const char *h264, const char *h265) {
    free(peer->decoder_h264);
    free(peer->decoder_h265);
    peer->decoder_h264 = h264 ? strdup(h264) : NULL;
    peer->decoder_h265 = h265 ? strdup(h265) : NULL;
}

int vgst_peer_start(vgst_peer *peer) {
    return G.gst_element_set_state(peer->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE ? -1 : 0;
}

void vgst_peer_set_drop_percent(vgst_peer *peer, int percent) { atomic_store(&peer->drop_percent, percent); }

// MARK: Negotiation

int vgst_peer_add_receiver(vgst_peer *peer, const char *caps_text) {
    void *caps = G.gst_caps_from_string(caps_text);
    if (!caps) return -1;
    void *transceiver = NULL;
    G.g_signal_emit_by_name(peer->webrtc, "add-transceiver", GST_WEBRTC_RTP_TRANSCEIVER_DIRECTION_RECVONLY, caps, &transceiver);
    G.gst_mini_object_unref(caps);
    if (!transceiver) return -1;
    G.g_object_set(transceiver, "do-nack", 1, NULL);
    G.gst_object_unref(transceiver);
    return 0;
}

int vgst_peer_create_channel(vgst_peer *peer, const char *label) {
    void *channel = NULL;
    G.g_signal_emit_by_name(peer->webrtc, "create-data-channel", label, NULL, &channel);
    if (!channel) return -1;
    attach_channel(peer, channel);
    G.g_object_unref(channel);
    return 0;
}

struct pending { vgst_peer *peer; int what; };

static struct pending *pending_new(vgst_peer *peer, int what) {
    struct pending *pending = malloc(sizeof *pending);
    pending->peer = peer_retain(peer);
    pending->what = what;
    return pending;
}

static void pending_free(void *data) {
    struct pending *pending = data;
    peer_release(pending->peer);
    free(pending);
}

static const char *reply_error(const void *reply) {
    const GValue *value = reply ? G.gst_structure_get_value(reply, "error") : NULL;
    if (!value) return NULL;
    GError *error = G.g_value_get_boxed(value);
    return error && error->message ? error->message : "refused";
}

static void on_description_created(void *promise, void *data) {
    struct pending *pending = data;
    const void *reply = G.gst_promise_get_reply(promise);
    const char *field = pending->what == 1 ? "offer" : "answer";
    const GValue *value = reply ? G.gst_structure_get_value(reply, field) : NULL;
    GstWebRTCSessionDescription *description = value ? G.g_value_get_boxed(value) : NULL;
    if (description && description->sdp) {
        char *text = G.gst_sdp_message_as_text(description->sdp);
        emit(pending->peer, VGST_DESCRIPTION_CREATED, pending->what, text);
        G.g_free(text);
    } else {
        const char *why = reply_error(reply);
        emit(pending->peer, VGST_DESCRIPTION_FAILED, 1, why ? why : "webrtcbin created no description");
    }
}

static void create_description(vgst_peer *peer, int type) {
    struct pending *pending = pending_new(peer, type);
    void *promise = G.gst_promise_new_with_change_func(on_description_created, pending, pending_free);
    G.g_signal_emit_by_name(peer->webrtc, type == 1 ? "create-offer" : "create-answer", NULL, promise);
    // webrtcbin holds its own reference while the operation is queued; a promise whose
    // operation is dropped at shutdown is then still freed (with its pending data).
    G.gst_mini_object_unref(promise);
}

void vgst_peer_create_offer(vgst_peer *peer) { create_description(peer, 1); }
void vgst_peer_create_answer(vgst_peer *peer) { create_description(peer, 3); }

static void watch_dtls(vgst_peer *peer) {
    void *transceiver = NULL, *receiver = NULL, *transport = NULL;
    G.g_signal_emit_by_name(peer->webrtc, "get-transceiver", 0, &transceiver);
    if (transceiver) G.g_object_get(transceiver, "receiver", &receiver, NULL);
    if (receiver) G.g_object_get(receiver, "transport", &transport, NULL);
    if (transport) {
        pthread_mutex_lock(&peer->lock);
        int fresh = peer->dtls_transport == NULL && !peer->closed;
        if (fresh) peer->dtls_transport = G.g_object_ref(transport);
        pthread_mutex_unlock(&peer->lock);
        if (fresh) connect(peer, transport, "notify::state", (void (*)(void))on_dtls_state);
        G.g_object_unref(transport);
    }
    if (receiver) G.g_object_unref(receiver);
    if (transceiver) G.g_object_unref(transceiver);
}

static void on_remote_set(void *promise, void *data) {
    struct pending *pending = data;
    const char *why = reply_error(G.gst_promise_get_reply(promise));
    if (why) {
        emit(pending->peer, VGST_DESCRIPTION_FAILED, 2, why);
    } else {
        watch_dtls(pending->peer);
        emit(pending->peer, VGST_REMOTE_DESCRIPTION_SET, 0, NULL);
    }
}

void vgst_peer_set_description(vgst_peer *peer, int remote, int type, const char *sdp) {
    void *message = NULL;
    if (G.gst_sdp_message_new_from_text(sdp, &message) != 0 || !message) {
        emit(peer, VGST_DESCRIPTION_FAILED, remote ? 2 : 3, "unreadable SDP");
        return;
    }
    void *description = G.gst_webrtc_session_description_new(type, message); // takes the message
    void *promise = remote ? G.gst_promise_new_with_change_func(on_remote_set, pending_new(peer, 0), pending_free) : NULL;
    G.g_signal_emit_by_name(peer->webrtc, remote ? "set-remote-description" : "set-local-description", description, promise);
    if (promise) G.gst_mini_object_unref(promise);
    G.gst_webrtc_session_description_free(description);
    if (!remote) watch_dtls(peer);
}

void vgst_peer_add_candidate(vgst_peer *peer, int mline, const char *candidate) {
    G.g_signal_emit_by_name(peer->webrtc, "add-ice-candidate", (unsigned)mline, candidate);
}

// MARK: Talking and asking

int vgst_peer_send_text(vgst_peer *peer, const char *text) {
    pthread_mutex_lock(&peer->lock);
    void *channel = peer->channel ? G.g_object_ref(peer->channel) : NULL;
    pthread_mutex_unlock(&peer->lock);
    if (!channel) return -1;
    G.g_signal_emit_by_name(channel, "send-string", text);
    G.g_object_unref(channel);
    return 0;
}

int vgst_peer_request_keyframe(vgst_peer *peer, int full_intra) {
    pthread_mutex_lock(&peer->lock);
    void *pad = peer->decoder_pad ? G.g_object_ref(peer->decoder_pad) : NULL;
    pthread_mutex_unlock(&peer->lock);
    if (!pad) return -1;
    // rtpsession turns an upstream force-key-unit into a FIR when all-headers is set, else a PLI.
    void *event = G.gst_video_event_new_upstream_force_key_unit(GST_CLOCK_TIME_NONE, full_intra ? 1 : 0, 0);
    gboolean sent = G.gst_pad_push_event(pad, event);
    G.gst_object_unref(pad);
    return sent ? 0 : -1;
}

struct flattening { char *text; size_t length, capacity; const char *id; };

static void append(struct flattening *out, const char *piece) {
    size_t size = strlen(piece);
    if (out->length + size + 1 > out->capacity) {
        out->capacity = (out->length + size + 1) * 2;
        out->text = realloc(out->text, out->capacity);
    }
    memcpy(out->text + out->length, piece, size + 1);
    out->length += size;
}

static gboolean flatten_field(GQuark field, const GValue *value, void *data) {
    struct flattening *out = data;
    char *contents = value->g_type == G_TYPE_STRING ? NULL : G.g_strdup_value_contents(value);
    const char *text = contents ? contents : G.g_value_get_string(value);
    append(out, out->id); append(out, "\t"); append(out, G.g_quark_to_string(field)); append(out, "\t");
    append(out, text ? text : ""); append(out, "\n");
    G.g_free(contents);
    return 1;
}

static gboolean flatten_entry(GQuark field, const GValue *value, void *data) {
    if (value->g_type != G.gst_structure_get_type()) return 1;
    struct flattening *out = data;
    out->id = G.g_quark_to_string(field);
    G.gst_structure_foreach(G.gst_value_get_structure(value), flatten_field, out);
    return 1;
}

static void on_stats(void *promise, void *data) {
    struct pending *pending = data;
    const void *reply = G.gst_promise_get_reply(promise);
    struct flattening out = {0};
    append(&out, "");
    if (reply) G.gst_structure_foreach(reply, flatten_entry, &out);
    emit(pending->peer, VGST_STATS, 0, out.text);
    free(out.text);
}

void vgst_peer_request_stats(vgst_peer *peer) {
    void *promise = G.gst_promise_new_with_change_func(on_stats, pending_new(peer, 0), pending_free);
    G.g_signal_emit_by_name(peer->webrtc, "get-stats", NULL, promise);
    G.gst_mini_object_unref(promise);
}

int vgst_peer_push_frame(vgst_peer *peer, const uint8_t *data, size_t length) {
    if (!peer->appsrc) return -1;
    void *buffer = G.gst_buffer_new_allocate(NULL, length, NULL);
    if (!buffer) return -1;
    G.gst_buffer_fill(buffer, 0, data, length);
    return G.gst_app_src_push_buffer(peer->appsrc, buffer) == 0 ? 0 : -1;
}
