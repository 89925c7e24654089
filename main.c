/* regscope: parse the command line, then hand over to headless training or
 * to the TUI. The only place that prints an error and picks the exit status. */
#include <cblas.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "app.h"
#include "headless.h"
#include "lesson.h"
#include "pathcmd.h"
#include "tunecmd.h"
#include "setup.h"
#include "emit.h"
#include "export.h"

#define REGSCOPE_VERSION "0.1.0"

/* An output file that cannot be written is refused before any training:
 * its directory must exist and be writable, and the path must not be a
 * directory. 0, or -1 with "PATH: cannot write: REASON" in err. */
static int check_writable(const char *path, Err *err)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return err_set(err, ERR_INPUT, "%s: cannot write: %s", path, strerror(EISDIR));
    char dir[4096];
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == path)
        snprintf(dir, sizeof dir, "/");
    else
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    if (stat(dir, &st) != 0)
        return err_set(err, ERR_INPUT, "%s: cannot write: %s", path, strerror(errno));
    if (!S_ISDIR(st.st_mode))
        return err_set(err, ERR_INPUT, "%s: cannot write: %s", path, strerror(ENOTDIR));
    if (access(dir, W_OK | X_OK) != 0)
        return err_set(err, ERR_INPUT, "%s: cannot write: %s", path, strerror(errno));
    return 0;
}

/* Every file the run will write, checked up front. */
static int check_outputs(const Config *c, Err *err)
{
    if (c->snapshot[0] && check_writable(c->snapshot, err))
        return -1;
    if (c->save[0] && check_writable(c->save, err))
        return -1;
    return 0;
}

int main(int argc, char **argv)
{
    Config c;
    Err err = {0};
    config_defaults(&c);
    /* parse, then apply the lesson and scenes under the flags */
    if (config_read_args(&c, argc, argv, &err) || config_setup(&c, argc, argv, &err)) {
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
    /* --tune prints its grid as JSON when asked to, or when its output is
     * not a terminal (a pipe, a file, a script); at a terminal the TUI
     * opens on the grid */
    if (c.n_tune && !isatty(STDOUT_FILENO))
        c.headless = 1;
    if (config_check(&c, &err) || check_outputs(&c, &err)) {
        fprintf(stderr, "regscope: %s\n", err.msg);
        return 2;
    }
    /* Parallelism comes from splitting mini-batches (src/run/split.c), so BLAS
     * itself runs single-threaded and never spins against the UI thread. */
    openblas_set_num_threads(1);
    int status;
    if (c.emit[0]) {
        status = emit_run(&c, stdout, &err);
    } else if (c.snapshot[0]) {
        status = export_snapshot(&c, &err);
    } else if (c.n_tune && c.headless) {
        status = tune_headless_run(&c, stdout, &err);
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
