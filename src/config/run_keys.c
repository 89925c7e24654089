/* run_keys: the keys of --run NAME:key=value,... (config.h), read from the
 * knob table: each knob with a run key, its range and how it is parsed. */
#include <float.h>
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "knob_table.h"

/* The keys of --run NAME:key=value,...: the knobs with a run key. */
static const KnobInfo *find_run_key(const char *key, int *index)
{
    for (int k = 0; k < KNOB_COUNT; k++) {
        const KnobInfo *info = knob_info((KnobId)k);
        if (info->run_key && strcmp(info->run_key, key) == 0) {
            *index = k;
            return info;
        }
    }
    return NULL;
}

static int run_key_range(const KnobInfo *k, double x, char *what, size_t size)
{
    if (k->hi == DBL_MAX)
        snprintf(what, size, "a number %s %g", k->lo_open ? ">" : ">=", k->lo);
    else
        snprintf(what, size, "in %c%g, %g]", k->lo_open ? '(' : '[', k->lo, k->hi);
    return (k->lo_open ? x > k->lo : x >= k->lo) && x <= k->hi;
}

/* One key=value of run name onto out; the messages name "--run NAME:key". */
static int run_apply_key(const char *name, KnobId k, const char *v, Hyper *out, Err *err)
{
    const KnobInfo *info = knob_info(k);
    char opt[64];
    snprintf(opt, sizeof opt, "--run %s:%s", name, info->run_key);
    if (knob_read_hyper(out, k, opt, v, err))
        return -1;
    if (info->value != KV_DOUBLE)
        return 0;
    double x = knob_hyper_value(out, k);
    char what[64];
    if (!run_key_range(info, x, what, sizeof what))
        return err_set(err, ERR_INPUT, "%s must be %s (got %s)", opt, what, v);
    return 0;
}

int config_run_hyper(const Hyper *base, const char *name, const char *spec, Hyper *out, Err *err)
{
    *out = *base;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", spec);
    unsigned seen = 0;
    for (char *save = NULL, *kv = strtok_r(buf, ",", &save); kv; kv = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(kv, '=');
        if (!eq || eq == kv || !eq[1])
            return err_set(err, ERR_INPUT, "--run %s: expected key=value, got '%s'", name, kv);
        *eq = '\0';
        const char *k = kv, *v = eq + 1;
        int i = 0;
        const KnobInfo *info = find_run_key(k, &i);
        if (!info)
            return err_set(err, ERR_INPUT, "--run %s: unknown key '%s' (keys: " RUN_KEY_LIST ")",
                           name, k);
        if (seen & (1u << i))
            return err_set(err, ERR_INPUT, "--run %s: key '%s' given twice", name, k);
        seen |= 1u << i;
        if (run_apply_key(name, (KnobId)i, v, out, err))
            return -1;
    }
    return 0;
}
