/* lesson: the prepared scenes. Each apply function sets only what its scene
 * needs on top of the defaults; config_parse then applies the flags given on
 * the command line, so any of these can be overridden. */
#include "lesson.h"

#include <string.h>

static void set_data(Config *c, const char *data, int samples, double noise)
{
    snprintf(c->data, sizeof c->data, "%s", data);
    c->samples = samples;
    c->noise = noise;
    c->target[0] = '\0';
    c->task = TASK_AUTO;
    c->features[0] = '\0';
}

static void set_model(Config *c, int n_hidden, int width)
{
    c->n_hidden = n_hidden;
    for (int i = 0; i < n_hidden; i++)
        c->hidden[i] = width;
}

/* Compare mode: the runs' specs are applied on top of the final base
 * settings by config_parse (after the command line's flags); here too, so a
 * Config is complete after lesson_apply alone. */
static void add_run(Config *c, const char *name, const char *spec)
{
    if (c->n_runs >= CONFIG_MAX_RUNS)
        return;
    RunSpec *r = &c->runs[c->n_runs++];
    snprintf(r->name, sizeof r->name, "%s", name);
    snprintf(r->spec, sizeof r->spec, "%s", spec);
    Err err = {0};
    if (config_run_hyper(&c->hyper, r->name, r->spec, &r->hyper, &err))
        r->hyper = c->hyper; /* the specs below are all valid */
    c->lesson_runs = 1;
}

/* Logistic regression on poly:6 features of a noisy circle, few points and
 * no penalty: the boundary wiggles around the training points. */
static void apply_overfit(Config *c)
{
    set_data(c, "circle", 80, 35);
    snprintf(c->features, sizeof c->features, "poly:6");
    set_model(c, 0, 0);
    c->hyper.lambda = 0;
    c->hyper.alpha = 0;
    /* full-batch momentum: plain gradient descent needs thousands of epochs
     * before poly:6 overfits; this does it in a few hundred */
    c->hyper.optimizer = OPT_MOMENTUM;
    c->hyper.lr = 0.3;
    c->lr_set = 1;
    c->epochs = 1000;
    c->speed = 50;
    c->pause_epoch = 1000;
}

/* The lasso's showcase data (5 informative features of 30), L1 beside L2
 * at the same lambda: exact zeros against shrinkage. */
static void apply_sparsity(Config *c)
{
    set_data(c, "sparse", 200, 20);
    set_model(c, 0, 0);
    c->hyper.lambda = 0.1;
    add_run(c, "L1", "alpha=1");
    add_run(c, "L2", "alpha=0");
    c->epochs = 300;
    c->speed = 10;
    c->pause_epoch = 200;
}

/* Three groups of four strongly correlated features (plus noise columns),
 * the signal spread over each group: the lasso keeps a seed-dependent few
 * of each group, the elastic net the whole group, with the lower val loss
 * (Zou and Hastie 2005). lr 0.2: the correlated columns make plain
 * gradient steps slow to reach the lasso's exact zeros. */
static void apply_elasticnet(Config *c)
{
    set_data(c, "groups", 300, 10);
    set_model(c, 0, 0);
    c->hyper.lambda = 0.5;
    c->hyper.lr = 0.2;
    c->lr_set = 1;
    add_run(c, "lasso", "alpha=1");
    add_run(c, "enet", "alpha=0.2");
    c->epochs = 1000;
    c->speed = 50;
    c->pause_epoch = 1000;
}

/* A large net on few noisy points, without and with dropout. */
static void apply_dropout(Config *c)
{
    set_data(c, "xor", 80, 30);
    set_model(c, 2, 64);
    c->hyper.lambda = 0;
    add_run(c, "keep1", "keep=1");
    add_run(c, "keep0.5", "keep=0.5");
    c->epochs = 1000;
    c->speed = 100;
    c->pause_epoch = 2000;
}

/* No penalty and a long run: the validation loss turns up; early stopping
 * marks the best epoch and (headless) restores its weights. */
static void apply_early_stop(Config *c)
{
    set_data(c, "xor", 100, 35);
    set_model(c, 2, 32);
    c->hyper.lambda = 0;
    c->early_stop = 100;
    c->epochs = 3000;
    c->speed = 10;
}

/* Elastic net on the sparse data, with the penalty's gradient drawn beside
 * the weight histogram. */
static void apply_gradient(Config *c)
{
    set_data(c, "sparse", 200, 20);
    set_model(c, 0, 0);
    c->hyper.lambda = 0.1;
    c->hyper.alpha = 0.5;
    c->epochs = 300;
    c->speed = 10;
    c->pause_epoch = 200;
}

/* The overfitting problem again: no penalty, L2, and input noise side by
 * side. */
