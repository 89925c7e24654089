/* regscope: parse the command line, then hand over to headless training or
 * to the TUI. The only place that prints an error and picks the exit status. */
#include <cblas.h>
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "app.h"
#include "headless.h"
#include "lesson.h"
#include "pathcmd.h"
#include "emit.h"
#include "export.h"

#define REGSCOPE_VERSION "0.1.0"

int main(int argc, char **argv)
{
    Config c;
    Err err = {0};
    config_defaults(&c);
    if (config_parse(&c, argc, argv, &err)) {
        fprintf(stderr, "regscope: %s\n", err.msg);
        return 2;
    }
    if (c.want_help) {
        config_print_help(stdout);
        return 0;
    }
    if (c.want_lesson_list) {
        lesson_print_list(stdout);
        return 0;
    }
    if (c.want_version) {
        printf("regscope " REGSCOPE_VERSION "\n");
        return 0;
    }
    /* Parallelism comes from splitting mini-batches (src/split.c), so BLAS
     * itself runs single-threaded and never spins against the UI thread. */
    openblas_set_num_threads(1);
    int status;
    if (c.emit[0]) {
        status = emit_run(&c, stdout, &err);
    } else if (c.snapshot[0]) {
        status = export_snapshot(&c, &err);
    } else if (c.path) {
        status = path_headless_run(&c, stdout, &err);
    } else if (c.headless) {
        status = headless_run(&c, stdout, &err);
    } else {
        status = app_run(&c, &err);
    }
    if (status)
        fprintf(stderr, "regscope: %s\n", err.msg);
    return status;
}
