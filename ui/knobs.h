/* knobs: the table of settings lives in the engine (knob_table.h); a knob
 * edits a Config, which the app hands to the training thread through the
 * control block. */
#ifndef REGSCOPE_KNOBS_H
#define REGSCOPE_KNOBS_H

#include "knob_table.h"

#endif
