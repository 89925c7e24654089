/* pathview_internal: the path view's state, shared by its job control
 * (pathview.c) and its drawing (pathview_draw.c). Not public API. */
#ifndef REGSCOPE_PATHVIEW_INTERNAL_H
#define REGSCOPE_PATHVIEW_INTERNAL_H

#include "model_subst.h"
#include "pathview.h"

struct PathView {
    PathJob *job;
    int sel;            /* selected lambda index, -1 until the result is read */
    double want_lambda; /* what to select when the result arrives */
    /* what pathview_tick last reported */
    int seen_pct, seen_done, seen_sel;
    ModelSubst subst; /* pathview_snapshot scratch */
};

/* The job's result with a lambda selected (the wanted one when it first
 * arrives), or NULL while computing. */
const PathJobResult *pathview_result(PathView *v);

#endif
