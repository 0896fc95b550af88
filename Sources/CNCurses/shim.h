// The C side of the dashboard's terminal layer: ncursesw with its wide-character API,
// plus static inline wrappers for what Swift cannot import (macros, variadic functions,
// wchar_t conversion). Only Sources/Dashboard/Curses may import this module.
#ifndef VICOTOP_CNCURSES_SHIM_H
#define VICOTOP_CNCURSES_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <langinfo.h>
#include <signal.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

/// Draws `count` code points at (y, x) of `window` through the wide-character API.
/// Code points arrive as uint32_t so Swift does not depend on the platform's wchar_t.
static inline int vt_put_utf32(WINDOW *window, int y, int x, const uint32_t *text, int count) {
    // A fixed buffer, filled in chunks: a hostile string must not size the stack.
    wchar_t buffer[257];
    int result = wmove(window, y, x);
    for (int start = 0; start < count && result != ERR; start += 256) {
        int length = count - start < 256 ? count - start : 256;
        for (int i = 0; i < length; i++) buffer[i] = (wchar_t)text[start + i];
        buffer[length] = 0;
        result = waddnwstr(window, buffer, length);
    }
    return result;
}

/// Reads one key through the wide-character API: returns OK with a character,
/// KEY_CODE_YES with a function key, or ERR when nothing is waiting.
static inline int vt_read_key(WINDOW *window, uint32_t *key) {
    wint_t value = 0;
    int result = wget_wch(window, &value);
    *key = (uint32_t)value;
    return result;
}

/// COLOR_PAIR is a macro.
static inline attr_t vt_color_pair(int pair) { return (attr_t)COLOR_PAIR(pair); }

/// COLORS, COLS and LINES are mutable globals; read them through functions.
static inline int vt_colors(void) { return COLORS; }
static inline int vt_color_pairs(void) { return COLOR_PAIRS; }
static inline int vt_columns(void) { return COLS; }
static inline int vt_lines(void) { return LINES; }

/// getmaxy/getmaxx are macros.
static inline int vt_window_height(WINDOW *window) { return getmaxy(window); }
static inline int vt_window_width(WINDOW *window) { return getmaxx(window); }

/// The screen's size in cells, as the terminal reports it now (after SIGWINCH).
static inline int vt_terminal_size(int fd, int *row_count, int *column_count) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0) return -1;
    *row_count = size.ws_row;
    *column_count = size.ws_col;
    return 0;
}

/// Whether the terminfo entry `name` exists, without ncurses printing anything.
static inline int vt_terminfo_exists(const char *name) {
    int status = 0;
    TERMINAL *saved = cur_term;
    if (setupterm((char *)name, STDOUT_FILENO, &status) != OK) { set_curterm(saved); return 0; }
    TERMINAL *probe = cur_term;
    set_curterm(saved);
    del_curterm(probe);
    return status == 1;
}

/// Whether the active terminfo entry has the boolean capability `name` (e.g. "RGB").
static inline int vt_has_flag(const char *name) { return tigetflag((char *)name) > 0; }

/// The character set of the current locale is UTF-8.
static inline int vt_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && strcmp(codeset, "UTF-8") == 0;
}

/// Starts ncurses on the process's own terminal with terminfo entry `term`; NULL when
/// the entry does not exist. stdin/stdout are macros over globals Swift cannot reach
/// safely, hence the wrapper.
static inline SCREEN *vt_newterm(const char *term) { return newterm((char *)term, stdout, stdin); }

/// Restoring the terminal after a crash: the terminal modes saved before ncurses
/// started and the bytes that leave the alternate screen, show the cursor and reset
/// attributes. The handler uses only async-signal-safe calls, then re-raises the signal
/// with its default action so the process still dies (and dumps core) as it would have.
///
/// The state lives in a function-local static because Swift emits a header's inline
/// functions but not its static variables; every caller sits in CursesScreen.swift, so
/// they share one copy.
struct vt_restore_state {
    struct termios modes;
    int modes_valid;
    char bytes[256];
    size_t length;
};

