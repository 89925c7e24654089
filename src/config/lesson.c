/* lesson: the prepared scenes. Each is the command-line settings its scene
 * needs on top of the defaults; config_setup then applies the flags given on
 * the command line, so any of these can be overridden. */
#include "lesson.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Logistic regression on poly:6 features of a noisy circle, few points and
 * no penalty: the boundary wiggles around the training points. Full-batch
 * momentum: plain gradient descent needs thousands of epochs before poly:6
 * overfits; this does it in a few hundred. */
#define OVERFIT                                                                                    \
    "--data circle --samples 80 --noise 35 --features poly:6 --model linear --lambda 0 "           \
    "--alpha 0 --optimizer momentum --lr 0.3 --epochs 1000 --speed 50 --pause-at 1000"

const Lesson lessons[] = {
    {"overfit",
     "poly:6 and lambda 0 fit the noise: press L to raise lambda, watch val loss and the boundary",
     "obj still falls while val loss has risen from its low: press L to raise lambda", OVERFIT},
    {"sparsity",
     "same lambda, L1 left, L2 right: L1 sets weights exactly to 0, L2 only shrinks them",
     "L1 has set most weights to exactly 0 (zeros), L2 has shrunk them all and set none to 0",
     /* the lasso's showcase data (5 informative features of 30), L1 beside
      * L2 at the same lambda: exact zeros against shrinkage */
     "--data sparse --samples 200 --noise 20 --model linear --lambda 0.1 --run L1:alpha=1 "
     "--run L2:alpha=0 --epochs 300 --speed 10 --pause-at 200"},
    {"elasticnet",
     "A1-A4 (~0.99 correlated) carry one signal, as do B, C: the lasso keeps a few, the elastic "
     "net all",
     "the lasso dropped some of each group (R: other picks); enet kept all, lower val loss",
     /* three groups of four strongly correlated features (plus noise
      * columns), the signal spread over each group: the lasso keeps a
      * seed-dependent few of each group, the elastic net the whole group,
      * with the lower val loss (Zou and Hastie 2005). lr 0.2: the
      * correlated columns make plain gradient steps slow to reach the
      * lasso's exact zeros. */
     "--data groups --samples 300 --noise 10 --model linear --lambda 0.5 --lr 0.2 "
     "--run lasso:alpha=1 --run enet:alpha=0.2 --epochs 1000 --speed 50 --pause-at 1000"},
    {"dropout",
     "a 64,64 net on 80 noisy points: keep 1 memorizes them, keep 0.5 smooths the boundary",
     "keep 1 has memorized the points (val loss up), keep 0.5 has the lower val loss",
     /* a large net on few noisy points, without and with dropout */
     "--data xor --samples 80 --noise 30 --model 64,64 --lambda 0 --run keep1:keep=1 "
     "--run keep0.5:keep=0.5 --epochs 1000 --speed 100 --pause-at 2000"},
    {"early-stop",
     "no penalty, long run: val loss turns up; at the stop the best epoch's weights come back",
     "val loss was lowest at the best epoch marked; 100 epochs on, the run stopped and restored it",
     /* no penalty and a long run: the validation loss turns up; early
      * stopping marks the best epoch and (headless) restores its weights */
     "--data xor --samples 100 --noise 35 --model 32,32 --lambda 0 --early-stop 100 "
     "--epochs 3000 --speed 10"},
    {"gradient",
     "L1's pull is a constant lambda*alpha, L2's lambda*(1-alpha)*w fades near 0: press a/A",
     "L1 pulls every weight by lambda*alpha right down to 0; L2 fades as w does",
     /* elastic net on the sparse data, the penalty's gradient drawn beside
      * the weight histogram */
     "--data sparse --samples 200 --noise 20 --model linear --lambda 0.1 --alpha 0.5 "
     "--epochs 300 --speed 10 --pause-at 200"},
    {"geometry", "the diamond touches on a corner (w2 = 0): try a, then }",
     "the weights have reached the corner of the diamond: w2 is exactly 0",
     /* two correlated features, a linear model, the lasso: the geometry
      * view shows the diamond touching a contour on its corner (w2 exactly
      * 0); speed 30 is slow enough to watch the weights travel */
     "--data corr --samples 200 --noise 10 --model linear --corr 0.5 --direction 10 "
     "--lambda 0.3 --alpha 1 --speed 30 --pause-at 300 --geometry --epochs 300"},
    {"polyfit",
     "powers x..x^9 of one input on 10 points: no penalty bends to them, L2 keeps the curve calm",
     "none fits the training points closely, L2 has the smaller weights and the lower val loss",
     /* the classic polynomial overfit: powers x..x^9 of the line data's one
      * input, ten training points, no penalty beside L2. Adam: the powers
      * are so correlated that plain gradient steps take far too long to
      * bend. */
     "--data line --samples 20 --noise 15 --features poly:9 --val-ratio 0.5 --model linear "
     "--alpha 0 --optimizer adam --lr 0.05 --run none:lambda=0 --run L2:lambda=0.3 "
     "--epochs 3000 --speed 100 --pause-at 3000"},
    {"augment",
     "input noise (j/J) beside L2 on the overfitting problem: jitter smooths the boundary too",
     "\"none\" has the highest val loss; L2 and input noise both keep it down",
     /* the overfitting problem again (its pace too): no penalty, L2, and
      * input noise side by side */
     OVERFIT " --run none:lambda=0 --run L2:lambda=0.01,alpha=0 "
             "--run noise:lambda=0,augment-noise=0.5"},
};
const int n_lessons = (int)(sizeof lessons / sizeof lessons[0]);

/* The settings, split at blanks, through the option parser; the lesson's
 * flags are not the command line's (c->given stays). */
static int apply_words(Config *c, const char *settings, Err *err)
{
    char buf[1024];
    char *argv[64] = {"regscope"};
    int argc = 1;
    snprintf(buf, sizeof buf, "%s", settings);
    for (char *save = NULL, *w = strtok_r(buf, " ", &save); w && argc < 64;
         w = strtok_r(NULL, " ", &save))
        argv[argc++] = w;
    uint64_t given = c->given;
    const char *argv0 = c->argv0;
    int rc = config_apply_settings(c, argc, argv, err);
    c->given = given;
    c->argv0 = argv0;
    return rc;
}

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
    if (apply_words(c, l->settings, err))
        return -1;
    c->lesson_runs = c->n_runs > 0;
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
