/* keys: one table that is both the key dispatch and the help overlay, so
 * the help cannot go stale. */
#ifndef REGSCOPE_KEYS_H
#define REGSCOPE_KEYS_H

#include "app.h"
#include "widgets.h"

/* Runs the binding for key; returns 1 if there was one. */
int keys_dispatch(App *a, int key);
/* Fills rows (up to max) with the help lines; returns the count. */
int keys_help_rows(HelpRow *rows, int max);

#endif
