/* config_check: settings that contradict each other, refused before any
 * training (only combinations the command line itself asked for). */
#include "config.h"

#include <stddef.h>

/* Modes that do not use the other flag: the first would silently drop it. */
static const struct {
    const char *mode, *other, *why;
} exclusive[] = {
    {"--path", "--run",
     "the path solves one model along a lambda grid; compare runs without --path"},
    {"--path", "--early-stop",
     "the path solves each lambda to convergence; it has no epochs to stop"},
    {"--path", "--save", "the path writes no scene"},
    {"--path", "--snapshot", "the path draws no TUI screen"},
    {"--emit", "--path", "--emit prints a script and trains nothing"},
    {"--emit", "--snapshot", "--emit prints a script and trains nothing"},
    {"--emit", "--save", "--emit prints a script and trains nothing"},
    {"--snapshot", "--save", "--snapshot writes the screen, not a scene"},
    {"--headless", "--record", "--record records the TUI; headless has none"},
    {"--headless", "--keys", "--keys presses keys in the TUI; headless has none"},
    {"--snapshot", "--record", "--record records the TUI session; --snapshot draws one frame"},
    {"--snapshot", "--keys", "--keys presses keys in the TUI; --snapshot takes none"},
    {"--path", "--record", "--record records the TUI; --path is headless"},
    {"--emit", "--record", "--emit prints a script and trains nothing"},
    {"--tune", "--path", "--tune prints its own grid; --path one alpha's path"},
    {"--tune", "--run", "--tune cross-validates one model over a grid"},
    {"--tune", "--snapshot", "--snapshot draws one frame; the grid fills in over time"},
    {"--emit", "--tune", "--emit prints a script and trains nothing"},
};

int config_check(const Config *c, Err *err)
{
    for (size_t i = 0; i < sizeof exclusive / sizeof exclusive[0]; i++)
        if (config_was_given(c, exclusive[i].mode) && config_was_given(c, exclusive[i].other))
            return err_set(err, ERR_INPUT, "%s cannot be combined with %s: %s", exclusive[i].mode,
                           exclusive[i].other, exclusive[i].why);
    if (c->n_tune && c->headless && config_was_given(c, "--save"))
        return err_set(err, ERR_INPUT,
                       "--tune printing its grid writes no scene (at a terminal without "
                       "--headless the TUI opens on the grid, and S saves)");
    if (c->early_stop > 0 && c->val_ratio == 0 &&
        (config_was_given(c, "--early-stop") || config_was_given(c, "--val-ratio")))
        return err_set(err, ERR_INPUT,
                       "--early-stop %d needs a validation split, and --val-ratio 0 leaves none "
                       "(add --early-stop 0, or a --val-ratio above 0)",
                       c->early_stop);
    if (c->n_hidden == 0 && (config_was_given(c, "--keep-prob") || config_was_given(c, "--model") ||
                             config_was_given(c, "--run"))) {
        if (c->hyper.keep < 1)
            return err_set(err, ERR_INPUT,
                           "--keep-prob %g drops hidden units, and a linear model has none "
                           "(--input-keep-prob drops inputs)",
                           c->hyper.keep);
        for (int i = 0; i < c->n_runs; i++)
            if (c->runs[i].hyper.keep < 1)
                return err_set(err, ERR_INPUT,
                               "--run %s:keep=%g drops hidden units, and a linear model has none "
                               "(input-keep drops inputs)",
                               c->runs[i].name, c->runs[i].hyper.keep);
    }
    return 0;
}
