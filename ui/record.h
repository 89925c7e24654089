/* record: --record FILE.cast, the session as an asciicast v2 recording
 * (asciinema's format): a JSON header line {"version": 2, "width",
 * "height", "timestamp", "title", "command"}, then one [time, "o", data]
 * line per frame drawn (data: the ANSI output that turns the previous frame
 * into this one, as a 256-colour terminal shows it), [time, "r", "WxH"] on
 * a resize and [time, "m", label] markers where a lesson makes its point.
 * `asciinema play FILE.cast` replays it. */
#ifndef REGSCOPE_RECORD_H
#define REGSCOPE_RECORD_H

#include "canvas.h"
#include "err.h"

typedef struct Recorder Recorder;

/* Opens path for writing (replacing it) and writes the header; NULL with
 * err filled when it cannot. */
Recorder *record_open(const char *path, int cols, int rows, const char *command, Err *err);
/* The frame on canvas c at t seconds since the start. */
void record_frame(Recorder *r, const Canvas *c, double t);
void record_marker(Recorder *r, double t, const char *label);
/* Flushes and closes; 0, or -1 with err filled when the file could not be
 * written whole. */
int record_close(Recorder *r, Err *err);

#endif
