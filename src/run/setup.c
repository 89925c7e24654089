/* setup: from parsed settings to what runs, applying --lesson and --load
 * (the parser only records them) under the flags, then building the data set,
 * the problem and the trainer's configuration. */
#include "setup.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "csvload.h"
#include "lesson.h"
#include "scene.h"

/* The scene at c->load under c's settings so far; the scene's lines are
 * not the command line's (c->given stays). */
static int load_scene(Config *c, Err *err)
{
    ConfigGiven given = c->given;
    char path[sizeof c->load];
    snprintf(path, sizeof path, "%s", c->load);
    int rc = scene_load_settings(path, c, err);
    c->given = given;
    return rc;
}

int config_setup(Config *c, int argc, char **argv, Err *err)
{
    const char *lesson = c->lesson_arg;
    c->lesson_arg = NULL;
    if (lesson && lesson_apply(c, lesson, err))
        return -1;
    int i = 1, rc;
    while ((rc = config_apply_options(c, argc, argv, &i, err)) == 1)
        if (load_scene(c, err))
            return -1;
    return rc ? -1 : config_finish(c, err);
}

int config_parse(Config *c, int argc, char **argv, Err *err)
{
    if (config_read_args(c, argc, argv, err))
        return -1;
    return config_setup(c, argc, argv, err);
}

static int looks_like_path(const char *s)
{
    size_t n = strlen(s);
    return strchr(s, '/') || (n > 4 && strcmp(s + n - 4, ".csv") == 0);
}

int config_load_data(const Config *c, Dataset *raw, Err *err)
{
    if (data_is_generator(c->data)) {
        if (c->target[0])
            return err_set(err, ERR_INPUT, "--target applies to CSV data, not to '%s'", c->data);
        int rc =
            strcmp(c->data, "corr") == 0
                ? data_generate_corr(c->samples, c->noise, c->corr, c->direction, c->seed, raw, err)
                : data_generate(c->data, c->samples, c->noise, c->seed, raw, err);
        if (rc)
            return -1;
        if (c->task != TASK_AUTO && c->task != raw->task) {
            int regress = raw->task == TASK_REGRESS;
            dataset_free(raw);
            return err_set(err, ERR_INPUT, "--task %s does not fit '%s', a %s data set",
                           regress ? "classify" : "regress", c->data,
                           regress ? "regression" : "classification");
        }
        return 0;
    }
    CsvOptions opt = {c->target[0] ? c->target : NULL, c->task};
    CsvTableOptions tab = {c->ignore, c->categorical, c->na_values_set ? c->na_values : NULL,
                           (CsvMissing)c->missing, c->foldid[0] ? c->foldid : NULL};
    if (looks_like_path(c->data))
        return csv_load_table(c->data, &opt, &tab, raw, err);
    char path[4096];
    if (csv_find_dataset(c->data, path, sizeof path))
        return err_set(err, ERR_INPUT,
                       "unknown data set '%s': use circle, xor, gauss, spiral, moons, line, "
                       "sparse, groups, corr, a name from datasets/, or a path to a CSV file",
                       c->data);
    return csv_load_table(path, &opt, &tab, raw, err);
}

int config_build_problem(const Config *c, Problem *p, Err *err)
{
    int from_scene = scene_problem(c, p, err); /* --load: the scene's own points */
    if (from_scene < 0)
        return -1;
    if (!from_scene) {
        Dataset raw;
        if (config_load_data(c, &raw, err))
            return -1;
        int rc = problem_build(p, &raw, c->features, c->val_ratio, c->standardize, c->seed, err);
        dataset_free(&raw);
        if (rc)
            return -1;
    }
    /* the group lasso's groups: --groups, a generator's own, or the dummies */
    const char *spec = c->groups[0] ? c->groups : data_generator_groups(c->data);
    if (problem_set_groups(p, spec, err)) {
        problem_free(p);
        return -1;
    }
    return 0;
}

void config_trainer(const Config *c, const Problem *p, TrainerConfig *tc)
{
    memset(tc, 0, sizeof *tc);
    if (p->n_groups > 0)
        tc->groups = (PenaltyGroups){p->n_groups, p->d, p->group_start, p->group_cols};
    memcpy(tc->hidden, c->hidden, sizeof tc->hidden);
    tc->n_hidden = c->n_hidden;
    tc->act = c->act;
    tc->hyper = c->hyper;
    tc->seed = c->seed;
    tc->threads = config_threads(c);
}

int config_threads(const Config *c)
{
    if (c->threads > 0)
        return c->threads;
    int widest = 0;
    for (int i = 0; i < c->n_hidden; i++)
        widest = c->hidden[i] > widest ? c->hidden[i] : widest;
    if (widest < 128 || (c->hyper.batch != 0 && c->hyper.batch < 128))
        return 1;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    return cores < 1 ? 1 : cores > 4 ? 4 : (int)cores;
}
