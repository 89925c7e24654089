/* option_table: the command line's options (config.c: what each one sets)
 * as the reader of argv (option_parse.c) sees them. Private to src/config. */
#ifndef REGSCOPE_OPTION_TABLE_H
#define REGSCOPE_OPTION_TABLE_H

#include "config.h"

typedef int (*OptHandler)(Config *c, const char *opt, const char *val, Err *err);

typedef struct {
    const char *name;
    const char *arg; /* NULL for a flag */
    OptHandler handle;
    const char *help;
} OptionSpec;

/* The options the reader treats apart, by their handlers. */
typedef struct {
    OptHandler lesson;      /* read before every other option: the lesson is the base */
    OptHandler load;        /* a scene: the options after it override it */
    OptHandler empty_ok[2]; /* "" means the default; elsewhere an empty value is a mistake */
} OptionRoles;

extern const OptionSpec config_options[];
extern const int config_n_options;
extern const OptionRoles config_option_roles;

#endif
