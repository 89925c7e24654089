/* explain: the overlay of the i key, one sentence a panel on what it shows
 * and how to read it, drawn over the panel it explains. The layouts note
 * each panel's rect as they draw it; draw_explain draws the notes last. */
#ifndef REGSCOPE_EXPLAIN_H
#define REGSCOPE_EXPLAIN_H

#include "canvas.h"
#include "ui_state.h"

/* The first panel of each kind noted in a frame gets the sentence (in
 * compare mode: the first run's). */
void explain_note(UiState *ui, Rect r, PanelKind kind);
void draw_explain(Canvas *c, const UiState *ui);
/* The sentence of a kind, and its short form (for the tests). */
const char *explain_text(PanelKind kind);
const char *explain_short(PanelKind kind);

#endif
