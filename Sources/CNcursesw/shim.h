// The only door to ncursesw. Swift 6 rejects curses' mutable globals and cannot import its macros, so each one
// used is wrapped here. Every function is @MainActor: calling curses off the UI thread is a compile error.
#ifndef BACKDECK_CNCURSESW_SHIM_H
#define BACKDECK_CNCURSESW_SHIM_H

#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <stdio.h>
#include <string.h>
#include <ncursesw/curses.h>

#define BD_MAIN __attribute__((swift_attr("@MainActor")))

extern int wcwidth(wchar_t);

BD_MAIN static inline WINDOW *bd_stdscr(void) { return stdscr; }
BD_MAIN static inline int bd_lines(void) { return LINES; }
BD_MAIN static inline int bd_cols(void) { return COLS; }
BD_MAIN static inline int bd_colors(void) { return COLORS; }
BD_MAIN static inline int bd_color_pairs(void) { return COLOR_PAIRS; }

static const unsigned int bd_attr_bold = A_BOLD;
static const unsigned int bd_attr_dim = A_DIM;
static const unsigned int bd_attr_underline = A_UNDERLINE;
static const unsigned int bd_attr_reverse = A_REVERSE;

/// Starts curses on the given terminal type (NULL = $TERM) without exiting the process on failure.
BD_MAIN static inline SCREEN *bd_newterm(const char *term) { return newterm(term, stdout, stdin); }
BD_MAIN static inline int bd_endwin(void) { return endwin(); }
BD_MAIN static inline int bd_isendwin(void) { return isendwin(); }

/// Raw mode so Ctrl-C arrives as a key; no echo; keypad decoding; hidden cursor; short Esc delay.
BD_MAIN static inline void bd_setup_input(void) {
    raw();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    nodelay(stdscr, TRUE);
    set_escdelay(25);
    curs_set(0);
    leaveok(stdscr, TRUE);
}

/// Mouse reporting on (clicks, double clicks, wheel) or off.
BD_MAIN static inline void bd_mouse(int on) {
    mmask_t mask = 0;
    if (on) {
        mask = BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED;
#ifdef BUTTON5_PRESSED
        mask |= BUTTON5_PRESSED;
#endif
    }
    mousemask(mask, NULL);
}

/// The pending mouse event after KEY_MOUSE: 1 click, 2 double click, 4 wheel up, 5 wheel down, 0 anything else.
BD_MAIN static inline int bd_mouse_event(int *x, int *y) {
    MEVENT event;
    if (getmouse(&event) != OK) return 0;
    *x = event.x;
    *y = event.y;
    if (event.bstate & BUTTON1_DOUBLE_CLICKED) return 2;
    if (event.bstate & BUTTON1_CLICKED) return 1;
    if (event.bstate & BUTTON4_PRESSED) return 4;
#ifdef BUTTON5_PRESSED
    if (event.bstate & BUTTON5_PRESSED) return 5;
#endif
    return 0;
}

BD_MAIN static inline int bd_has_colors(void) { return has_colors(); }
BD_MAIN static inline int bd_start_color(void) { int r = start_color(); use_default_colors(); return r; }
BD_MAIN static inline int bd_init_pair(int pair, int fg, int bg) { return init_extended_pair(pair, fg, bg); }

/// Reads one key or character; returns ERR when none is pending (nodelay mode).
BD_MAIN static inline int bd_get_wch(unsigned int *out) {
    wint_t ch = 0;
    int r = wget_wch(stdscr, &ch);
    *out = (unsigned int)ch;
    return r;
}

/// Writes one cell: the grapheme's wide characters (NUL-terminated), attributes and an extended colour pair.
BD_MAIN static inline int bd_put_cell(int y, int x, const wchar_t *text, unsigned int attrs, int pair) {
    cchar_t cell;
    int p = pair;
    if (setcchar(&cell, text, (attr_t)attrs, 0, &p) != OK) return ERR;
    return mvwadd_wch(stdscr, y, x, &cell);
}

BD_MAIN static inline int bd_erase(void) { return werase(stdscr); }
BD_MAIN static inline int bd_refresh(void) { wnoutrefresh(stdscr); return doupdate(); }
BD_MAIN static inline int bd_clearok(void) { return clearok(stdscr, TRUE); }
BD_MAIN static inline int bd_resize(int rows, int cols) { return resize_term(rows, cols); }

/// Flushes C stdio's stdout, where curses writes, before bytes are written straight to the tty.
BD_MAIN static inline void bd_flush_stdout(void) { fflush(stdout); }

/// The locale's codeset, to choose UTF-8 line drawing or an ASCII fallback.
BD_MAIN static inline const char *bd_codeset(void) { return nl_langinfo(CODESET); }

#endif
