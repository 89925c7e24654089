/* colgroups: the group lasso's groups of a problem's inputs (problem.h):
 * from a spec naming them, or the dummies of each categorical column. */
#include "problem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Input j's name as the inputs show it: its name, else xJ. */
static void input_name(const Problem *p, int j, char *buf, size_t n)
{
    if (p->train.feature_names && p->train.feature_names[j])
        snprintf(buf, n, "%s", p->train.feature_names[j]);
    else
        snprintf(buf, n, "x%d", j + 1);
}

/* The input a member of the spec names: its name, else its 1-based index. */
static int find_input(const Problem *p, const char *m)
{
    char name[256];
    for (int j = 0; j < p->d; j++) {
        input_name(p, j, name, sizeof name);
        if (strcmp(name, m) == 0)
            return j;
    }
    char *end;
    long i = strtol(m, &end, 10);
    return *m && !*end && i >= 1 && i <= p->d ? (int)i - 1 : -1;
}

/* The COLUMN= prefix's length of input j's name, 0 without one. */
static size_t dummy_prefix(const Problem *p, int j, char *buf, size_t n)
{
    input_name(p, j, buf, n);
    const char *eq = strchr(buf, '=');
    return eq ? (size_t)(eq - buf) + 1 : 0;
}

/* group_of[j]: the spec's groups 0.., -1 for an input it leaves out. */
static int spec_groups(const Problem *p, const char *spec, int *group_of, Err *err)
{
    char buf[1024], *gsave = NULL;
    snprintf(buf, sizeof buf, "%s", spec);
    int g = 0;
    for (char *grp = strtok_r(buf, ";", &gsave); grp; grp = strtok_r(NULL, ";", &gsave), g++) {
        char *msave = NULL;
        for (char *m = strtok_r(grp, ",", &msave); m; m = strtok_r(NULL, ",", &msave)) {
            int j = find_input(p, m);
            if (j < 0)
                return err_set(err, ERR_INPUT, "--groups: no input named '%s'", m);
            if (group_of[j] >= 0)
                return err_set(err, ERR_INPUT, "--groups: input '%s' is in two groups", m);
            group_of[j] = g;
        }
    }
    return g;
}

int problem_set_groups(Problem *p, const char *spec, Err *err)
{
    int d = p->d;
    int *group_of = malloc(sizeof(int) * (size_t)d), *start = malloc(sizeof(int) * (size_t)(d + 1));
    int *cols = malloc(sizeof(int) * (size_t)d);
    if (!group_of || !start || !cols) {
        free(group_of), free(start), free(cols);
        return err_set(err, ERR_INTERNAL, "out of memory");
    }
    for (int j = 0; j < d; j++)
        group_of[j] = -1;
    int G = 0;
    if (spec && spec[0]) {
        G = spec_groups(p, spec, group_of, err);
        if (G < 0) {
            free(group_of), free(start), free(cols);
            return -1;
        }
    } else { /* consecutive dummies of one column */
        char a[256], b[256];
        for (int j = 0; j < d; j++) {
            size_t la = dummy_prefix(p, j, a, sizeof a);
            size_t lb = j ? dummy_prefix(p, j - 1, b, sizeof b) : 0;
            if (la && la == lb && strncmp(a, b, la) == 0)
                group_of[j] = group_of[j - 1];
            else if (la)
                group_of[j] = G++;
        }
    }
    for (int j = 0; j < d; j++) /* the others alone */
        if (group_of[j] < 0)
            group_of[j] = G++;
    int at = 0;
    for (int g = 0; g < G; g++) {
        start[g] = at;
        for (int j = 0; j < d; j++)
            if (group_of[j] == g)
                cols[at++] = j;
    }
    start[G] = at;
    free(group_of);
    free(p->group_start), free(p->group_cols);
    p->n_groups = G, p->group_start = start, p->group_cols = cols;
    return 0;
}
