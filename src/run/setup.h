/* setup: from parsed settings to what runs. config_setup applies what
 * config_read_args recorded: the --lesson, then the options in order with
 * each --load scene at its place (so lesson < scene < the flags after it);
 * the rest builds the data, the problem and the trainer's configuration. */
#ifndef REGSCOPE_SETUP_H
#define REGSCOPE_SETUP_H

#include "config.h"

/* After config_read_args on the same argv: the lesson, the options and
 * scenes, then config_finish. Messages as the options' and scene reader's. */
int config_setup(Config *c, int argc, char **argv, Err *err);
/* config_read_args + config_setup: argv into c (after config_defaults).
 * Unknown options, missing or malformed values and out-of-range settings
 * fail with a message. */
int config_parse(Config *c, int argc, char **argv, Err *err);

/* Load or generate the raw data set named by c->data. */
int config_load_data(const Config *c, Dataset *raw, Err *err);
/* config_load_data + problem_build. */
int config_build_problem(const Config *c, Problem *p, Err *err);
void config_trainer(const Config *c, const Problem *p, TrainerConfig *tc);
/* Threads that share each mini-batch: --threads, or by problem size (all
 * cores for wide layers over big batches, where one GEMM per layer leaves a
 * core idle; one for small nets, where threading only costs). */
int config_threads(const Config *c);

#endif
