/* pathview_internal: the path view's state, shared by its job control
 * (pathview.c) and its drawing (pathview_draw.c). Not public API. */
#ifndef REGSCOPE_PATHVIEW_INTERNAL_H
#define REGSCOPE_PATHVIEW_INTERNAL_H

#include "pathview.h"

struct PathView {
    PathJob *job;
    int sel;            /* selected lambda index, -1 until the result is read */
    double want_lambda; /* what to select when the result arrives */
    /* what pathview_tick last reported */
    int seen_pct, seen_done, seen_sel;
    /* pathview_snapshot scratch */
    LiveSnapshot *snap;
    double *params;
    size_t params_cap;
    double *grid_value, *grid_raw, *grid_feat, *grid_out;
    int *grid_class;
    /* capacities in elements, one per buffer: the feature and output
     * buffers scale with the job's d and k, not only with the cell count */
    size_t value_cap, raw_cap, feat_cap, out_cap, class_cap;
    /* key of the grid last evaluated */
    int g_sel, g_w, g_h;
    double g_x0, g_x1, g_y0, g_y1;
    const PathJob *g_job;
};

/* The job's result with a lambda selected (the wanted one when it first
 * arrives), or NULL while computing. */
const PathJobResult *pathview_result(PathView *v);

#endif
