/* trainer: one model learning one Problem, advanced a mini-batch or an epoch
 * at a time. Hyperparameters may change between any two mini-batches. A
 * Trainer is a plain object: several can run side by side (compare mode),
 * each in its own thread; it is not itself thread-safe.
 *
 * One step: forward (with dropout), backward of the mean data loss, an
 * optimizer step on it, then the decoupled penalty step (L2 shrink, then
 * soft-thresholding for prox or the sign step for subgradient). With sgd and
 * a full batch this is exactly proximal gradient descent on SPEC's total. */
#ifndef REGSCOPE_TRAINER_H
#define REGSCOPE_TRAINER_H

#include <stdint.h>

#include "model.h"
#include "optim.h"
#include "penalty.h"
#include "problem.h"

typedef struct {
    double lambda, alpha;
    double keep, input_keep; /* dropout keep probabilities, 1 = off */
    double augment_noise;    /* sd of Gaussian input jitter per mini-batch (standardized units) */
    double lr;
    L1Method l1_method;
    OptimizerKind optimizer;
    int batch; /* 0 = full batch */
    PenaltyKind penalty;
    double gamma; /* MCP/SCAD concavity; 0 = the family's default (3, 3.7) */
} Hyper;

typedef struct {
    int hidden[MODEL_MAX_LAYERS - 1];
    int n_hidden; /* 0 = linear model */
    Activation act;
    Hyper hyper;
    uint64_t seed; /* initial weights, batch order and dropout masks */
    int threads;   /* threads sharing each mini-batch (split.h); 0 or 1 = this one only */
    /* the group lasso's groups of a linear model's inputs (NULL: each input
     * its own group); must outlive the trainer */
    PenaltyGroups groups; /* n_groups 0: each input its own; arrays outlive the trainer */
} TrainerConfig;

/* Everything SPEC §4 reports for an epoch, in evaluation mode. */
typedef struct {
    long epoch;
    int classify, has_val;
    double data_loss; /* mean data loss on the training split */
    double penalty;
    double train_loss; /* data_loss + penalty */
    double val_loss;   /* data loss on the validation split */
    double train_acc, val_acc;
    WeightStats w;
} Metrics;

typedef struct Trainer Trainer;

/* p must outlive the trainer. */
Trainer *trainer_new(const Problem *p, const TrainerConfig *cfg, Err *err);
void trainer_free(Trainer *t);

void trainer_set_hyper(Trainer *t, const Hyper *h);
const Hyper *trainer_hyper(const Trainer *t);
/* Validate a Hyper: lambda >= 0, alpha in [0,1], keeps in (0,1], lr > 0,
 * batch >= 0, gamma 0 (default) or > 1 for mcp, > 2 for scad. Message
 * names the offending option. */
int hyper_check(const Hyper *h, Err *err);

/* One mini-batch. Returns 1 when it finished an epoch, else 0. */
int trainer_step(Trainer *t);
/* Steps until the current epoch is complete. */
void trainer_epoch(Trainer *t);
long trainer_epochs_done(const Trainer *t);
/* Whether the next step starts an epoch: the weights are an epoch's end. */
int trainer_at_epoch_start(const Trainer *t);

void trainer_evaluate(Trainer *t, Metrics *out);
/* The penalty of h's family for this trainer's model (its groups). */
PenaltyFamily trainer_penalty_family(const Trainer *t, const Hyper *h);
/* Data loss on the validation split (or training split when there is none). */
double trainer_val_loss(Trainer *t);

/* The problem's training split changed size (points added or removed):
 * resizes the batch order, batch buffers and helper workspaces, and starts
 * the current epoch over (weights, optimizer state and epoch count stay).
 * On failure (out of memory) the trainer must not step until a successful
 * call. */
int trainer_data_changed(Trainer *t, Err *err);

/* New initial weights from seed, optimizer state cleared, epoch 0. */
void trainer_reset(Trainer *t, uint64_t seed);

const Model *trainer_model(const Trainer *t);
/* The permutation of training rows of the current epoch (n_train ints):
 * the same for every trainer made with one seed, whatever its hyper. */
const int *trainer_batch_order(const Trainer *t);
const Problem *trainer_problem(const Trainer *t);
void trainer_get_params(const Trainer *t, double *dst); /* n_params doubles */
void trainer_set_params(Trainer *t, const double *src);

/* Evaluation-mode predictions for n model-space rows x (n x d): out gets
 * n x n_out (probabilities, or values for regression). No allocation. */
void trainer_predict(Trainer *t, const double *x, int n, double *out);

#endif
