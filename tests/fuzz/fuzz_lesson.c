/* libFuzzer harness for the lesson-file reader: every input is parsed as a
 * NAME.lesson file; a success must give steps whose checks are well formed
 * and whose settings apply again on the scene, and every check is evaluated
 * on a state (no crash, no read past the terms). Built and run by `make
 * fuzz`. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lesson_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static LessonFile lf;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    Err err = {0};
    if (lesson_file_parse(text, "fuzz.lesson", &lf, &err) == 0) {
        if (!lf.title[0] || lf.n_steps < 0 || lf.n_steps > LESSON_MAX_STEPS)
            abort();
        Config c;
        config_defaults(&c);
        if (lesson_apply_settings(&c, lf.scene, &err))
            abort(); /* parsed, so it must apply */
        LessonState st = {0};
        st.zeros = 0.5, st.val_loss = NAN, st.view = "main";
        for (int k = 0; k < lf.n_steps; k++) {
            const LessonStep *s = &lf.steps[k];
            if (s->check.n_terms < 0 || s->check.n_terms > LESSON_MAX_TERMS)
                abort();
            for (int t = 0; t < s->check.n_terms; t++)
                if (s->check.terms[t].metric >= LM_COUNT || s->check.terms[t].op > LO_NE)
                    abort();
            if (lesson_apply_settings(&c, s->settings, &err))
                abort();
            (void)lesson_check_holds(&s->check, &st);
        }
    } else if (strncmp(err.msg, "fuzz.lesson:", 12) != 0) {
        abort(); /* every mistake names the place */
    }
    free(text);
    return 0;
}
