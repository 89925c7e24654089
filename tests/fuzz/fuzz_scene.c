/* libFuzzer harness for the scene reader: every input is parsed as a scene
 * file on top of the defaults; a success must give a consistent Scene
 * (points, standardizer and weights of the sizes it says), and everything
 * is freed (LeakSanitizer checks). A scene that parses is formatted and
 * parsed again: what the writer writes, the reader reads. Built and run by
 * `make fuzz`. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scene.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const Scene *s)
{
    /* settings alone are a scene too (no points, so no weights) */
    int ok = s->n == 0 ? s->n_params == 0 : s->d >= 1 && s->X && s->y && s->split;
    for (size_t i = 0; ok && i < (size_t)s->n * (size_t)s->d; i++)
        ok = isfinite(s->X[i]);
    for (int i = 0; ok && i < s->n; i++)
        ok = isfinite(s->y[i]) && s->split[i] <= 1;
    for (size_t i = 0; ok && i < s->n_params; i++)
        ok = s->params && isfinite(s->params[i]);
    if (!ok)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    Config base;
    config_defaults(&base);
    Scene s;
    Err err = {0};
    if (scene_parse(text, "fuzz.scene", &base, &s, &err) == 0) {
        check(&s);
        char *again = scene_format(&s);
        if (again) {
            Scene t;
            Err e2 = {0};
            if (scene_parse(again, "again.scene", &base, &t, &e2) != 0)
                abort(); /* written, so it must read back */
            scene_free(&t);
            free(again);
        }
        scene_free(&s);
    }
    free(text);
    return 0;
}
