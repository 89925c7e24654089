#include "headless.h"

#include <math.h>
#include <stdlib.h>

#include "report.h"
#include "scene.h"

/* One run: its trainer and the best epoch so far by validation loss
 * (training data loss without a split), with that epoch's weights for
 * early stopping to restore. Compare mode has several on one Problem. */
typedef struct {
    Trainer *t;
    const char *name; /* NULL outside compare mode */
    double best_loss;
    long best_epoch;
    double *best_params;
    int stopped;
    long ran;
} Run;

static void best_update(Run *r, double loss)
{
    if (!(loss < r->best_loss) && r->best_epoch >= 0)
        return;
    r->best_loss = loss;
    r->best_epoch = trainer_epochs_done(r->t);
    if (r->best_params)
        trainer_get_params(r->t, r->best_params);
}

static void free_runs(Run *runs, int n)
{
    for (int i = 0; i < n; i++) {
        trainer_free(runs[i].t);
        free(runs[i].best_params);
    }
}

/* Trainers for every run, all from the same seed: same initial weights and
 * the same mini-batch order, only the hyperparameters differ. */
static int make_runs(const Config *c, const Problem *p, Run *runs, int *n, Err *err)
{
    *n = c->n_runs > 1 ? c->n_runs : 1;
    for (int i = 0; i < *n; i++) {
        TrainerConfig tc;
        config_trainer(c, p, &tc);
        if (c->n_runs > 1)
            tc.hyper = c->runs[i].hyper;
        runs[i] = (Run){NULL, c->n_runs > 1 ? c->runs[i].name : NULL, INFINITY, -1, NULL, 0, 0};
        runs[i].t = trainer_new(p, &tc, err);
        if (runs[i].t)
            scene_initial_weights(c, runs[i].t); /* --load: the scene's weights */
        if (runs[i].t && c->early_stop > 0) {
            runs[i].best_params = malloc(sizeof(double) * trainer_model(runs[i].t)->n_params);
            if (!runs[i].best_params)
                err_set(err, ERR_INTERNAL, "out of memory");
        }
        if (!runs[i].t || (c->early_stop > 0 && !runs[i].best_params)) {
            free_runs(runs, i + 1);
            return -1;
        }
    }
    return 0;
}

/* One epoch of one run, reported when due; returns 1 once it has stopped. */
static int run_epoch(const Config *c, Run *r, long epoch, FILE *out, int *header_done)
{
    trainer_epoch(r->t);
    r->ran = epoch;
    if (epoch % c->every == 0) {
        Metrics m;
        trainer_evaluate(r->t, &m);
        if (c->format == FORMAT_CSV && !(*header_done)++)
            report_csv_header(out, &m, r->name != NULL);
        report_epoch(out, c->format, &m, r->name);
        best_update(r, m.has_val ? m.val_loss : m.data_loss);
    } else if (c->early_stop > 0) {
        best_update(r, trainer_val_loss(r->t));
    }
    return c->early_stop > 0 && epoch - r->best_epoch >= c->early_stop;
}

int headless_run(const Config *c, FILE *out, Err *err)
{
    Problem p;
    if (config_build_problem(c, &p, err))
        return err->kind == ERR_INTERNAL ? 1 : 2;
    Run runs[CONFIG_MAX_RUNS];
    int n;
    if (make_runs(c, &p, runs, &n, err)) {
        problem_free(&p);
        return err->kind == ERR_INTERNAL ? 1 : 2;
    }
    int header_done = 0, running = n;
    for (long epoch = 1; epoch <= c->epochs && running > 0; epoch++)
        for (int i = 0; i < n; i++)
            if (!runs[i].stopped && run_epoch(c, &runs[i], epoch, out, &header_done)) {
                runs[i].stopped = 1;
                running--;
            }
    for (int i = 0; i < n && c->format == FORMAT_JSONL; i++) {
        Run *r = &runs[i];
        if (r->best_params && r->best_epoch > 0)
            trainer_set_params(r->t, r->best_params); /* early stopping restores the best */
        report_final(out, r->ran, r->best_epoch < 0 ? 0 : r->best_epoch, trainer_model(r->t),
                     r->name);
    }
    fflush(out);
    int status = ferror(out) ? 1 : 0;
    if (status)
        err_set(err, ERR_INTERNAL, "write error on output");
    else if (c->save[0] && scene_save(c->save, c, &p, trainer_model(runs[0].t), err))
        status = 1; /* --save: the scene after training (the first run's weights) */
    free_runs(runs, n);
    problem_free(&p);
    return status;
}
