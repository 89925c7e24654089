/* libFuzzer harness for the command line: the input's lines (or NUL-
 * separated words) are the arguments, parsed and checked as main does
 * (config_parse, then config_check), and the reopen command line is
 * printed from any Config that parses. Lessons are applied through --lesson
 * like any option; --load (which reads a file) is left out. Nothing is
 * loaded or trained. Built and run by `make fuzz`. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "setup.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_WORDS 48

/* Splits buf (NUL-terminated) at '\n' and '\0' into argv[1..]. */
static int split_words(char *buf, size_t size, char **argv)
{
    int argc = 1;
    argv[0] = "regscope";
    char *start = buf;
    for (size_t i = 0; i <= size && argc < MAX_WORDS; i++)
        if (buf[i] == '\n' || buf[i] == '\0') {
            buf[i] = '\0';
            argv[argc++] = start;
            start = buf + i + 1;
        }
    return argc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    char *buf = malloc(size + 1);
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    buf[size] = '\0';
    char *argv[MAX_WORDS + 1];
    int argc = split_words(buf, size, argv);
    Config c;
    Err err = {0};
    config_defaults(&c);
    /* --load reads a file: keep the harness to parsing */
    for (int i = 1; i < argc; i++)
        if (strncmp(argv[i], "--load", 6) == 0) {
            free(buf);
            return 0;
        }
    if (config_parse(&c, argc, argv, &err) == 0 && config_check(&c, &err) == 0) {
        char line[8192];
        config_command_line(&c, line, sizeof line);
    }
    free(buf);
    return 0;
}
