/* model: a stack of dense layers with one flat parameter block.
 *
 * Layer l maps in_l -> out_l: Z = A_prev W^T + b, W is out x in (row-major),
 * then the hidden activation (tanh/relu/sigmoid/linear) or, for the last
 * layer, the head: sigmoid (binary), softmax (k classes) or identity
 * (regression). A "linear" model is the head alone: logistic, softmax or
 * linear regression.
 *
 * All parameters live in params[n_params]; for each layer W comes first,
 * then b. Gradients mirror that layout exactly, so "copy the weights",
 * "zero the grads" and "count the exact zeros of W" are one loop each. */
#ifndef REGSCOPE_MODEL_H
#define REGSCOPE_MODEL_H

#include <stddef.h>

#include "err.h"
#include "rng.h"

#define MODEL_MAX_LAYERS 8

typedef enum { ACT_TANH, ACT_RELU, ACT_SIGMOID, ACT_LINEAR } Activation;
typedef enum { HEAD_SIGMOID, HEAD_SOFTMAX, HEAD_LINEAR } Head;

typedef struct {
    int in, out;
    size_t w_off, b_off; /* offsets of W (out*in) and b (out) in params */
} LayerShape;

typedef struct {
    int n_layers;
    LayerShape layer[MODEL_MAX_LAYERS];
    Activation act;
    Head head;
    size_t n_params;  /* weights + biases */
    size_t n_weights; /* penalized entries: all W, no b */
    double *params;   /* owned */
} Model;

/* hidden[0..n_hidden-1] are the hidden widths (n_hidden 0: linear model).
 * n_out is 1 for sigmoid/linear heads and k for softmax. */
int model_init(Model *m, int n_in, const int *hidden, int n_hidden, int n_out, Activation act,
               Head head, Err *err);
void model_free(Model *m);
/* Linear models start at 0 (the lasso path's start); hidden layers get
 * Glorot-uniform (He for relu) weights from rng; biases 0. */
void model_randomize(Model *m, Rng *rng);
int model_n_in(const Model *m);
int model_n_out(const Model *m);
/* True for weight entries (penalized), false for biases; i < n_params. */
int model_is_weight(const Model *m, size_t i);

const char *activation_name(Activation a);
int activation_parse(const char *s, Activation *a);

/* ---- forward/backward over a batch --------------------------------------
 * A Workspace holds every per-batch buffer for batches up to max_batch, so
 * the training loop allocates nothing. */
typedef struct {
    int max_batch;
    double *xin;                     /* max_batch x n_in: the input after input dropout */
    double *act[MODEL_MAX_LAYERS];   /* max_batch x out_l: post-activation (pre-dropout) */
    double *drop[MODEL_MAX_LAYERS];  /* max_batch x out_l: after dropout (hidden only) */
    double *mask[MODEL_MAX_LAYERS];  /* max_batch x out_l: 0 or 1/keep */
    double *in_mask;                 /* max_batch x n_in */
    double *logits;                  /* max_batch x n_out: last layer before the head */
    double *delta[MODEL_MAX_LAYERS]; /* max_batch x out_l: dLoss/dZ of layer l */
    double *dsum[MODEL_MAX_LAYERS];  /* out_l: column sums of delta, the rows' db */
    double *grad;                    /* n_params, mirrors params */
    const double *x_last;            /* input of the last forward pass (not owned) */
    int dropped, in_dropped;         /* whether that pass drew hidden / input masks */
} Workspace;

int workspace_init(Workspace *ws, const Model *m, int max_batch, Err *err);
void workspace_free(Workspace *ws);

/* Dropout settings for one forward pass; keep 1 means off. rng may be NULL
 * when both keeps are 1 (evaluation). */
typedef struct {
    double keep, input_keep;
    Rng *rng;
} Dropout;

/* Forward n rows of x (n x n_in). Output probabilities / values are left in
 * ws->act[n_layers-1] (n x n_out) and returned. */
const double *model_forward(const Model *m, Workspace *ws, const double *x, int n,
                            const Dropout *dropout);
/* Mean data loss of the last forward pass against targets y (class ids or
 * values): mean log-loss, mean cross-entropy, or 1/(2n) sum (y - yhat)^2. */
double model_data_loss(const Model *m, const Workspace *ws, const double *y, int n);
/* Gradient of the mean data loss w.r.t. every parameter into ws->grad, from
 * the last forward pass (which must have used the same x, dropout masks). */
void model_backward(const Model *m, Workspace *ws, const double *y, int n);
/* The first half of model_backward for n rows that are a slice of a batch
 * of `total` rows: dLoss/dZ of every layer into ws->delta, for the mean
 * loss over the whole batch; the weight gradients are left to
 * model_layer_grad, which can then sum over slices held by other threads. */
void model_backward_deltas(const Model *m, Workspace *ws, const double *y, int n, int total);
/* The second half: the gradient of layer l's W rows and b entries
 * [o0, o1) into grad (mirroring params), summed over the slices held in
 * ws[0 .. slices-1] (n[s] rows each) in that order. */
void model_layer_grad(const Model *m, const Workspace *const *ws, const int *n, int slices, int l,
                      int o0, int o1, double *grad);
/* Count of correct predictions of the last forward pass (classification). */
int model_count_correct(const Model *m, const Workspace *ws, const double *y, int n);

#endif
