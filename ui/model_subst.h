/* model_subst: a live snapshot with a linear model of a path result (or a
 * net's parameters) in place of the live one: the weights the histogram and bars read, and the
 * decision boundary (two inputs) or the fitted curve (one input)
 * re-evaluated through the problem's transform. The path view (`p`) shows
 * a path point's model with it, the tuning view (`h`) a grid cell's. */
#ifndef REGSCOPE_MODEL_SUBST_H
#define REGSCOPE_MODEL_SUBST_H

#include <stddef.h>

#include "live.h"
#include "pathjob.h"

/* Scratch that outlives a frame; zero-initialize, free with
 * model_subst_free. */
typedef struct {
    LiveSnapshot *snap;
    double *params;
    size_t params_cap;
    double *grid_value, *grid_raw, *grid_feat, *grid_out;
    int *grid_class;
    /* capacities in elements, one per buffer: the feature and output
     * buffers scale with the result's d and k, not only with the cell count */
    size_t value_cap, raw_cap, feat_cap, out_cap, class_cap;
    /* key of the grid last evaluated */
    int g_sel, g_w, g_h;
    double g_x0, g_x1, g_y0, g_y1;
    const void *g_key;
} ModelSubst;

/* s with the model at index sel of r (fitted on p) in place of the live
 * one, or s itself when s's model is not r's shape. key names r's weights
 * (the boundary grid is evaluated again when key, sel or s's window
 * change). Valid until the next call or model_subst_free. */
const LiveSnapshot *model_subst(ModelSubst *m, const PathJobResult *r, int sel, const Problem *p,
                                const void *key, const LiveSnapshot *s);
/* The same with a net's parameters (n_params, s's model's layout) in place
 * of the live ones, its boundary or curve by a forward pass; sel and key
 * name the parameters for the grid's cache. s itself when the shapes differ. */
const LiveSnapshot *model_subst_net(ModelSubst *m, const double *params, size_t n_params, int sel,
                                    const Problem *p, const void *key, const LiveSnapshot *s);
void model_subst_free(ModelSubst *m);
/* Forgets the grid last evaluated (its result is gone). */
static inline void model_subst_forget(ModelSubst *m) { m->g_sel = -1; }

#endif
