/* export: the current screen as text / HTML / SVG files, the equivalent
 * script as a file (TUI keys w and y), and the headless --snapshot. No
 * ncurses: the canvas is the frame.
 *
 * Every file is written atomically by file_write_atomic (filewrite.h): a
 * temporary file in the same folder, fsync, rename to NAME. A failure
 * leaves no temporary file and never touches an existing NAME. */
#ifndef REGSCOPE_EXPORT_H
#define REGSCOPE_EXPORT_H

#include <stddef.h>
#include <time.h>

#include "canvas.h"
#include "config.h"

typedef enum { EXPORT_TXT, EXPORT_HTML, EXPORT_SVG } ExportFormat;

/* Format from the file name's extension (.txt, .html / .htm, .svg, any
 * case). 0, or -1 for anything else. */
int export_format_of(const char *path, ExportFormat *f);
/* The canvas in that format (canvas_to_text / _html / _svg); malloc'd. */
char *export_render(const Canvas *c, ExportFormat f);

/* Writes len bytes to path atomically (see above), replacing it (through a
 * symlink, keeping an existing file's mode). 0, or -1 with err set
 * (ERR_INTERNAL, message naming the file) and errno. */
int export_write_atomic(const char *path, const char *data, size_t len, Err *err);

/* "regscope-YYYYmmdd-HHMMSS" for t in local time. */
void export_stamp(time_t t, char *buf, size_t size);

/* TUI `w`: writes DIR/STAMP.txt, .html and .svg of the canvas (STAMP-2,
 * -3, ... when STAMP's files exist: none is overwritten). On success msg
 * says "wrote STAMP.{txt,html,svg}"; on failure what went wrong (nothing is
 * left half-written). Returns 0 or -1. dir NULL = ".". */
int export_screen(const Canvas *c, const char *dir, time_t t, char *msg, size_t msg_size);
/* TUI `y`: writes DIR/STAMP-sklearn.py, the scikit-learn script for cfg
 * (a fresh name as for export_screen). msg as for export_screen. */
int export_code(const Config *cfg, const char *dir, time_t t, char *msg, size_t msg_size);

/* --snapshot FILE: trains cfg->epochs epochs without a terminal, renders
 * the TUI's layout at --size and writes FILE (format from the extension).
 * Returns the exit status: 0, 2 (bad extension, bad data) or 1, with err
 * set. Prints nothing. */
int export_snapshot(const Config *cfg, Err *err);

#endif
