// Loads GStreamer at run time and runs its GLib main loop on a thread of its own.
#define _GNU_SOURCE
#include "cgstreamer.h"
#include "symbols.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct vgst_symbols G;

static pthread_mutex_t load_lock = PTHREAD_MUTEX_INITIALIZER;
static int load_state; // 0 not tried, 1 loaded, -1 failed
static char load_failure[512];
static char version[64];

static void *open_library(const char *name) {
    void *handle = dlopen(name, RTLD_NOW | RTLD_GLOBAL);
    if (!handle) snprintf(load_failure, sizeof load_failure, "%s: %s", name, dlerror());
    return handle;
}

#define RESOLVE(library, symbol)                                                               \
    do {                                                                                       \
        *(void **)&G.symbol = dlsym(library, #symbol);                                         \
        if (!G.symbol) {                                                                       \
            snprintf(load_failure, sizeof load_failure, "missing symbol %s", #symbol);         \
            return -1;                                                                         \
        }                                                                                      \
    } while (0)

static void drop_log(const char *domain, int level, const char *message, void *data) {
    (void)domain; (void)level; (void)message; (void)data;
}

static int resolve_all(void) {
    void *glib = open_library("libglib-2.0.so.0");
    void *gobject = glib ? open_library("libgobject-2.0.so.0") : NULL;
    void *gst = gobject ? open_library("libgstreamer-1.0.so.0") : NULL;
    void *app = gst ? open_library("libgstapp-1.0.so.0") : NULL;
    void *video = app ? open_library("libgstvideo-1.0.so.0") : NULL;
    void *sdp = video ? open_library("libgstsdp-1.0.so.0") : NULL;
    void *webrtc = sdp ? open_library("libgstwebrtc-1.0.so.0") : NULL;
    void *nice = webrtc ? open_library("libnice.so.10") : NULL;
    if (!nice) return -1;

    RESOLVE(glib, g_free); RESOLVE(glib, g_main_context_new); RESOLVE(glib, g_main_loop_new);
    RESOLVE(glib, g_main_loop_run); RESOLVE(glib, g_main_context_push_thread_default);
RESOLVE(glib, g_quark_to_string);
    RESOLVE(glib, g_error_free); RESOLVE(glib, g_log_set_default_handler); RESOLVE(glib, g_source_set_callback); RESOLVE(glib, g_source_attach);
    RESOLVE(glib, g_source_destroy); RESOLVE(glib, g_source_unref);
    RESOLVE(gobject, g_object_set); RESOLVE(gobject, g_object_get); RESOLVE(gobject, g_object_ref);
    RESOLVE(gobject, g_object_unref); RESOLVE(gobject, g_object_class_find_property);
    RESOLVE(gobject, g_signal_connect_data); RESOLVE(gobject, g_signal_emit_by_name);
    RESOLVE(gobject, g_signal_handlers_disconnect_matched); RESOLVE(gobject, g_strdup_value_contents);
    RESOLVE(gobject, g_value_get_string); RESOLVE(gobject, g_value_get_boxed);
    RESOLVE(gst, gst_init_check); RESOLVE(gst, gst_version_string); RESOLVE(gst, gst_element_factory_find);
    RESOLVE(gst, gst_object_unref); RESOLVE(gst, gst_pipeline_new); RESOLVE(gst, gst_parse_bin_from_description);
    RESOLVE(gst, gst_bin_get_by_name); RESOLVE(gst, gst_bin_add); RESOLVE(gst, gst_element_set_state);
    RESOLVE(gst, gst_element_sync_state_with_parent); RESOLVE(gst, gst_element_get_static_pad);
    RESOLVE(gst, gst_element_get_bus); RESOLVE(gst, gst_bus_create_watch);
    RESOLVE(gst, gst_message_get_structure); RESOLVE(gst, gst_message_parse_error);
    RESOLVE(gst, gst_pad_link); RESOLVE(gst, gst_pad_add_probe); RESOLVE(gst, gst_pad_probe_info_get_buffer);
    RESOLVE(gst, gst_pad_push_event); RESOLVE(gst, gst_pad_get_current_caps);
    RESOLVE(gst, gst_caps_from_string); RESOLVE(gst, gst_caps_to_string); RESOLVE(gst, gst_caps_get_structure);
    RESOLVE(gst, gst_mini_object_unref); RESOLVE(gst, gst_promise_new_with_change_func);
    RESOLVE(gst, gst_promise_get_reply); RESOLVE(gst, gst_structure_get_name);
    RESOLVE(gst, gst_structure_get_value); RESOLVE(gst, gst_structure_get_int);
    RESOLVE(gst, gst_structure_foreach); RESOLVE(gst, gst_structure_get_type);
    RESOLVE(gst, gst_value_get_structure); RESOLVE(gst, gst_sample_get_buffer);
    RESOLVE(gst, gst_sample_get_caps); RESOLVE(gst, gst_buffer_map); RESOLVE(gst, gst_buffer_unmap);
    RESOLVE(gst, gst_buffer_new_allocate); RESOLVE(gst, gst_buffer_fill);
    RESOLVE(app, gst_app_sink_pull_sample); RESOLVE(app, gst_app_src_push_buffer);
    RESOLVE(video, gst_video_event_new_upstream_force_key_unit);
    RESOLVE(sdp, gst_sdp_message_new_from_text); RESOLVE(sdp, gst_sdp_message_as_text);
    RESOLVE(webrtc, gst_webrtc_session_description_new); RESOLVE(webrtc, gst_webrtc_session_description_free);
    RESOLVE(nice, nice_address_new); RESOLVE(nice, nice_address_set_from_string);
    RESOLVE(nice, nice_address_free); RESOLVE(nice, nice_agent_add_local_address);

    // GLib's warnings would land on the dashboard's screen: keep them off stderr unless asked.
    if (!getenv("VICOTOP_GST_WARNINGS")) G.g_log_set_default_handler(drop_log, NULL);
    // Scan plugins in this process: a forked gst-plugin-scanner is reaped through a GLib
    // child watch, whose SIGCHLD handler, once removed, leaves SIGCHLD at its default and
    // so blinds whoever else waits for children here (Foundation's Process, the tests).
    setenv("GST_REGISTRY_FORK", "no", 0);
    GError *error = NULL;
    if (!G.gst_init_check(NULL, NULL, &error)) {
        snprintf(load_failure, sizeof load_failure, "gst_init: %s", error ? error->message : "failed");
        if (error) G.g_error_free(error);
        return -1;
    }
    char *text = G.gst_version_string();
    snprintf(version, sizeof version, "%s", text);
    G.g_free(text);
    return 0;
}

int vgst_load(char *reason, size_t capacity) {
    pthread_mutex_lock(&load_lock);
    if (load_state == 0) load_state = resolve_all() == 0 ? 1 : -1;
    int state = load_state;
    pthread_mutex_unlock(&load_lock);
    if (state < 0 && reason && capacity) snprintf(reason, capacity, "%s", load_failure);
    return state > 0 ? 0 : -1;
}

int vgst_has_element(const char *factory) {
    if (load_state <= 0) return 0;
    void *found = G.gst_element_factory_find(factory);
    if (!found) return 0;
    G.gst_object_unref(found);
    return 1;
}

const char *vgst_version(void) { return load_state > 0 ? version : ""; }

// MARK: The GLib main loop's thread

static pthread_once_t loop_once = PTHREAD_ONCE_INIT;
static void *loop_context;
static pthread_mutex_t loop_ready_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t loop_ready = PTHREAD_COND_INITIALIZER;

static void *run_loop(void *unused) {
    (void)unused;
    void *context = G.g_main_context_new();
    G.g_main_context_push_thread_default(context);
    void *loop = G.g_main_loop_new(context, 1);
    pthread_mutex_lock(&loop_ready_lock);
    loop_context = context;
    pthread_cond_broadcast(&loop_ready);
    pthread_mutex_unlock(&loop_ready_lock);
    G.g_main_loop_run(loop); // for the life of the process
    return NULL;
}

static void start_loop(void) {
    pthread_t thread;
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    pthread_create(&thread, &attributes, run_loop, NULL);
    pthread_attr_destroy(&attributes);
    pthread_mutex_lock(&loop_ready_lock);
    while (!loop_context) pthread_cond_wait(&loop_ready, &loop_ready_lock);
    pthread_mutex_unlock(&loop_ready_lock);
}

void *vgst_loop_context(void) {
    pthread_once(&loop_once, start_loop);
    return loop_context;
}
