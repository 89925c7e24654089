/* pointedit: points added to or removed from a built Problem's training
 * split (the TUI's mouse), without refitting the standardizer: the model's
 * input space stays put, so the weights keep their meaning and training
 * goes on from where it was. */
#ifndef REGSCOPE_POINTEDIT_H
#define REGSCOPE_POINTEDIT_H

#include "problem.h"
#include "trainer.h"

/* One edit as the UI queues it: add a point of class cls at raw (x, y), or
 * (remove) drop the training point nearest (x, y). */
typedef struct {
    double x, y;
    int cls;
    int remove;
} PointEdit;

#define POINT_EDITS_MAX 16

/* Appends a raw training row x (d_raw values) with target y, then rebuilds
 * the expanded, standardized training split. */
int problem_add_train_point(Problem *p, const double *x, double y, Err *err);
/* Removes the raw training row nearest (x, y) (2-D data; never the last
 * row); *removed gets its index. Rebuilds the training split. */
int problem_remove_nearest_train(Problem *p, double x, double y, int *removed, Err *err);
/* p->train := standardize(expand(p->raw_train)) with the existing standardizer. */
int problem_refresh_train(Problem *p, Err *err);

/* Applies n edits to p (2-D classification only) and tells t the size
 * changed. Returns the number applied; on a refused edit, -1 with err set
 * (the edits before it stay applied). */
int points_apply_edits(Problem *p, Trainer *t, const PointEdit *e, int n, Err *err);

#endif
