// The few GLib, GStreamer and libnice functions vgst uses, declared by hand with opaque
// pointers and resolved with dlsym: no GStreamer header is needed to build.
#ifndef VGST_SYMBOLS_H
#define VGST_SYMBOLS_H

#include <stddef.h>
#include <stdint.h>

typedef int gboolean;
typedef size_t GType;
typedef uint32_t GQuark;
typedef struct { GQuark domain; int code; char *message; } GError;
/// GValue: a GType then two 8-byte data words (stable GLib ABI).
typedef struct { GType g_type; uint64_t data[2]; } GValue;
/// GstMapInfo as laid out by GStreamer 1.x (stable ABI).
typedef struct {
    void *memory; int flags; uint8_t *data; size_t size; size_t maxsize;
    void *user_data[4]; void *reserved[4];
} GstMapInfo;
/// GstWebRTCSessionDescription: the SDP type, then the message.
typedef struct { int type; void *sdp; } GstWebRTCSessionDescription;

// Enum values written by number, checked against GStreamer 1.22's documentation.
enum {
    GST_STATE_NULL = 1, GST_STATE_PLAYING = 4,
    GST_STATE_CHANGE_FAILURE = 0,
    GST_PAD_PROBE_TYPE_BUFFER = 1 << 4, GST_PAD_PROBE_TYPE_BUFFER_LIST = 1 << 5,
    GST_PAD_PROBE_DROP = 0, GST_PAD_PROBE_OK = 1,
    GST_MAP_READ = 1,
    GST_BUFFER_FLAG_DELTA_UNIT = 1 << 13,
    GST_WEBRTC_RTP_TRANSCEIVER_DIRECTION_RECVONLY = 3,
    GST_WEBRTC_ICE_TRANSPORT_POLICY_ALL = 0, GST_WEBRTC_ICE_TRANSPORT_POLICY_RELAY = 1,
    G_SIGNAL_MATCH_DATA = 1 << 4,
    G_TYPE_STRING = 16 << 2,
};
#define GST_CLOCK_TIME_NONE ((uint64_t)-1)
/// GstMiniObject: GType, refcount, lockstate, then flags.
#define VGST_MINI_OBJECT_FLAGS(object) (*(unsigned *)((char *)(object) + 16))

struct vgst_symbols {
    // GLib
    void (*g_free)(void *);
    void *(*g_main_context_new)(void);
    void *(*g_main_loop_new)(void *, gboolean);
    void (*g_main_loop_run)(void *);
    void (*g_main_context_push_thread_default)(void *);
    const char *(*g_quark_to_string)(GQuark);
    void (*g_error_free)(GError *);
    void *(*g_log_set_default_handler)(void (*)(const char *, int, const char *, void *), void *);
    // GObject
    void (*g_object_set)(void *, const char *, ...);
    void (*g_object_get)(void *, const char *, ...);
    void *(*g_object_ref)(void *);
    void (*g_object_unref)(void *);
    void *(*g_object_class_find_property)(void *, const char *);
    unsigned long (*g_signal_connect_data)(void *, const char *, void (*)(void), void *, void *, int);
    void (*g_signal_emit_by_name)(void *, const char *, ...);
    unsigned (*g_signal_handlers_disconnect_matched)(void *, int, unsigned, GQuark, void *, void *, void *);
    char *(*g_strdup_value_contents)(const GValue *);
    const char *(*g_value_get_string)(const GValue *);
    void *(*g_value_get_boxed)(const GValue *);
    // GStreamer
    gboolean (*gst_init_check)(int *, char ***, GError **);
    char *(*gst_version_string)(void);
    void *(*gst_element_factory_find)(const char *);
    void (*gst_object_unref)(void *);
    void *(*gst_pipeline_new)(const char *);
    void *(*gst_parse_bin_from_description)(const char *, gboolean, GError **);
    void *(*gst_bin_get_by_name)(void *, const char *);
    gboolean (*gst_bin_add)(void *, void *);
    int (*gst_element_set_state)(void *, int);
    gboolean (*gst_element_sync_state_with_parent)(void *);
    void *(*gst_element_get_static_pad)(void *, const char *);
    void *(*gst_element_get_bus)(void *);
    void *(*gst_bus_create_watch)(void *);
    void (*g_source_set_callback)(void *, gboolean (*)(void *, void *, void *), void *, void *);
    unsigned (*g_source_attach)(void *, void *);
    void (*g_source_destroy)(void *);
    void (*g_source_unref)(void *);
    const void *(*gst_message_get_structure)(void *);
    void (*gst_message_parse_error)(void *, GError **, char **);
    int (*gst_pad_link)(void *, void *);
    unsigned long (*gst_pad_add_probe)(void *, int, int (*)(void *, void *, void *), void *, void *);
    void *(*gst_pad_probe_info_get_buffer)(void *);
    gboolean (*gst_pad_push_event)(void *, void *);
    void *(*gst_pad_get_current_caps)(void *);
    void *(*gst_caps_from_string)(const char *);
    char *(*gst_caps_to_string)(const void *);
    void *(*gst_caps_get_structure)(const void *, unsigned);
    void (*gst_mini_object_unref)(void *);
    void *(*gst_promise_new_with_change_func)(void (*)(void *, void *), void *, void *);
    const void *(*gst_promise_get_reply)(void *);
    const char *(*gst_structure_get_name)(const void *);
    const GValue *(*gst_structure_get_value)(const void *, const char *);
    gboolean (*gst_structure_get_int)(const void *, const char *, int *);
    gboolean (*gst_structure_foreach)(const void *, gboolean (*)(GQuark, const GValue *, void *), void *);
    GType (*gst_structure_get_type)(void);
    const void *(*gst_value_get_structure)(const GValue *);
    void *(*gst_sample_get_buffer)(void *);
    void *(*gst_sample_get_caps)(void *);
    gboolean (*gst_buffer_map)(void *, GstMapInfo *, int);
    void (*gst_buffer_unmap)(void *, GstMapInfo *);
    void *(*gst_buffer_new_allocate)(void *, size_t, void *);
    size_t (*gst_buffer_fill)(void *, size_t, const void *, size_t);
    // gst-plugins-base libraries
    void *(*gst_app_sink_pull_sample)(void *);
    int (*gst_app_src_push_buffer)(void *, void *);
    void *(*gst_video_event_new_upstream_force_key_unit)(uint64_t, gboolean, unsigned);
    int (*gst_sdp_message_new_from_text)(const char *, void **);
    char *(*gst_sdp_message_as_text)(const void *);
    void *(*gst_webrtc_session_description_new)(int, void *);
    void (*gst_webrtc_session_description_free)(void *);
    // libnice
    void *(*nice_address_new)(void);
    gboolean (*nice_address_set_from_string)(void *, const char *);
    void (*nice_address_free)(void *);
    gboolean (*nice_agent_add_local_address)(void *, void *);
};

/// Resolved by vgst_load; every pointer is set once it returned 0.
extern struct vgst_symbols G;

/// The GLib main context whose loop runs on vgst's own thread.
void *vgst_loop_context(void);

#endif
