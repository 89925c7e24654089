#include "impute.h"

#include <math.h>
#include <stddef.h>

static void fill_column(Dataset *ds, int j, double mean)
{
    for (int i = 0; i < ds->n; i++) {
        double *x = &ds->X[(size_t)i * ds->d + j];
        if (isnan(*x))
            *x = mean;
    }
}

void data_fill_missing(Dataset *train, Dataset *val)
{
    for (int j = 0; j < train->d; j++) {
        double sum = 0;
        int n = 0, missing = 0;
        for (int i = 0; i < train->n; i++) {
            double x = train->X[(size_t)i * train->d + j];
            if (isnan(x))
                missing = 1;
            else
                sum += x, n++;
        }
        for (int i = 0; !missing && i < val->n; i++)
            missing = isnan(val->X[(size_t)i * val->d + j]);
        if (!missing)
            continue;
        double mean = n ? sum / n : 0.0;
        fill_column(train, j, mean);
        fill_column(val, j, mean);
    }
}
