/* option_parse: reading argv through the option table (option_table.h):
 * "--name value" and "--name=value", flags, the lesson read first, a scene
 * that later options override, and the help text from the same rows. */
#include "config.h"
#include "option_table.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int accepts_empty(const OptionSpec *o)
{
    return o->handle == config_option_roles.empty_ok[0] ||
           o->handle == config_option_roles.empty_ok[1];
}

static void config_mark_given(Config *c, int i)
{
    c->given.bits[i / 64] |= UINT64_C(1) << (i % 64);
}

static const OptionSpec *find_option(const char *name, size_t len)
{
    for (int i = 0; i < config_n_options; i++)
        if (strlen(config_options[i].name) == len &&
            strncmp(config_options[i].name, name, len) == 0)
            return &config_options[i];
    return NULL;
}

/* The option at argv[*i] and its value (NULL for a flag), *i moved past
 * both. */
static int next_option(int argc, char **argv, int *i, const OptionSpec **opt, const char **val,
                       Err *err)
{
    const char *a = argv[(*i)++];
    if (strncmp(a, "--", 2) != 0)
        return err_set(err, ERR_INPUT, "unexpected argument '%s' (see --help)", a);
    const char *eq = strchr(a, '=');
    size_t len = eq ? (size_t)(eq - a) : strlen(a);
    const OptionSpec *o = find_option(a, len);
    if (!o)
        return err_set(err, ERR_INPUT, "unknown option '%.*s' (see --help)", (int)len, a);
    *opt = o;
    *val = NULL;
    if (o->arg) {
        if (eq)
            *val = eq + 1;
        else if (*i < argc)
            *val = argv[(*i)++];
        else
            return err_set(err, ERR_INPUT, "%s needs a value: %s %s", o->name, o->name, o->arg);
    } else if (eq) {
        return err_set(err, ERR_INPUT, "%s takes no value", o->name);
    }
    return 0;
}

/* Runs option o's handler on val and marks it given. */
static int apply_option(Config *c, const OptionSpec *o, const char *val, Err *err)
{
    if (val && !val[0] && !accepts_empty(o))
        return err_set(err, ERR_INPUT, "%s: empty value (expected %s %s)", o->name, o->name,
                       o->arg);
    if (o->handle(c, o->name, val, err))
        return -1;
    config_mark_given(c, (int)(o - config_options));
    return 0;
}

int config_option_accepts(const char *opt, const char *val)
{
    const OptionSpec *o = find_option(opt, strlen(opt));
    Config scratch;
    config_defaults(&scratch);
    return o && o->arg && apply_option(&scratch, o, val, NULL) == 0;
}

int config_read_args(Config *c, int argc, char **argv, Err *err)
{
    c->argv0 = argc > 0 ? argv[0] : "regscope";
    for (int i = 1; i < argc;) {
        const OptionSpec *o;
        const char *val;
        if (next_option(argc, argv, &i, &o, &val, err))
            return -1;
        if (o->handle == config_option_roles.lesson && apply_option(c, o, val, err))
            return -1;
    }
    return 0;
}

int config_apply_options(Config *c, int argc, char **argv, int *i, Err *err)
{
    while (*i < argc) {
        const OptionSpec *o;
        const char *val;
        if (next_option(argc, argv, i, &o, &val, err))
            return -1;
        if (o->handle == config_option_roles.lesson)
            continue;
        if (apply_option(c, o, val, err))
            return -1;
        if (o->handle == config_option_roles.load)
            return 1;
    }
    return 0;
}

int config_apply_settings(Config *c, int argc, char **argv, Err *err)
{
    int i = 1, rc;
    while ((rc = config_apply_options(c, argc, argv, &i, err)) == 1)
        ;
    return rc ? -1 : config_finish(c, err);
}

void config_print_help(FILE *out)
{
    fputs("usage: regscope [OPTIONS]             interactive TUI\n"
          "       regscope --headless [OPTIONS]  train without a terminal, print metrics\n\n"
          "Objective: mean data loss + lambda * (alpha * sum|w| + (1 - alpha)/2 * sum w^2),\n"
          "biases unpenalized (glmnet's parameterization).\n\noptions:\n",
          out);
    for (int i = 0; i < config_n_options; i++) {
        char left[64];
        snprintf(left, sizeof left, "%s%s%s", config_options[i].name,
                 config_options[i].arg ? " " : "",
                 config_options[i].arg ? config_options[i].arg : "");
        fprintf(out, "  %-36s %s\n", left, config_options[i].help);
    }
    fputs("\nExit status: 0 success, 2 bad usage or input, 1 internal failure.\n", out);
}

int config_was_given(const Config *c, const char *name)
{
    for (int i = 0; i < config_n_options; i++)
        if (strcmp(config_options[i].name, name) == 0)
            return (c->given.bits[i / 64] >> (i % 64)) & 1;
    return 0;
}
