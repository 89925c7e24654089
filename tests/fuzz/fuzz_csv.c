/* libFuzzer harness for the CSV loader: every input is loaded with a few
 * option sets (default and tiny limits, forced tasks, targets by name and by
 * index, --categorical, --ignore, --missing drop and mean); a success must give a consistent
 * Dataset, and everything is freed (LeakSanitizer checks). Build and run with `make fuzz
 * FUZZ_SECONDS=N`. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csvload.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const Dataset *ds, int nan_ok)
{
    int ok = ds->n >= 1 && ds->d >= 1 && ds->X && ds->y && ds->name && ds->feature_names;
    for (int j = 0; ok && j < ds->d; j++)
        ok = ds->feature_names[j] != NULL;
    for (long i = 0; ok && i < (long)ds->n * ds->d; i++)
        ok = isfinite(ds->X[i]) || (nan_ok && isnan(ds->X[i])); /* --missing mean */
    if (ok && ds->task == TASK_CLASSIFY) {
        ok = ds->n_classes >= 2 && ds->class_names;
        for (int c = 0; ok && c < ds->n_classes; c++)
            ok = ds->class_names[c] != NULL;
        for (int i = 0; ok && i < ds->n; i++)
            ok = ds->y[i] >= 0 && ds->y[i] < ds->n_classes && ds->y[i] == floor(ds->y[i]);
    } else if (ok) {
        ok = ds->task == TASK_REGRESS && ds->n_classes == 0 && !ds->class_names;
        for (int i = 0; ok && i < ds->n; i++)
            ok = isfinite(ds->y[i]);
    }
    if (!ok)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const CsvOptions opts[] = {
        {NULL, TASK_AUTO}, {"1", TASK_CLASSIFY}, {"y", TASK_REGRESS}, {"2", TASK_AUTO}};
    /* the table options: categories, ignored columns, missing values, a fold column */
    static const CsvTableOptions tabs[] = {{0},
                                           {NULL, "1", NULL, CSV_MISSING_DROP, NULL},
                                           {"2", NULL, "x,?", CSV_MISSING_MEAN, "1"},
                                           {0}};
    const CsvLimits tiny = {8, 64, 3, 32};
    for (size_t k = 0; k < sizeof opts / sizeof opts[0]; k++) {
        Dataset ds;
        Err err;
        const CsvLimits *lim = k == 3 ? &tiny : NULL;
        int rc = csv_load_mem_table("fuzz.csv", (const char *)data, size, &opts[k], &tabs[k], lim,
                                    &ds, &err);
        if (rc == 0) {
            check(&ds, tabs[k].missing == CSV_MISSING_MEAN);
            dataset_free(&ds);
        } else if (ds.X || ds.y || ds.name || err.msg[0] == '\0') {
            abort(); /* a refusal leaves nothing behind and says why */
        }
    }
    return 0;
}
