#include "headless.h"

#include <math.h>
#include <stdlib.h>

#include "report.h"

/* Best epoch so far by validation loss (training data loss without a
 * split), with the weights of that epoch for early stopping to restore. */
typedef struct {
    double loss;
    long epoch;
    double *params;
} Best;

static void best_update(Best *b, Trainer *t, double loss)
{
    if (!(loss < b->loss) && b->epoch >= 0)
        return;
    b->loss = loss;
    b->epoch = trainer_epochs_done(t);
    if (b->params)
        trainer_get_params(t, b->params);
}

int headless_run(const Config *c, FILE *out, Err *err)
{
    Problem p;
    if (config_build_problem(c, &p, err))
        return err->kind == ERR_INTERNAL ? 1 : 2;
    TrainerConfig tc;
    config_trainer(c, &p, &tc);
    Trainer *t = trainer_new(&p, &tc, err);
    if (!t) {
        problem_free(&p);
        return err->kind == ERR_INTERNAL ? 1 : 2;
    }
    Best best = {INFINITY, -1, NULL};
    if (c->early_stop > 0) {
        best.params = malloc(sizeof(double) * trainer_model(t)->n_params);
        if (!best.params) {
            trainer_free(t);
            problem_free(&p);
            err_set(err, ERR_INTERNAL, "out of memory");
            return 1;
        }
    }
    int header_done = 0;
    long epoch = 0;
    for (epoch = 1; epoch <= c->epochs; epoch++) {
        trainer_epoch(t);
        int report = epoch % c->every == 0;
        if (report) {
            Metrics m;
            trainer_evaluate(t, &m);
            if (c->format == FORMAT_CSV && !header_done++)
                report_csv_header(out, &m);
            report_epoch(out, c->format, &m);
            best_update(&best, t, m.has_val ? m.val_loss : m.data_loss);
        } else if (c->early_stop > 0) {
            best_update(&best, t, trainer_val_loss(t));
        }
        if (c->early_stop > 0 && epoch - best.epoch >= c->early_stop)
            break;
    }
    long ran = epoch > c->epochs ? c->epochs : epoch;
    if (best.params && best.epoch > 0)
        trainer_set_params(t, best.params); /* early stopping restores the best model */
    if (c->format == FORMAT_JSONL)
        report_final(out, ran, best.epoch < 0 ? 0 : best.epoch, trainer_model(t));
    fflush(out);
    int status = ferror(out) ? 1 : 0;
    if (status)
        err_set(err, ERR_INTERNAL, "write error on output");
    free(best.params);
    trainer_free(t);
    problem_free(&p);
    return status;
}
