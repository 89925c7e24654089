/* impute: missing values (NAN in X, left by the CSV loader's --missing mean)
 * filled with the training split's column means, after the split so that
 * validation rows do not leak into them. */
#ifndef REGSCOPE_IMPUTE_H
#define REGSCOPE_IMPUTE_H

#include "data.h"

/* Every NAN in train and val := the mean of its column's non-missing
 * training values (0 when there is none). */
void data_fill_missing(Dataset *train, Dataset *val);

#endif