static inline struct vt_restore_state *vt_restore(void) {
    static struct vt_restore_state state;
    return &state;
}

static inline void vt_crash_handler(int signal_number) {
    struct vt_restore_state *state = vt_restore();
    if (state->modes_valid) tcsetattr(STDIN_FILENO, TCSAFLUSH, &state->modes);
    if (state->length > 0) { ssize_t ignored = write(STDOUT_FILENO, state->bytes, state->length); (void)ignored; }
    signal(signal_number, SIG_DFL);
    raise(signal_number);
}

/// Saves the terminal modes of stdin; call before ncurses changes them.
static inline void vt_save_terminal_modes(void) {
    struct vt_restore_state *state = vt_restore();
    state->modes_valid = tcgetattr(STDIN_FILENO, &state->modes) == 0;
}

/// The signals that end a process abnormally: the crash handler restores on each.
/// (A function-local static, as above: Swift does not emit a header's static variables.)
static inline const int *vt_fatal_signals(size_t *count) {
    static const int signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE, SIGSYS, SIGXCPU, SIGXFSZ };
    *count = sizeof(signals) / sizeof(signals[0]);
    return signals;
}

/// Arms the crash handler for the fatal signals with `bytes` as the restoring sequence.
static inline void vt_install_crash_restore(const char *bytes) {
    struct vt_restore_state *state = vt_restore();
    size_t length = strlen(bytes);
    if (length >= sizeof(state->bytes)) length = sizeof(state->bytes) - 1;
    memcpy(state->bytes, bytes, length);
    state->length = length;
    size_t count = 0;
    const int *signals = vt_fatal_signals(&count);
    for (size_t i = 0; i < count; i++) {
        struct sigaction action;
        memset(&action, 0, sizeof(action));
        action.sa_handler = vt_crash_handler;
        action.sa_flags = SA_RESETHAND | SA_NODEFER;
        sigemptyset(&action.sa_mask);
        sigaction(signals[i], &action, NULL);
    }
}

/// Disarms the crash handler once the terminal is restored normally.
static inline void vt_remove_crash_restore(void) {
    size_t count = 0;
    const int *signals = vt_fatal_signals(&count);
    for (size_t i = 0; i < count; i++) signal(signals[i], SIG_DFL);
    vt_restore()->length = 0;
}

/// A terminfo string capability, or "" (tigetstr returns -1 or NULL when absent).
static inline const char *vt_capability(const char *name) {
    char *value = tigetstr((char *)name);
    if (value == NULL || value == (char *)-1) return "";
    return value;
}

/// The KEY_* constants Swift sees only as macros.
static inline int vt_key_up(void) { return KEY_UP; }
static inline int vt_key_down(void) { return KEY_DOWN; }
static inline int vt_key_left(void) { return KEY_LEFT; }
static inline int vt_key_right(void) { return KEY_RIGHT; }
static inline int vt_key_enter(void) { return KEY_ENTER; }
static inline int vt_key_backspace(void) { return KEY_BACKSPACE; }
static inline int vt_key_npage(void) { return KEY_NPAGE; }
static inline int vt_key_ppage(void) { return KEY_PPAGE; }
static inline int vt_key_home(void) { return KEY_HOME; }
static inline int vt_key_end(void) { return KEY_END; }
static inline int vt_key_resize(void) { return KEY_RESIZE; }
static inline int vt_key_dc(void) { return KEY_DC; }

/// The attribute bits are macros too.
static inline attr_t vt_attr_bold(void) { return A_BOLD; }
static inline attr_t vt_attr_dim(void) { return A_DIM; }
static inline attr_t vt_attr_reverse(void) { return A_REVERSE; }
static inline attr_t vt_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t vt_attr_normal(void) { return A_NORMAL; }

/// stdscr and curscr are macros over functions in a threaded build; wrap them.
static inline WINDOW *vt_stdscr(void) { return stdscr; }
static inline WINDOW *vt_curscr(void) { return curscr; }

#endif