static void apply_augment(Config *c)
{
    apply_overfit(c); /* its pace too */
    add_run(c, "none", "lambda=0");
    add_run(c, "L2", "lambda=0.01,alpha=0");
    add_run(c, "noise", "lambda=0,augment-noise=0.5");
}

/* The classic polynomial overfit: powers x..x^9 of the line data's one
 * input, ten training points, no penalty beside L2. Adam: the powers are
 * so correlated that plain gradient steps take far too long to bend. */
static void apply_polyfit(Config *c)
{
    set_data(c, "line", 20, 15);
    snprintf(c->features, sizeof c->features, "poly:9");
    c->val_ratio = 0.5;
    set_model(c, 0, 0);
    c->hyper.alpha = 0;
    c->hyper.optimizer = OPT_ADAM;
    c->hyper.lr = 0.05;
    c->lr_set = 1;
    add_run(c, "none", "lambda=0");
    add_run(c, "L2", "lambda=0.3");
    c->epochs = 3000;
    c->speed = 100;
    c->pause_epoch = 3000;
}

/* Two correlated features, a linear model, the lasso: the geometry view
 * shows the diamond touching a contour on its corner (w2 exactly 0). */
static void apply_geometry(Config *c)
{
    set_data(c, "corr", 200, 10);
    set_model(c, 0, 0);
    c->corr = DATA_CORR_DEFAULT;
    c->direction = DATA_DIRECTION_DEFAULT;
    c->hyper.lambda = 0.3;
    c->hyper.alpha = 1;
    c->speed = 30; /* slow enough to watch the weights travel */
    c->pause_epoch = 300;
    c->geometry = 1;
    c->epochs = 300;
}

const Lesson lessons[] = {
    {"overfit",
     "poly:6 and lambda 0 fit the noise: press L to raise lambda, watch val loss and the boundary",
     "obj still falls while val loss has risen from its low: press L to raise lambda",
     apply_overfit},
    {"sparsity",
     "same lambda, L1 left, L2 right: L1 sets weights exactly to 0, L2 only shrinks them",
     "L1 has set most weights to exactly 0 (zeros), L2 has shrunk them all and set none to 0",
     apply_sparsity},
    {"elasticnet",
     "A1-A4 (~0.99 correlated) carry one signal, as do B, C: the lasso keeps a few, the elastic "
     "net all",
     "the lasso dropped some of each group (R: other picks); enet kept all, lower val loss",
     apply_elasticnet},
    {"dropout",
     "a 64,64 net on 80 noisy points: keep 1 memorizes them, keep 0.5 smooths the boundary",
     "keep 1 has memorized the points (val loss up), keep 0.5 has the lower val loss",
     apply_dropout},
    {"early-stop",
     "no penalty, long run: val loss turns up; at the stop the best epoch's weights come back",
     "val loss was lowest at the best epoch marked; 100 epochs on, the run stopped and restored it",
     apply_early_stop},
    {"gradient",
     "L1's pull is a constant lambda*alpha, L2's lambda*(1-alpha)*w fades near 0: press a/A",
     "L1 pulls every weight by lambda*alpha right down to 0; L2 fades as w does", apply_gradient},
    {"geometry", "the diamond touches on a corner (w2 = 0): try a, then }",
     "the weights have reached the corner of the diamond: w2 is exactly 0", apply_geometry},
    {"polyfit",
     "powers x..x^9 of one input on 10 points: no penalty bends to them, L2 keeps the curve calm",
     "none fits the training points closely, L2 has the smaller weights and the lower val loss",
     apply_polyfit},
    {"augment",
     "input noise (j/J) beside L2 on the overfitting problem: jitter smooths the boundary too",
     "\"none\" has the highest val loss; L2 and input noise both keep it down", apply_augment},
};
const int n_lessons = (int)(sizeof lessons / sizeof lessons[0]);

const Lesson *lesson_find(const char *name)
{
    for (int i = 0; i < n_lessons; i++)
        if (strcmp(lessons[i].name, name) == 0)
            return &lessons[i];
    return NULL;
}

int lesson_apply(Config *c, const char *name, Err *err)
{
    const Lesson *l = lesson_find(name);
    if (!l)
        return err_set(err, ERR_INPUT, "unknown lesson '%s' (see --lesson list)", name);
    c->n_runs = 0;
    l->apply(c);
    snprintf(c->lesson, sizeof c->lesson, "%s", l->name);
    snprintf(c->lesson_prompt, sizeof c->lesson_prompt, "%s", l->prompt);
    snprintf(c->lesson_point, sizeof c->lesson_point, "%s", l->point);
    return 0;
}

void lesson_print_list(FILE *out)
{
    for (int i = 0; i < n_lessons; i++)
        fprintf(out, "%-12s %s\n", lessons[i].name, lessons[i].prompt);
}
