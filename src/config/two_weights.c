/* two_weights: the scene the geometry view switches a model without two
 * weights to ('g', --geometry; config.h). */
#include <stdio.h>
#include <string.h>

#include "config.h"

void config_two_weight_scene(Config *c, char *what, size_t size)
{
    snprintf(c->data, sizeof c->data, "corr");
    c->target[0] = c->features[0] = '\0';
    c->task = TASK_AUTO;
    c->n_hidden = 0;
    c->batch_set = c->lr_set = 0;
    config_apply_model_defaults(c);
    /* Whatever keeps the weights off the exact solution goes, and is named:
     * momentum and Adam settle elsewhere at this lr, input dropout and
     * jitter change the problem. */
    char more[128] = "";
    if (c->hyper.lambda == 0) {
        c->hyper.lambda = 0.3;
        config_append(more, sizeof more, ", lambda 0.3");
    }
    if (c->hyper.optimizer != OPT_SGD) {
        c->hyper.optimizer = OPT_SGD;
        config_append(more, sizeof more, ", sgd");
    }
    if (c->hyper.input_keep < 1) {
        c->hyper.input_keep = 1;
        config_append(more, sizeof more, ", in-keep 1");
    }
    if (c->hyper.augment_noise > 0) {
        c->hyper.augment_noise = 0;
        config_append(more, sizeof more, ", jitter 0");
    }
    if (what)
        snprintf(what, size, "--data corr --model linear (full batch, lr %g%s)", c->hyper.lr, more);
}
