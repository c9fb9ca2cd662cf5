#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Independent reference values for every loss id of the catalogue (spec Appendix A).

Regenerate (from the repository root; needs Debian's python3-torch and python3-numpy):

    /usr/bin/python3 tests/data/make_reference.py

It rewrites tests/data/reference_cases.json, which tests/tst_reference_values.cpp checks the
engine against. The script is deterministic (fixed inputs, one fixed NumPy seed, CPU float64):
re-running it with the same torch/NumPy gives a byte-identical file. It never imports or runs
LossLab code: the values must stay an independent source.

Where the numbers come from ("source" of each case):
  pytorch           torch.nn.functional itself, float64, gradients by autograd. For the PyTorch
                    ids this *is* the framework.
  keras-formula     Keras/TF are not installable here, so each Keras loss is re-implemented op for
                    op in torch float64 from keras/src/losses/losses.py (Keras 3) and the spec,
                    including the Keras reduction pipeline (loss.py: apply_mask, reduce_values).
                    TF's subgradient conventions (spec §1.4) are met by probing away from kinks
                    and clip boundaries (asserted below), or by torch.where written the way TF
                    breaks ties.
  keras-docstring   numbers printed in the Keras 3 / tf.keras docstrings (float32). The tolerance
                    is one unit of the last printed digit relative to max(1, |value|) (doctest
                    output is often truncated, e.g. Poisson prints 0.999 for 0.99999994) plus
                    1e-6 for float32. These rows carry no gradient. Each one is also reproduced
                    here by the keras-formula code (asserted), so formula and docstring agree.
  reference-formula robust / reference losses re-implemented from their reference code:
                    Ceres loss_function.cc (ℓ = ½ρ(‖r‖²) per sample, spec §1.7), Barron's
                    robust_loss_pytorch (closed forms for α ∈ {0, 2, ±∞}), statsmodels Tukey,
                    TFA pinball / contrastive, sklearn tweedie / ε-insensitive, iCaRL BCE.

JSON layout (a list; one object per case):
  name           descriptive, unique (the Qt Test row name)
  loss           catalogue id
  params         {param id: number | bool | choice label}; absent ids take their defaults
  y_true         [[..]] or null (triplet_margin has no target); class labels are (B, 1) columns
  y_pred         [[..]]
  extras         {input name: [[..]]}
  sample_weight  [..] (one per sample, rank 1) or null
  reduction      reduction name, or null for the loss's default
  value          reduced loss; for reduction "none" the sum of the unreduced values (the
                 engine's convention), null when a docstring prints only the array
  per_sample     Keras: the per-sample loss ℓ_i (for "none": the returned w_i ℓ_i);
                 PyTorch: the reduction='none' tensor averaged over its last axis; or null
  grad           ∂value/∂y_pred, or null (docstring rows)
  grads          {extra name: ∂value/∂extra} for the differentiable extra inputs
  tol            relative tolerance, |a − e| ≤ tol · max(1, |e|)
  source         pytorch | keras-formula | keras-docstring | reference-formula
"""
import json
import math
import os
import sys
import warnings

import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
# kl_div(reduction='mean') is a deliberate case (sum / numel); torch warns about it.
warnings.filterwarnings("ignore", message="reduction: 'mean' divides the total loss")
KERAS_EPS = 1e-7
F64_TOL = 1e-10
RNG = np.random.default_rng(20260821)

# Appendix A of the spec: every id must get at least two cases.
APPENDIX_A = """
mean_squared_error mean_absolute_error mean_absolute_percentage_error
mean_squared_logarithmic_error log_cosh huber smooth_l1 torch_mse torch_l1 torch_huber
cosine_similarity temperature_mse rmse_batch rmse_per_sample tweedie_deviance
binary_crossentropy categorical_crossentropy sparse_categorical_crossentropy
binary_focal_crossentropy categorical_focal_crossentropy kl_divergence poisson dice tversky
categorical_generalized_cross_entropy torch_bce torch_bce_logits torch_cross_entropy
poisson_nll gaussian_nll kl_div multilabel_soft_margin
hinge squared_hinge categorical_hinge soft_margin
margin_ranking hinge_embedding cosine_embedding triplet_margin contrastive
ceres_trivial ceres_huber ceres_soft_l1 ceres_cauchy ceres_arctan ceres_tolerant ceres_tukey
ceres_scaled ceres_composed ceres_wrapper barron_general tukey_biweight pinball
epsilon_insensitive
knowledge_distillation icarl_bce
""".split()

# Ids LossLab adds beyond the spec's Appendix A (each a loss file of its own, core/losses).
EXTRA_IDS = ["pseudo_huber"]

CASES = []


# ----------------------------------------------------------------------------------------------
# helpers
# ----------------------------------------------------------------------------------------------


def T(x, grad=False):
    return torch.tensor(np.asarray(x, dtype=np.float64), requires_grad=grad)


def rnd(*shape, lo=-2.0, hi=2.0, decimals=3):
    """Uniform inputs rounded to `decimals` so the JSON stays readable."""
    return np.round(RNG.uniform(lo, hi, size=shape), decimals)


def probs(rows, cols, lo=0.05, hi=0.95):
    return rnd(rows, cols, lo=lo, hi=hi)


def simplex(rows, cols):
    """Rows that sum to 1 (to ~1 ulp) with every entry in [0.05, 0.9]."""
    p = RNG.uniform(0.2, 1.0, size=(rows, cols))
    p = p / p.sum(-1, keepdims=True)
    return p


def onehot(labels, k):
    return np.eye(k)[np.asarray(labels, dtype=int).reshape(-1)]


def col(labels):
    return [[float(v)] for v in labels]


def clear(values, kinks, margin=1e-3):
    """True if every value is more than `margin` from every kink."""
    v = np.asarray(values, dtype=float).reshape(-1)
    return all(np.min(np.abs(v - k)) > margin for k in np.atleast_1d(kinks))


def away(values, kinks, margin=1e-3, what="kink"):
    """Asserts every probe is off the kinks, where TF and torch subgradients differ."""
    assert clear(values, kinks, margin), f"probe point within {margin} of a {what} in {kinks}"


def draw(make, ok):
    """Draws inputs from the seeded generator until `ok` holds (deterministic)."""
    for _ in range(1000):
        x = make()
        if ok(x):
            return x
    raise AssertionError("no admissible probe drawn")


def lst(x):
    if x is None:
        return None
    a = np.asarray(x.detach().numpy() if torch.is_tensor(x) else x, dtype=float)
    return a.tolist()


def add(name, loss, params, y_true, y_pred, value, per_sample, grad, tol, source, extras=None,
        grads=None, sample_weight=None, reduction=None):
    assert loss in APPENDIX_A or loss in EXTRA_IDS, loss
    assert all(c["name"] != name for c in CASES), f"duplicate case name {name}"
    for v in ([value] if value is not None else []) + (list(np.ravel(per_sample))
                                                        if per_sample is not None else []):
        assert math.isfinite(v), f"{name}: non-finite reference value"
    if grad is not None:
        assert np.all(np.isfinite(grad)), f"{name}: non-finite gradient"
    CASES.append({
        "name": name,
        "loss": loss,
        "params": params or {},
        "y_true": lst(y_true),
        "y_pred": lst(y_pred),
        "extras": {k: lst(v) for k, v in (extras or {}).items()},
        "sample_weight": None if sample_weight is None else [float(w) for w in sample_weight],
        "reduction": reduction,
        "value": None if value is None else float(value),
        "per_sample": None if per_sample is None else [float(v) for v in np.ravel(per_sample)],
        "grad": lst(grad),
        "grads": {k: lst(v) for k, v in (grads or {}).items()},
        "tol": tol,
        "source": source,
    })


def keras_reduce(ell, mask, sample_weight, reduction):
    """keras/src/losses/loss.py: apply_mask, then values = ℓ·w, then reduce_values."""
    red = reduction or "sum_over_batch_size"
    w = None if sample_weight is None else T(sample_weight)
    if mask is not None:
        m = mask.to(torch.float64)
        if red in ("mean", "sum_over_batch_size"):
            total, valid = float(m.numel()), float(m.sum())
            m = m * (total / valid if valid > 0 else 0.0)  # divide_no_nan
        w = m if w is None else w * m
    values = ell if w is None else ell * w
    if red == "none" or values.dim() == 0:
        return values, values
    loss = values.sum()
    if red in ("sum_over_batch_size", "mean", "mean_with_sample_weight"):
        if red == "mean_with_sample_weight" and w is not None:
            divisor = float(w.sum())
        else:
            divisor = float(values.numel())
        loss = loss / divisor if divisor != 0 else loss * 0.0
    return loss, values


def keras(name, loss, params, fn, y_true, y_pred, extras=None, diff=(), sample_weight=None,
          reduction=None, source="keras-formula", tol=F64_TOL):
    """A Keras-style id: fn(y_true, y_pred, extras) returns ℓ (B,) or a scalar, or (ℓ, mask)."""
    yp = T(y_pred, True)
    yt = None if y_true is None else T(y_true)
    ex = {k: T(v, k in diff) for k, v in (extras or {}).items()}
    out = fn(yt, yp, ex)
    ell, mask = out if isinstance(out, tuple) else (out, None)
    reduced, values = keras_reduce(ell, mask, sample_weight, reduction)
    value = values.sum() if (reduction == "none" and values.dim() > 0) else reduced
    value.backward()
    per_sample = values if reduction == "none" else ell
    add(name, loss, params, y_true, y_pred, value.item(), per_sample.detach().numpy(),
        yp.grad.numpy(), tol, source, extras=extras, grads={k: ex[k].grad.numpy() for k in diff},
        sample_weight=sample_weight, reduction=reduction)
    return value.item(), per_sample.detach().numpy()


def torch_case(name, loss, params, fn, y_true, y_pred, extras=None, diff=(), reduction=None):
    """A PyTorch id: fn(y_true, y_pred, extras, reduction) calls torch.nn.functional."""
    red = reduction or "mean"
    yp = T(y_pred, True)
    yt = None if y_true is None else T(y_true)
    ex = {k: T(v, k in diff) for k, v in (extras or {}).items()}
    out = fn(yt, yp, ex, red)
    value = out.sum() if red == "none" else out
    value.backward()
    with torch.no_grad():
        unreduced = fn(yt, yp, ex, "none")
    per_sample = unreduced.mean(-1) if unreduced.dim() == 2 else unreduced
    add(name, loss, params, y_true, y_pred, value.item(), per_sample.numpy(), yp.grad.numpy(),
        F64_TOL, "pytorch", extras=extras, grads={k: ex[k].grad.numpy() for k in diff},
        reduction=reduction)


def docstring_tol(printed):
    """One unit of the last printed digit relative to max(1, |value|), plus 1e-6 for float32.

    Doctest output is often truncated rather than rounded (Poisson prints 0.999 for 0.99999994,
    cosine -0.0999 for -0.099999994), so half a unit is not enough; the 1e-6 covers the float32
    computation the printed number came from."""
    tol = 0.0
    for text in printed:
        mantissa, _, exponent = text.lower().partition("e")
        decimals = len(mantissa.partition(".")[2])
        unit = 10.0 ** (-decimals + (int(exponent) if exponent else 0))
        tol = max(tol, unit / max(1.0, abs(float(text))) + 1e-6)
    return tol


def docstring(name, loss, params, fn, y_true, y_pred, printed, sample_weight=None,
              reduction=None):
    """A Keras docstring example: `printed` is the scalar text, or a list of texts for "none".

    The keras-formula implementation `fn` must reproduce it within the printed precision.
    """
    texts = printed if isinstance(printed, list) else [printed]
    tol = docstring_tol(texts)
    yp = T(y_pred)
    yt = None if y_true is None else T(y_true)
    out = fn(yt, yp, {})
    ell, mask = out if isinstance(out, tuple) else (out, None)
    reduced, values = keras_reduce(ell, mask, sample_weight, reduction)
    numbers = [float(t) for t in texts]
    mine = values.detach().numpy().ravel() if isinstance(printed, list) else [reduced.item()]
    for got, want in zip(mine, numbers):
        assert abs(got - want) <= tol * max(1.0, abs(want)), (name, got, want, tol)
    add(name, loss, params, y_true, y_pred, None if isinstance(printed, list) else numbers[0],
        numbers if isinstance(printed, list) else None, None, tol, "keras-docstring",
        sample_weight=sample_weight, reduction=reduction)


# ----------------------------------------------------------------------------------------------
# Keras formulas (keras/src/losses/losses.py, op for op; float64)
# ----------------------------------------------------------------------------------------------


def k_mse(yt, yp, ex):
    return ((yt - yp) ** 2).mean(-1)


def k_mae(yt, yp, ex):
    return (yt - yp).abs().mean(-1)


def k_mape(eps=KERAS_EPS):
    return lambda yt, yp, ex: 100.0 * ((yt - yp) / torch.clamp(yt.abs(), min=eps)).abs().mean(-1)


def k_msle(eps=KERAS_EPS):
    def fn(yt, yp, ex):
        first = torch.log(torch.clamp(yp, min=eps) + 1.0)
        second = torch.log(torch.clamp(yt, min=eps) + 1.0)
        return ((first - second) ** 2).mean(-1)
    return fn


def k_log_cosh(yt, yp, ex):
    x = yp - yt
    return (x + F.softplus(-2.0 * x) - math.log(2.0)).mean(-1)


def k_huber(delta=1.0):
    def fn(yt, yp, ex):
        e = yp - yt
        a = e.abs()
        return torch.where(a <= delta, 0.5 * e ** 2, delta * a - 0.5 * delta ** 2).mean(-1)
    return fn


def k_normalize(x, eps):
    # keras ops.normalize (order 2) after #23093: x · rsqrt(max(Σx², ε²)).
    return x * torch.rsqrt(torch.clamp((x * x).sum(-1, keepdim=True), min=eps * eps))


def k_cosine(eps=KERAS_EPS):
    return lambda yt, yp, ex: -(k_normalize(yt, eps) * k_normalize(yp, eps)).sum(-1)


def k_temperature_mse(temperature):
    return lambda yt, yp, ex: (temperature * (yp - yt) ** 2).mean(-1)


def k_rmse_batch(yt, yp, ex):
    return torch.sqrt(((yp - yt) ** 2).mean())


def k_rmse_per_sample(yt, yp, ex):
    return torch.sqrt(((yp - yt) ** 2).mean(-1))


def smooth_labels_binary(yt, ls):
    return yt * (1.0 - ls) + 0.5 * ls if ls else yt


def smooth_labels_categorical(yt, ls):
    return yt * (1.0 - ls) + ls / yt.shape[-1] if ls else yt


def bce_elements(yt, yp, from_logits, eps):
    if from_logits:  # TF sigmoid_cross_entropy_with_logits: exact, grad σ(z) − y
        return F.binary_cross_entropy_with_logits(yp, yt, reduction="none")
    q = torch.clamp(yp, eps, 1.0 - eps)  # TF clip_by_value: gradient 1 on the closed interval
    return -(yt * torch.log(q) + (1.0 - yt) * torch.log(1.0 - q))


def k_bce(from_logits=False, ls=0.0, eps=KERAS_EPS):
    def fn(yt, yp, ex):
        return bce_elements(smooth_labels_binary(yt, ls), yp, from_logits, eps).mean(-1)
    return fn


def cce_rows(yt, yp, from_logits, eps):
    if from_logits:
        # log_softmax + autodiff gives softmax·Σy − y; TF's xent kernel gives softmax − y. The
        # targets used here sum to 1, where both agree (spec §2.2).
        return -(yt * F.log_softmax(yp, -1)).sum(-1)
    o = yp / yp.sum(-1, keepdim=True)
    o = torch.clamp(o, eps, 1.0 - eps)
    return -(yt * torch.log(o)).sum(-1)


def k_cce(from_logits=False, ls=0.0, eps=KERAS_EPS):
    def fn(yt, yp, ex):
        return cce_rows(smooth_labels_categorical(yt, ls), yp, from_logits, eps)
    return fn


def k_scce(from_logits=False, ignore_class=None, eps=KERAS_EPS):
    """Keras 3 sparse CE with the (B, 1) labels squeezed. Probabilities use the TF-backend
    formula −log(q̃_t / Σq̃), q̃ = clip(ŷ): on rows that sum to 1 with nothing clipped (all the
    probability rows below) it equals the normalise-then-clip backends in value and gradient."""
    def fn(yt, yp, ex):
        labels = yt.reshape(-1)
        valid = None
        if ignore_class is not None:
            valid = labels != ignore_class
            labels = labels * valid
            yp = yp * valid.unsqueeze(-1)
        idx = labels.long()
        if from_logits:
            res = -F.log_softmax(yp, -1).gather(-1, idx.unsqueeze(-1)).squeeze(-1)
        else:
            q = torch.clamp(yp, eps, 1.0 - eps)
            res = -(torch.log(q.gather(-1, idx.unsqueeze(-1)).squeeze(-1)) - torch.log(q.sum(-1)))
        if valid is None:
            return res
        return torch.where(valid, res, torch.zeros_like(res)), valid
    return fn


def k_binary_focal(gamma=2.0, alpha=0.25, balancing=False, from_logits=False, ls=0.0,
                   eps=KERAS_EPS):
    def fn(yt, yp, ex):
        y = smooth_labels_binary(yt, ls)
        p = torch.sigmoid(yp) if from_logits else yp
        bce = bce_elements(y, p, False, eps)  # Keras 3: clipped probability BCE (spec §2.2)
        p_t = y * p + (1 - y) * (1 - p)  # unclipped p
        focal = (1.0 - p_t) ** gamma * bce
        if balancing:
            focal = (y * alpha + (1 - y) * (1 - alpha)) * focal
        return focal.mean(-1)
    return fn


def k_categorical_focal(alpha=0.25, gamma=2.0, from_logits=False, ls=0.0, eps=KERAS_EPS):
    def fn(yt, yp, ex):
        y = smooth_labels_categorical(yt, ls)
        p = torch.softmax(yp, -1) if from_logits else yp
        o = p / p.sum(-1, keepdim=True)
        o = torch.clamp(o, eps, 1.0 - eps)
        cce = -y * torch.log(o)
        return (alpha * (1.0 - o) ** gamma * cce).sum(-1)
    return fn


def k_kld(eps=KERAS_EPS):
    def fn(yt, yp, ex):
        y = torch.clamp(yt, eps, 1.0)
        p = torch.clamp(yp, eps, 1.0)
        return (y * torch.log(y / p)).sum(-1)
    return fn


def k_poisson(eps=KERAS_EPS):
    return lambda yt, yp, ex: (yp - yt * torch.log(yp + eps)).mean(-1)


def k_dice(per_sample=False, eps=KERAS_EPS):
    def fn(yt, yp, ex):
        dims = (-1,) if per_sample else tuple(range(yp.dim()))
        inter = (yt * yp).sum(dims)
        return 1 - 2.0 * inter / (yt.sum(dims) + yp.sum(dims) + eps)
    return fn


def k_tversky(alpha=0.5, beta=0.5, per_sample=False, eps=KERAS_EPS):
    def fn(yt, yp, ex):
        dims = (-1,) if per_sample else tuple(range(yp.dim()))
        # After keras-team/keras#23333 (2026-07, in the spec's snapshot): inputs = y_pred,
        # targets = y_true, so α weights the false positives Σ(1 − y)ŷ and β the false
        # negatives Σy(1 − ŷ). Older Keras 3 releases had the two swapped.
        inter = (yp * yt).sum(dims)
        fp = ((1 - yt) * yp).sum(dims)
        fn_ = (yt * (1 - yp)).sum(dims)
        return 1 - inter / (inter + fp * alpha + fn_ * beta + eps)
    return fn


def k_gce(q):
    """(1 − p_t^q)/q with the (B, 1) labels used as class indices (the documented intent; Keras'
    own code would broadcast a (B, 1) one-hot against (B, K) to (B, B))."""
    def fn(yt, yp, ex):
        p = (yp * T(onehot(yt.detach().numpy(), yp.shape[-1]))).sum(-1)
        return (1 - p ** q) / q
    return fn


def convert_hinge_labels(yt):
    is_binary = bool(((yt == 0) | (yt == 1)).all())
    return 2.0 * yt - 1.0 if is_binary else yt


def k_hinge(yt, yp, ex):
    y = convert_hinge_labels(yt)
    return torch.clamp(1.0 - y * yp, min=0.0).mean(-1)


def k_squared_hinge(yt, yp, ex):
    y = convert_hinge_labels(yt)
    return (torch.clamp(1.0 - y * yp, min=0.0) ** 2).mean(-1)


def k_categorical_hinge(yt, yp, ex):
    pos = (yt * yp).sum(-1)
    neg = ((1.0 - yt) * yp).max(-1).values  # no ties in the probes (TF splits ties evenly)
    return torch.clamp(neg - pos + 1.0, min=0.0)


# ----------------------------------------------------------------------------------------------
# Regression
# ----------------------------------------------------------------------------------------------


def regression():
    y = rnd(3, 3)
    # off every threshold used below: 0 (|r|, sign), ±0.5, ±0.7, ±1, ±2 (Huber / smooth L1)
    p = draw(lambda: rnd(3, 3), lambda p: clear(p - y, [0.0, -0.5, 0.5, -0.7, 0.7, -1.0, 1.0,
                                                        -2.0, 2.0], 1e-2))
    w3 = [0.7, 1.3, 0.25]

    keras("mse 3×3", "mean_squared_error", {}, k_mse, y, p)
    keras("mse sample_weight mean_with_sample_weight", "mean_squared_error", {}, k_mse, y, p,
          sample_weight=w3, reduction="mean_with_sample_weight")
    keras("mae 3×3 sum", "mean_absolute_error", {}, k_mae, y, p, reduction="sum")
    keras("mae sample_weight none", "mean_absolute_error", {}, k_mae, y, p, sample_weight=w3,
          reduction="none")
    y0 = y.copy()
    y0[0, 1] = 0.0  # denominator ε: 1e9·|ŷ|, huge but finite
    keras("mape with y=0 (ε denominator)", "mean_absolute_percentage_error", {},
          k_mape(), y0, p)
    ys = np.array([[2e-4, -5e-4, 1.5], [3.0, -0.0004, 0.8]])
    keras("mape epsilon=1e-3 (|y| < ε uses ε), sum", "mean_absolute_percentage_error",
          {"epsilon": 1e-3}, k_mape(1e-3), ys, rnd(2, 3), reduction="sum")
    yp_pos = rnd(3, 3, lo=0.1, hi=3.0)
    pp_pos = rnd(3, 3, lo=0.1, hi=3.0)
    keras("msle positive", "mean_squared_logarithmic_error", {}, k_msle(), yp_pos, pp_pos)
    pn = pp_pos.copy()
    pn[0, 0], pn[1, 2] = -0.5, -1.3  # clipped to ε: zero gradient (far from the clip point)
    keras("msle ŷ<0 clipped to ε, sample_weight sum", "mean_squared_logarithmic_error", {},
          k_msle(), yp_pos, pn, sample_weight=w3, reduction="sum")
    keras("log_cosh 3×3", "log_cosh", {}, k_log_cosh, y, p)
    keras("log_cosh large |r| (overflow-safe form) sum", "log_cosh", {}, k_log_cosh,
          [[0.0, 0.0], [1.0, -2.0]], [[400.0, -400.0], [30.5, 0.25]], reduction="sum")
    keras("huber δ=1 both regions", "huber", {}, k_huber(1.0), y, p)
    keras("huber δ=0.7 sample_weight mean_with_sample_weight", "huber", {"delta": 0.7},
          k_huber(0.7), y, p, sample_weight=w3, reduction="mean_with_sample_weight")

    def t_smooth_l1(beta):
        return lambda yt, yp, ex, red: F.smooth_l1_loss(yp, yt, beta=beta, reduction=red)
    torch_case("smooth_l1 β=1 mean", "smooth_l1", {}, t_smooth_l1(1.0), y, p)
    away(p - y, [-0.5, 0.5])
    torch_case("smooth_l1 β=0.5 sum", "smooth_l1", {"beta": 0.5}, t_smooth_l1(0.5), y, p,
               reduction="sum")
    torch_case("smooth_l1 β=0 (L1 values) none", "smooth_l1", {"beta": 0.0}, t_smooth_l1(0.0),
               y, p, reduction="none")
    torch_case("torch_mse mean", "torch_mse", {},
               lambda yt, yp, ex, red: F.mse_loss(yp, yt, reduction=red), y, p)
    torch_case("torch_mse none", "torch_mse", {},
               lambda yt, yp, ex, red: F.mse_loss(yp, yt, reduction=red), y, p, reduction="none")
    torch_case("torch_l1 mean", "torch_l1", {},
               lambda yt, yp, ex, red: F.l1_loss(yp, yt, reduction=red), y, p)
    torch_case("torch_l1 sum", "torch_l1", {},
               lambda yt, yp, ex, red: F.l1_loss(yp, yt, reduction=red), y, p, reduction="sum")
    torch_case("torch_huber δ=1 mean", "torch_huber", {},
               lambda yt, yp, ex, red: F.huber_loss(yp, yt, delta=1.0, reduction=red), y, p)
    p_wide = draw(lambda: rnd(3, 3, lo=-4.0, hi=4.0),
                  lambda q: clear(q - y, [0.0, -2.0, 2.0], 1e-2) and np.abs(q - y).max() > 2.5)
    torch_case("torch_huber δ=2 sum (both regions)", "torch_huber", {"delta": 2.0},
               lambda yt, yp, ex, red: F.huber_loss(yp, yt, delta=2.0, reduction=red), y, p_wide,
               reduction="sum")

    keras("cosine_similarity 3×3", "cosine_similarity", {}, k_cosine(), y, p)
    keras("cosine_similarity zero ŷ row (Σŷ² < ε², gradient −u/ε) and zero y row, sum",
          "cosine_similarity", {}, k_cosine(), [[1.0, 2.0, -0.5], [0.0, 0.0, 0.0], [0.3, 0.1, 0.2]],
          [[0.0, 0.0, 0.0], [0.4, -0.2, 1.0], [0.5, -0.7, 0.9]], reduction="sum")
    keras("cosine_similarity epsilon=0.01 tiny ŷ (ε² branch)", "cosine_similarity",
          {"epsilon": 0.01}, k_cosine(0.01), [[1.0, 2.0], [0.5, -1.0]],
          [[2e-3, -3e-3], [0.4, 0.3]])

    keras("temperature_mse T=0.6", "temperature_mse", {"temperature": 0.6},
          k_temperature_mse(0.6), y, p)
    keras("temperature_mse T=2.5 sample_weight sum", "temperature_mse", {"temperature": 2.5},
          k_temperature_mse(2.5), y, p, sample_weight=w3, reduction="sum")
    keras("rmse_batch (scalar, returned unchanged)", "rmse_batch", {}, k_rmse_batch, y, p)
    keras("rmse_batch sample_weight sum (scalar broadcast against the weights)", "rmse_batch",
          {}, k_rmse_batch, y, p, sample_weight=w3, reduction="sum")
    keras("rmse_per_sample", "rmse_per_sample", {}, k_rmse_per_sample, y, p)
    keras("rmse_per_sample none", "rmse_per_sample", {}, k_rmse_per_sample, y, p,
          reduction="none")

    # sklearn _mean_tweedie_deviance, per element; ℓ_i = mean over the last axis.
    def tweedie(power):
        def fn(yt, mu, ex):
            if power == 0:
                dev = (yt - mu) ** 2
            elif power == 1:
                # sklearn's xlogy(y, y/μ), split so autograd's ∂/∂μ = −y/μ is 0 at y = 0
                dev = 2 * (torch.xlogy(yt, yt) - yt * torch.log(mu) - yt + mu)
            elif power == 2:
                dev = 2 * (torch.log(mu / yt) + yt / mu - 1)
            else:
                y_ = torch.clamp(yt, min=0) if power < 0 else yt
                dev = 2 * (y_ ** (2 - power) / ((1 - power) * (2 - power))
                           - yt * mu ** (1 - power) / (1 - power) + mu ** (2 - power) / (2 - power))
            return dev.mean(-1)
        return fn
    yt_pos = rnd(3, 3, lo=0.2, hi=3.0)
    mu = rnd(3, 3, lo=0.2, hi=3.0)
    yt_zero = yt_pos.copy()
    yt_zero[1, 1] = 0.0
    reference_keras = dict(source="reference-formula")
    keras("tweedie_deviance p=1.5 (compound Poisson-gamma), y with a 0", "tweedie_deviance", {},
          tweedie(1.5), yt_zero, mu, **reference_keras)
    keras("tweedie_deviance p=1 (Poisson, xlogy) sum", "tweedie_deviance", {"power": 1.0},
          tweedie(1), yt_zero, mu, reduction="sum", **reference_keras)
    keras("tweedie_deviance p=2 (gamma)", "tweedie_deviance", {"power": 2.0}, tweedie(2),
          yt_pos, mu, **reference_keras)
    keras("tweedie_deviance p=3 (inverse Gaussian) none", "tweedie_deviance", {"power": 3.0},
          tweedie(3), yt_pos, mu, reduction="none", **reference_keras)
    keras("tweedie_deviance p=0 (normal) with negative y", "tweedie_deviance", {"power": 0.0},
          tweedie(0), y, p, **reference_keras)
    keras("tweedie_deviance p=-1.5 (max(y,0) term)", "tweedie_deviance", {"power": -1.5},
          tweedie(-1.5), y, mu, **reference_keras)

    # Keras docstrings (tf.keras class docstrings; Keras 3 function docstrings).
    a_t, a_p = [[0.0, 1.0], [0.0, 0.0]], [[1.0, 1.0], [1.0, 0.0]]
    for loss, fn, out in (("mean_squared_error", k_mse, ("0.5", "0.25", "1.0", ["0.5", "0.5"])),
                          ("mean_absolute_error", k_mae, ("0.5", "0.25", "1.0", ["0.5", "0.5"]))):
        short = "mse" if loss == "mean_squared_error" else "mae"
        docstring(f"{short} docstring 0.5", loss, {}, fn, a_t, a_p, out[0])
        docstring(f"{short} docstring sample_weight [0.7, 0.3] → 0.25", loss, {}, fn, a_t, a_p,
                  out[1], sample_weight=[0.7, 0.3])
        docstring(f"{short} docstring sum → 1.0", loss, {}, fn, a_t, a_p, out[2], reduction="sum")
        docstring(f"{short} docstring none → [0.5, 0.5]", loss, {}, fn, a_t, a_p, out[3],
                  reduction="none")
    m_t, m_p = [[2.0, 1.0], [2.0, 3.0]], [[1.0, 1.0], [1.0, 0.0]]
    docstring("mape docstring 50", "mean_absolute_percentage_error", {}, k_mape(), m_t, m_p, "50.")
    docstring("mape docstring sample_weight [0.7, 0.3] → 20", "mean_absolute_percentage_error",
              {}, k_mape(), m_t, m_p, "20.", sample_weight=[0.7, 0.3])
    docstring("mape docstring sum → 100", "mean_absolute_percentage_error", {}, k_mape(), m_t,
              m_p, "100.", reduction="sum")
    docstring("mape docstring none → [25, 75]", "mean_absolute_percentage_error", {}, k_mape(),
              m_t, m_p, ["25.", "75."], reduction="none")
    docstring("msle docstring 0.240", "mean_squared_logarithmic_error", {}, k_msle(), a_t, a_p,
              "0.240")
    docstring("msle docstring sample_weight [0.7, 0.3] → 0.120",
              "mean_squared_logarithmic_error", {}, k_msle(), a_t, a_p, "0.120",
              sample_weight=[0.7, 0.3])
    docstring("msle docstring sum → 0.480", "mean_squared_logarithmic_error", {}, k_msle(), a_t,
              a_p, "0.480", reduction="sum")
    docstring("msle docstring none → [0.240, 0.240]", "mean_squared_logarithmic_error", {},
              k_msle(), a_t, a_p, ["0.240", "0.240"], reduction="none")
    h_t, h_p = [[0.0, 1.0], [0.0, 0.0]], [[0.6, 0.4], [0.4, 0.6]]
    docstring("huber docstring 0.155", "huber", {}, k_huber(), h_t, h_p, "0.155")
    docstring("huber docstring sample_weight [1, 0] → 0.09", "huber", {}, k_huber(), h_t, h_p,
              "0.09", sample_weight=[1.0, 0.0])
    docstring("huber docstring sum → 0.31", "huber", {}, k_huber(), h_t, h_p, "0.31",
              reduction="sum")
    docstring("huber docstring none → [0.18, 0.13]", "huber", {}, k_huber(), h_t, h_p,
              ["0.18", "0.13"], reduction="none")
    l_t, l_p = [[0.0, 1.0], [0.0, 0.0]], [[1.0, 1.0], [0.0, 0.0]]
    docstring("log_cosh docstring 0.108", "log_cosh", {}, k_log_cosh, l_t, l_p, "0.108")
    docstring("log_cosh docstring sample_weight [0.8, 0.2] → 0.087", "log_cosh", {}, k_log_cosh,
              l_t, l_p, "0.087", sample_weight=[0.8, 0.2])
    docstring("log_cosh docstring sum → 0.217", "log_cosh", {}, k_log_cosh, l_t, l_p, "0.217",
              reduction="sum")
    docstring("log_cosh docstring none → [0.217, 0]", "log_cosh", {}, k_log_cosh, l_t, l_p,
              ["0.217", "0."], reduction="none")
    docstring("cosine_similarity docstring (Keras 3) none → [-0, -0.99999994, 0.99999994]",
              "cosine_similarity", {}, k_cosine(), [[0.0, 1.0], [1.0, 1.0], [1.0, 1.0]],
              [[1.0, 0.0], [1.0, 1.0], [-1.0, -1.0]], ["-0.", "-0.99999994", "0.99999994"],
              reduction="none")
    c_t, c_p = [[0.0, 1.0], [1.0, 1.0]], [[1.0, 0.0], [1.0, 1.0]]
    docstring("cosine_similarity docstring -0.5", "cosine_similarity", {}, k_cosine(), c_t, c_p,
              "-0.5")
    docstring("cosine_similarity docstring sample_weight [0.8, 0.2] → -0.0999",
              "cosine_similarity", {}, k_cosine(), c_t, c_p, "-0.0999", sample_weight=[0.8, 0.2])
    docstring("cosine_similarity docstring sum → -0.999", "cosine_similarity", {}, k_cosine(),
              c_t, c_p, "-0.999", reduction="sum")


# ----------------------------------------------------------------------------------------------
# Probabilistic classification / likelihood
# ----------------------------------------------------------------------------------------------


def probabilistic():
    t01 = np.array([[0.0, 1.0, 1.0], [1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])
    tsoft = probs(3, 3, lo=0.0, hi=1.0)
    pb = probs(3, 3)
    w3 = [0.4, 1.0, 2.5]

    # binary_crossentropy
    pclip = pb.copy()
    pclip[0, 0], pclip[1, 0] = 0.0, 1.0  # clipped to ε, 1 − ε: zero gradient there
    keras("bce probabilities, p=0 and p=1 clipped (zero gradient)", "binary_crossentropy", {},
          k_bce(), t01, pclip)
    z = rnd(3, 3, lo=-4.0, hi=4.0)
    keras("bce from_logits label_smoothing=0.2", "binary_crossentropy",
          {"from_logits": True, "label_smoothing": 0.2}, k_bce(True, 0.2), t01, z)
    keras("bce probabilities soft targets label_smoothing=0.1 sample_weight "
          "mean_with_sample_weight", "binary_crossentropy", {"label_smoothing": 0.1},
          k_bce(False, 0.1), tsoft, pb, sample_weight=w3, reduction="mean_with_sample_weight")
    keras("bce from_logits epsilon=1e-3 (unused with logits) none", "binary_crossentropy",
          {"from_logits": True, "epsilon": 1e-3}, k_bce(True), tsoft, z, reduction="none")
    b_t, b_p = [[0.0, 1.0], [0.0, 0.0]], [[0.6, 0.4], [0.4, 0.6]]
    docstring("bce docstring 0.815", "binary_crossentropy", {}, k_bce(), b_t, b_p, "0.815")
    docstring("bce docstring sample_weight [1, 0] → 0.458", "binary_crossentropy", {}, k_bce(),
              b_t, b_p, "0.458", sample_weight=[1.0, 0.0])
    docstring("bce docstring sum → 1.630", "binary_crossentropy", {}, k_bce(), b_t, b_p, "1.630",
              reduction="sum")
    docstring("bce docstring none → [0.916, 0.714]", "binary_crossentropy", {}, k_bce(), b_t,
              b_p, ["0.916", "0.714"], reduction="none")
    bl_t, bl_p = [[0.0, 1.0], [0.0, 0.0]], [[-18.6, 0.51], [2.94, -12.8]]
    logits = {"from_logits": True}
    docstring("bce from_logits docstring 1×4 → 0.8654", "binary_crossentropy", logits,
              k_bce(True), [[0.0, 1.0, 0.0, 0.0]], [[-18.6, 0.51, 2.94, -12.8]], "0.8654")
    docstring("bce from_logits docstring 2×2 → 0.8654", "binary_crossentropy", logits,
              k_bce(True), bl_t, bl_p, "0.8654")
    docstring("bce from_logits docstring sample_weight [0.8, 0.2] → 0.243",
              "binary_crossentropy", logits, k_bce(True), bl_t, bl_p, "0.243",
              sample_weight=[0.8, 0.2])
    docstring("bce from_logits docstring sum → 1.730", "binary_crossentropy", logits,
              k_bce(True), bl_t, bl_p, "1.730", reduction="sum")
    docstring("bce from_logits docstring none → [0.235, 1.496]", "binary_crossentropy", logits,
              k_bce(True), bl_t, bl_p, ["0.235", "1.496"], reduction="none")

    # categorical_crossentropy
    k = 4
    lab = [2, 0, 3]
    oh = onehot(lab, k)
    praw = probs(3, k, lo=0.1, hi=1.5)  # unnormalised rows: the 1/S normalisation is exercised
    keras("cce probabilities, rows not summing to 1", "categorical_crossentropy", {}, k_cce(),
          oh, praw)
    zl = rnd(3, k, lo=-3.0, hi=3.0)
    keras("cce from_logits label_smoothing=0.1", "categorical_crossentropy",
          {"from_logits": True, "label_smoothing": 0.1}, k_cce(True, 0.1), oh, zl)
    pz = praw.copy()
    pz[1, 2] = 0.0  # normalised to 0 < ε: clipped, only the normalisation reaches it
    keras("cce probabilities with a 0 entry (clipped) label_smoothing=0.2 sample_weight sum",
          "categorical_crossentropy", {"label_smoothing": 0.2}, k_cce(False, 0.2), oh, pz,
          sample_weight=w3, reduction="sum")
    keras("cce from_logits none", "categorical_crossentropy", {"from_logits": True},
          k_cce(True), oh, zl, reduction="none")
    c_t, c_p = [[0.0, 1.0, 0.0], [0.0, 0.0, 1.0]], [[0.05, 0.95, 0.0], [0.1, 0.8, 0.1]]
    docstring("cce docstring 1.177", "categorical_crossentropy", {}, k_cce(), c_t, c_p, "1.177")
    docstring("cce docstring sample_weight [0.3, 0.7] → 0.814", "categorical_crossentropy", {},
              k_cce(), c_t, c_p, "0.814", sample_weight=[0.3, 0.7])
    docstring("cce docstring sum → 2.354", "categorical_crossentropy", {}, k_cce(), c_t, c_p,
              "2.354", reduction="sum")
    docstring("cce docstring none → [0.0513, 2.303]", "categorical_crossentropy", {}, k_cce(),
              c_t, c_p, ["0.0513", "2.303"], reduction="none")

    # sparse_categorical_crossentropy (labels as a (B, 1) column)
    labs = [1, 0, 2, 2]
    ps = simplex(4, 3)
    keras("sparse cce probabilities (rows sum to 1)", "sparse_categorical_crossentropy", {},
          k_scce(), col(labs), ps)
    zs = rnd(4, 3, lo=-3.0, hi=3.0)
    keras("sparse cce from_logits sample_weight", "sparse_categorical_crossentropy",
          {"from_logits": True}, k_scce(True), col(labs), zs, sample_weight=[1.0, 0.5, 2.0, 0.25])
    keras("sparse cce from_logits ignore_class=2 (mean over the valid rows)",
          "sparse_categorical_crossentropy", {"from_logits": True, "ignore_class": 2},
          k_scce(True, 2), col(labs), zs)
    keras("sparse cce from_logits ignore_class=0 sum", "sparse_categorical_crossentropy",
          {"from_logits": True, "ignore_class": 0}, k_scce(True, 0), col(labs), zs,
          reduction="sum")
    keras("sparse cce probabilities ignore_class=1 mean_with_sample_weight sample_weight",
          "sparse_categorical_crossentropy", {"ignore_class": 1}, k_scce(False, 1), col(labs), ps,
          sample_weight=[2.0, 1.0, 0.5, 1.5], reduction="mean_with_sample_weight")
    s_t = col([1, 2])
    docstring("sparse cce docstring 1.177", "sparse_categorical_crossentropy", {}, k_scce(), s_t,
              c_p, "1.177")
    docstring("sparse cce docstring sample_weight [0.3, 0.7] → 0.814",
              "sparse_categorical_crossentropy", {}, k_scce(), s_t, c_p, "0.814",
              sample_weight=[0.3, 0.7])
    docstring("sparse cce docstring sum → 2.354", "sparse_categorical_crossentropy", {}, k_scce(),
              s_t, c_p, "2.354", reduction="sum")
    docstring("sparse cce docstring none → [0.0513, 2.303]", "sparse_categorical_crossentropy",
              {}, k_scce(), s_t, c_p, ["0.0513", "2.303"], reduction="none")

    # binary_focal_crossentropy
    keras("binary focal γ=2 probabilities", "binary_focal_crossentropy", {}, k_binary_focal(),
          t01, pb)
    keras("binary focal balanced α=0.4 γ=1.5 from_logits", "binary_focal_crossentropy",
          {"apply_class_balancing": True, "alpha": 0.4, "gamma": 1.5, "from_logits": True},
          k_binary_focal(1.5, 0.4, True, True), t01, z)
    keras("binary focal γ=3 label_smoothing=0.1 sum", "binary_focal_crossentropy",
          {"gamma": 3.0, "label_smoothing": 0.1}, k_binary_focal(3.0, ls=0.1), t01, pb,
          reduction="sum")
    keras("binary focal γ=0 (plain BCE) balanced α=0.7 sample_weight none",
          "binary_focal_crossentropy", {"gamma": 0.0, "apply_class_balancing": True, "alpha": 0.7},
          k_binary_focal(0.0, 0.7, True), tsoft, pb, sample_weight=w3, reduction="none")
    docstring("binary focal docstring γ=2 none → [0.330, 0.206]", "binary_focal_crossentropy",
              {"gamma": 2.0}, k_binary_focal(2.0), b_t, b_p, ["0.330", "0.206"],
              reduction="none")
    fl = dict(from_logits=True)
    bf_1x4 = ([[0.0, 1.0, 0.0, 0.0]], [[-18.6, 0.51, 2.94, -12.8]])
    docstring("binary focal from_logits docstring 1×4 γ=2 → 0.691", "binary_focal_crossentropy",
              {"gamma": 2.0, "from_logits": True}, k_binary_focal(2.0, **fl), *bf_1x4, "0.691")
    docstring("binary focal from_logits docstring 1×4 balanced γ=2 → 0.51",
              "binary_focal_crossentropy",
              {"apply_class_balancing": True, "gamma": 2.0, "from_logits": True},
              k_binary_focal(2.0, balancing=True, **fl), *bf_1x4, "0.51")
    for gamma, bal, sw, red, out in ((3.0, False, None, None, "0.647"),
                                     (3.0, True, None, None, "0.482"),
                                     (3.0, False, [0.8, 0.2], None, "0.133"),
                                     (3.0, True, [0.8, 0.2], None, "0.097"),
                                     (4.0, False, None, "sum", "1.222"),
                                     (4.0, True, None, "sum", "0.914"),
                                     (5.0, False, None, "none", ["0.0017", "1.1561"]),
                                     (5.0, True, None, "none", ["0.0004", "0.8670"])):
        params = {"gamma": gamma, "from_logits": True}
        if bal:
            params["apply_class_balancing"] = True
        shown = out if isinstance(out, str) else "[" + ", ".join(out) + "]"
        label = (f"binary focal from_logits docstring 2×2 γ={gamma:g}"
                 + (" balanced" if bal else "") + (" sample_weight [0.8, 0.2]" if sw else "")
                 + (f" {red}" if red else "") + f" → {shown}")
        docstring(label, "binary_focal_crossentropy", params,
                  k_binary_focal(gamma, balancing=bal, **fl), bl_t, bl_p, out,
                  sample_weight=sw, reduction=red)

    # categorical_focal_crossentropy
    keras("categorical focal γ=2 α=0.25 probabilities (unnormalised rows)",
          "categorical_focal_crossentropy", {}, k_categorical_focal(), oh, praw)
    keras("categorical focal from_logits γ=1.5 α=0.5", "categorical_focal_crossentropy",
          {"from_logits": True, "gamma": 1.5, "alpha": 0.5},
          k_categorical_focal(0.5, 1.5, True), oh, zl)
    keras("categorical focal label_smoothing=0.1 sample_weight mean_with_sample_weight",
          "categorical_focal_crossentropy", {"label_smoothing": 0.1},
          k_categorical_focal(ls=0.1), oh, praw, sample_weight=w3,
          reduction="mean_with_sample_weight")
    f_p = [[0.05, 0.9, 0.05], [0.1, 0.85, 0.05]]
    docstring("categorical focal docstring (function) none → [2.63401289e-04, 6.75912094e-01]",
              "categorical_focal_crossentropy", {}, k_categorical_focal(), c_t, f_p,
              ["2.63401289e-04", "6.75912094e-01"], reduction="none")
    docstring("categorical focal docstring (class) 0.23315276", "categorical_focal_crossentropy",
              {}, k_categorical_focal(), c_t, c_p, "0.23315276")
    docstring("categorical focal docstring sample_weight [0.3, 0.7] → 0.1632",
              "categorical_focal_crossentropy", {}, k_categorical_focal(), c_t, c_p, "0.1632",
              sample_weight=[0.3, 0.7])
    docstring("categorical focal docstring sum → 0.46631", "categorical_focal_crossentropy", {},
              k_categorical_focal(), c_t, c_p, "0.46631", reduction="sum")
    docstring("categorical focal docstring none → [3.2058331e-05, 4.6627346e-01]",
              "categorical_focal_crossentropy", {}, k_categorical_focal(), c_t, c_p,
              ["3.2058331e-05", "4.6627346e-01"], reduction="none")

    # kl_divergence
    ty = simplex(3, 4)
    py = simplex(3, 4)
    keras("kl_divergence probability rows", "kl_divergence", {}, k_kld(), ty, py)
    ty0 = ty.copy()
    ty0[0, 1] = 0.0  # clipped to ε: contributes ε log(ε/p), not 0
    keras("kl_divergence y=0 entry (ε log(ε/p)) sample_weight sum", "kl_divergence", {}, k_kld(),
          ty0, py, sample_weight=w3, reduction="sum")
    keras("kl_divergence epsilon=1e-3 with y=0 entry", "kl_divergence", {"epsilon": 1e-3},
          k_kld(1e-3), ty0, py)
    docstring("kl_divergence docstring 0.458", "kl_divergence", {}, k_kld(), b_t, b_p, "0.458")
    docstring("kl_divergence docstring sample_weight [0.8, 0.2] → 0.366", "kl_divergence", {},
              k_kld(), b_t, b_p, "0.366", sample_weight=[0.8, 0.2])
    docstring("kl_divergence docstring sum → 0.916", "kl_divergence", {}, k_kld(), b_t, b_p,
              "0.916", reduction="sum")
    docstring("kl_divergence docstring none → [0.916, -3.08e-06]", "kl_divergence", {}, k_kld(),
              b_t, b_p, ["0.916", "-3.08e-06"], reduction="none")

    # poisson
    counts = RNG.poisson(2.0, size=(3, 3)).astype(float)
    rate = rnd(3, 3, lo=0.2, hi=4.0)
    keras("poisson counts", "poisson", {}, k_poisson(), counts, rate)
    keras("poisson sum epsilon=0.01", "poisson", {"epsilon": 0.01}, k_poisson(0.01), counts,
          rate, reduction="sum")
    po_t, po_p = [[0.0, 1.0], [0.0, 0.0]], [[1.0, 1.0], [0.0, 0.0]]
    docstring("poisson docstring 0.5", "poisson", {}, k_poisson(), po_t, po_p, "0.5")
    docstring("poisson docstring sample_weight [0.8, 0.2] → 0.4", "poisson", {}, k_poisson(),
              po_t, po_p, "0.4", sample_weight=[0.8, 0.2])
    docstring("poisson docstring sum → 0.999", "poisson", {}, k_poisson(), po_t, po_p, "0.999",
              reduction="sum")
    docstring("poisson docstring none → [0.999, 0]", "poisson", {}, k_poisson(), po_t, po_p,
              ["0.999", "0."], reduction="none")

    # dice / tversky (axis "all" = Keras axis=None, a scalar; "per_sample" = the non-batch axes)
    mask_t = (RNG.uniform(size=(3, 4)) > 0.5).astype(float)
    mask_p = probs(3, 4)
    keras("dice axis=all (scalar over the batch)", "dice", {}, k_dice(), mask_t, mask_p)
    keras("dice axis=per_sample sum", "dice", {"axis": "per_sample"}, k_dice(True), mask_t,
          mask_p, reduction="sum")
    keras("dice axis=all sample_weight (scalar broadcast)", "dice", {}, k_dice(), mask_t, mask_p,
          sample_weight=w3)
    d_t = [[1.0, 1.0, 0.0, 0.0], [1.0, 1.0, 0.0, 0.0]]  # the docstring's (2, 2, 2, 1) tensors,
    d_p = [[0.0, 1.0, 0.0, 1.0], [0.4, 0.0, 0.0, 0.9]]  # flattened per sample
    docstring("dice docstring axis=(1,2,3) none → [0.5, 0.75757575]", "dice",
              {"axis": "per_sample"}, k_dice(True), d_t, d_p, ["0.5", "0.75757575"],
              reduction="none")
    docstring("dice docstring axis=None → 0.6164384", "dice", {}, k_dice(), d_t, d_p,
              "0.6164384")
    keras("tversky α=β=0.5 axis=all", "tversky", {}, k_tversky(), mask_t, mask_p)
    keras("tversky α=0.3 β=0.7 axis=per_sample none", "tversky",
          {"alpha": 0.3, "beta": 0.7, "axis": "per_sample"}, k_tversky(0.3, 0.7, True), mask_t,
          mask_p, reduction="none")
    keras("tversky α=0.8 β=0.2 axis=per_sample", "tversky",
          {"alpha": 0.8, "beta": 0.2, "axis": "per_sample"}, k_tversky(0.8, 0.2, True), mask_t,
          mask_p)

    # categorical_generalized_cross_entropy
    g_lab = col([0, 1, 0, 1])
    g_p = [[0.7, 0.3], [0.2, 0.8], [0.6, 0.4], [0.4, 0.6]]  # the docstring's input (no value)
    keras("generalized CE q=0.1 (docstring input)", "categorical_generalized_cross_entropy",
          {"q": 0.1}, k_gce(0.1), g_lab, g_p)
    keras("generalized CE q=0.5 3 classes none", "categorical_generalized_cross_entropy", {},
          k_gce(0.5), col([2, 0, 1]), simplex(3, 3), reduction="none")
    keras("generalized CE q=0.8 sample_weight sum", "categorical_generalized_cross_entropy",
          {"q": 0.8}, k_gce(0.8), g_lab, g_p, sample_weight=[1.0, 2.0, 0.5, 1.0], reduction="sum")

    # PyTorch: BCELoss, BCEWithLogitsLoss, CrossEntropyLoss
    def t_bce(yt, yp, ex, red):
        return F.binary_cross_entropy(yp, yt, weight=ex.get("weight"), reduction=red)
    torch_case("torch_bce mean", "torch_bce", {}, t_bce, tsoft, pb)
    wrow = [[0.5, 2.0, 1.0]]
    torch_case("torch_bce weight 1×D sum", "torch_bce", {}, t_bce, t01, pb,
               extras={"weight": wrow}, reduction="sum")
    torch_case("torch_bce weight same shape none", "torch_bce", {}, t_bce, t01, pb,
               extras={"weight": probs(3, 3, lo=0.2, hi=2.0)}, reduction="none")

    def t_bce_logits(yt, yp, ex, red):
        pw = ex.get("pos_weight")
        return F.binary_cross_entropy_with_logits(yp, yt, weight=ex.get("weight"),
                                                  pos_weight=None if pw is None else pw.reshape(-1),
                                                  reduction=red)
    torch_case("torch_bce_logits mean", "torch_bce_logits", {}, t_bce_logits, tsoft, z)
    torch_case("torch_bce_logits weight and pos_weight 1×D sum", "torch_bce_logits", {},
               t_bce_logits, t01, z, extras={"weight": wrow, "pos_weight": [[3.0, 0.5, 1.5]]},
               reduction="sum")
    torch_case("torch_bce_logits pos_weight none", "torch_bce_logits", {}, t_bce_logits, tsoft,
               z, extras={"pos_weight": [[2.0, 1.0, 0.25]]}, reduction="none")
    torch_case("torch_bce_logits pos_weight (D, 1) column sum", "torch_bce_logits", {},
               t_bce_logits, tsoft, z, extras={"pos_weight": [[2.0], [1.0], [0.25]]},
               reduction="sum")

    def t_ce(ignore_index=-100, ls=0.0):
        def fn(yt, yp, ex, red):
            w = ex.get("weight")
            return F.cross_entropy(yp, yt.reshape(-1).long(),
                                   weight=None if w is None else w.reshape(-1),
                                   ignore_index=ignore_index, label_smoothing=ls, reduction=red)
        return fn
    ce_lab = col([2, 0, 3, 1])
    ce_z = rnd(4, 4, lo=-3.0, hi=3.0)
    cw = [[0.5, 2.0, 1.0, 1.5]]
    torch_case("torch_cross_entropy mean", "torch_cross_entropy", {}, t_ce(), ce_lab, ce_z)
    torch_case("torch_cross_entropy weight, ignore_index=0 (weighted mean over kept rows)",
               "torch_cross_entropy", {"ignore_index": 0}, t_ce(0), ce_lab, ce_z,
               extras={"weight": cw})
    torch_case("torch_cross_entropy label_smoothing=0.1 sum", "torch_cross_entropy",
               {"label_smoothing": 0.1}, t_ce(ls=0.1), ce_lab, ce_z, reduction="sum")
    torch_case("torch_cross_entropy weight and label_smoothing=0.2 mean", "torch_cross_entropy",
               {"label_smoothing": 0.2}, t_ce(ls=0.2), ce_lab, ce_z, extras={"weight": cw})
    torch_case("torch_cross_entropy label -100 ignored by default none", "torch_cross_entropy", {},
               t_ce(), col([2, -100, 3, 1]), ce_z, reduction="none")

    # Class-probability targets (PyTorch >= 1.10): y_true of the logits' shape; 'mean' divides
    # by B, not by a weight sum. Class weights also as a (K, 1) column. Fixed data (no RNG
    # draws, so the cases above and below keep theirs).
    def t_ce_prob(ls=0.0):
        def fn(yt, yp, ex, red):
            w = ex.get("weight")
            return F.cross_entropy(yp, yt, weight=None if w is None else w.reshape(-1),
                                   label_smoothing=ls, reduction=red)
        return fn
    ce_p = [[0.1, 0.6, 0.2, 0.1], [0.0, 0.0, 1.0, 0.0], [0.25, 0.25, 0.25, 0.25],
            [0.7, 0.05, 0.05, 0.2]]
    ce_p_soft = [[0.3, 0.9, 0.0, 0.1], [0.5, 0.0, 0.2, 0.0], [0.1, 0.1, 0.1, 0.1],
                 [1.0, 0.5, 0.0, 0.25]]  # rows not summing to 1: torch does not check
    cw_col = [[0.5], [2.0], [1.0], [1.5]]
    for red in ("mean", "sum", "none"):
        torch_case(f"torch_cross_entropy probability targets {red}", "torch_cross_entropy", {},
                   t_ce_prob(), ce_p, ce_z, reduction=red)
        torch_case(f"torch_cross_entropy probability targets, weight, label_smoothing=0.2 {red}",
                   "torch_cross_entropy", {"label_smoothing": 0.2}, t_ce_prob(0.2), ce_p, ce_z,
                   extras={"weight": cw}, reduction=red)
    torch_case("torch_cross_entropy soft targets not summing to 1, weight (K, 1) column, "
               "label_smoothing=0.1 mean", "torch_cross_entropy", {"label_smoothing": 0.1},
               t_ce_prob(0.1), ce_p_soft, ce_z, extras={"weight": cw_col})
    torch_case("torch_cross_entropy labels, weight (K, 1) column mean", "torch_cross_entropy", {},
               t_ce(), ce_lab, ce_z, extras={"weight": cw_col})

    # PyTorch: PoissonNLLLoss, GaussianNLLLoss, KLDivLoss, MultiLabelSoftMarginLoss
    def t_pnll(log_input=True, full=False, eps_=1e-8):
        return lambda yt, yp, ex, red: F.poisson_nll_loss(yp, yt, log_input=log_input, full=full,
                                                          eps=eps_, reduction=red)
    cnt = np.array([[0.0, 1.0, 3.0], [2.0, 5.0, 0.0], [4.0, 1.0, 2.0]])
    torch_case("poisson_nll log_input mean", "poisson_nll", {}, t_pnll(), cnt, rnd(3, 3))
    torch_case("poisson_nll rate input full (Stirling for y>1) sum", "poisson_nll",
               {"log_input": False, "full": True}, t_pnll(False, True), cnt, rate,
               reduction="sum")
    torch_case("poisson_nll log_input full none", "poisson_nll", {"full": True},
               t_pnll(True, True), cnt, rnd(3, 3), reduction="none")
    torch_case("poisson_nll rate input eps=0.1", "poisson_nll", {"log_input": False, "eps": 0.1},
               t_pnll(False, False, 0.1), cnt, rate)

    def t_gnll(full=False, eps_=1e-6):
        return lambda yt, yp, ex, red: F.gaussian_nll_loss(yp, yt, ex["var"], full=full, eps=eps_,
                                                           reduction=red)
    gy = rnd(3, 3)
    gx = rnd(3, 3)
    var = probs(3, 3, lo=0.1, hi=2.0)
    torch_case("gaussian_nll var same shape mean", "gaussian_nll", {}, t_gnll(), gy, gx,
               extras={"var": var}, diff=("var",))
    torch_case("gaussian_nll homoscedastic var B×1 full sum", "gaussian_nll", {"full": True},
               t_gnll(True), gy, gx, extras={"var": [[0.5], [1.5], [0.8]]}, diff=("var",),
               reduction="sum")
    vsmall = var.copy()
    vsmall[1, 1] = 1e-9  # clamped to eps for the value, straight-through gradient (torch)
    torch_case("gaussian_nll var below eps (clamp, straight-through gradient) none",
               "gaussian_nll", {}, t_gnll(), gy, gx, extras={"var": vsmall}, diff=("var",),
               reduction="none")
    torch_case("gaussian_nll eps=0.05 full mean", "gaussian_nll", {"full": True, "eps": 0.05},
               t_gnll(True, 0.05), gy, gx, extras={"var": vsmall}, diff=("var",))

    def t_kldiv(log_target=False):
        return lambda yt, yp, ex, red: F.kl_div(yp, yt, reduction=red, log_target=log_target)
    lq = np.log(simplex(3, 4))
    tq = simplex(3, 4)
    tq0 = tq.copy()
    tq0[2, 0] = 0.0  # xlogy(0, 0) = 0
    torch_case("kl_div batchmean (target with a 0)", "kl_div", {}, t_kldiv(), tq0, lq,
               reduction="batchmean")
    torch_case("kl_div log_target sum", "kl_div", {"log_target": True}, t_kldiv(True),
               np.log(tq), lq, reduction="sum")
    torch_case("kl_div mean (sum / numel)", "kl_div", {}, t_kldiv(), tq, lq)
    torch_case("kl_div none", "kl_div", {}, t_kldiv(), tq0, lq, reduction="none")

    def t_mlsm(yt, yp, ex, red):
        w = ex.get("weight")
        return F.multilabel_soft_margin_loss(yp, yt, weight=None if w is None else w.reshape(-1),
                                             reduction=red)
    ml_t = np.array([[1.0, 0.0, 1.0, 0.0], [0.0, 0.0, 1.0, 1.0], [1.0, 1.0, 0.0, 0.0]])
    ml_x = rnd(3, 4, lo=-3.0, hi=3.0)
    torch_case("multilabel_soft_margin mean", "multilabel_soft_margin", {}, t_mlsm, ml_t, ml_x)
    torch_case("multilabel_soft_margin weight sum", "multilabel_soft_margin", {}, t_mlsm, ml_t,
               ml_x, extras={"weight": [[0.5, 1.0, 2.0, 0.25]]}, reduction="sum")
    torch_case("multilabel_soft_margin weight none", "multilabel_soft_margin", {}, t_mlsm, ml_t,
               ml_x, extras={"weight": [[0.5, 1.0, 2.0, 0.25]]}, reduction="none")


# ----------------------------------------------------------------------------------------------
# Margin classification
# ----------------------------------------------------------------------------------------------


def margin():
    s = rnd(3, 3)
    t01 = np.array([[0.0, 1.0, 1.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
    tpm = 2 * t01 - 1
    away(1 - tpm * s, [0.0])
    keras("hinge {0,1} labels (converted to ±1)", "hinge", {}, k_hinge, t01, s)
    keras("hinge ±1 labels sample_weight mean_with_sample_weight", "hinge", {}, k_hinge, tpm, s,
          sample_weight=[0.5, 1.0, 3.0], reduction="mean_with_sample_weight")
    mixed = np.array([[-1.0, 1.0, 0.0], [1.0, 0.0, -1.0], [0.0, 1.0, 1.0]])
    away(1 - mixed * s, [0.0])
    keras("hinge batch mixing -1 and 0 (not converted; 0 label costs 1) sum", "hinge", {},
          k_hinge, mixed, s, reduction="sum")
    keras("squared_hinge ±1 labels", "squared_hinge", {}, k_squared_hinge, tpm, s)
    keras("squared_hinge {0,1} labels none", "squared_hinge", {}, k_squared_hinge, t01, s,
          reduction="none")
    h_t, h_p = [[0.0, 1.0], [0.0, 0.0]], [[0.6, 0.4], [0.4, 0.6]]
    for loss, fn, outs in (("hinge", k_hinge, ("1.3", "0.55", "2.6", ["1.1", "1.5"])),
                           ("squared_hinge", k_squared_hinge,
                            ("1.86", "0.73", "3.72", ["1.46", "2.26"])),
                           ("categorical_hinge", k_categorical_hinge,
                            ("1.4", "0.6", "2.8", ["1.2", "1.6"]))):
        docstring(f"{loss} docstring {outs[0]}", loss, {}, fn, h_t, h_p, outs[0])
        docstring(f"{loss} docstring sample_weight [1, 0] → {outs[1]}", loss, {}, fn, h_t, h_p,
                  outs[1], sample_weight=[1.0, 0.0])
        docstring(f"{loss} docstring sum → {outs[2]}", loss, {}, fn, h_t, h_p, outs[2],
                  reduction="sum")
        docstring(f"{loss} docstring none → [{', '.join(outs[3])}]", loss, {}, fn, h_t, h_p,
                  outs[3], reduction="none")

    lab = [1, 3, 0, 2]
    oh = onehot(lab, 4)
    sc = np.array([[0.2, 1.1, -0.4, 0.7], [-1.3, 0.25, -0.8, 2.9], [0.45, -0.1, 0.6, -0.9],
                   [-0.6, -0.3, -0.2, -1.4]])
    # Row 1 is comfortably correct (ℓ = 0, away from the hinge), row 3 has every wrong score
    # negative (neg = 0 from the true class's (1 − 1)ŷ term); no ties in any max.
    for i in range(4):
        q = (1 - oh[i]) * sc[i]
        top = np.sort(q)[-2:]
        assert top[1] - top[0] > 1e-3
        assert abs(q.max() - (oh[i] * sc[i]).sum() + 1) > 1e-3
    keras("categorical_hinge one-hot (a zero-loss row, an all-negative row)", "categorical_hinge",
          {}, k_categorical_hinge, oh, sc)
    keras("categorical_hinge sample_weight sum", "categorical_hinge", {}, k_categorical_hinge, oh,
          sc, sample_weight=[1.0, 0.5, 2.0, 1.5], reduction="sum")

    def t_soft_margin(yt, yp, ex, red):
        return F.soft_margin_loss(yp, yt, reduction=red)
    torch_case("soft_margin mean", "soft_margin", {}, t_soft_margin, tpm, s * 2)
    torch_case("soft_margin sum", "soft_margin", {}, t_soft_margin, tpm, s, reduction="sum")
    torch_case("soft_margin none", "soft_margin", {}, t_soft_margin, tpm, s * 3, reduction="none")


# ----------------------------------------------------------------------------------------------
# Metric learning
# ----------------------------------------------------------------------------------------------


def metric_learning():
    x1 = rnd(3, 3)
    x2 = rnd(3, 3)
    ypm = np.array([[1.0, -1.0, 1.0], [-1.0, -1.0, 1.0], [1.0, 1.0, -1.0]])

    def t_mr(m):
        return lambda yt, yp, ex, red: F.margin_ranking_loss(yp, ex["input2"], yt, margin=m,
                                                             reduction=red)
    away(-ypm * (x1 - x2), [0.0])
    torch_case("margin_ranking margin=0 mean", "margin_ranking", {}, t_mr(0.0), ypm, x1,
               extras={"input2": x2}, diff=("input2",))
    away(-ypm * (x1 - x2) + 0.3, [0.0])
    torch_case("margin_ranking margin=0.3 sum", "margin_ranking", {"margin": 0.3}, t_mr(0.3), ypm,
               x1, extras={"input2": x2}, diff=("input2",), reduction="sum")

    def t_he(m):
        return lambda yt, yp, ex, red: F.hinge_embedding_loss(yp, yt, margin=m, reduction=red)
    dist = rnd(3, 3, lo=0.0, hi=3.0)
    away(1.0 - dist, [0.0])
    torch_case("hinge_embedding margin=1 mean", "hinge_embedding", {}, t_he(1.0), ypm, dist)
    away(2.0 - dist, [0.0])
    torch_case("hinge_embedding margin=2 none", "hinge_embedding", {"margin": 2.0}, t_he(2.0),
               ypm, dist, reduction="none")
    y0 = ypm.copy()
    y0[1, 1] = 0.0  # neither ±1: torch applies both terms
    torch_case("hinge_embedding label 0 gets both terms sum", "hinge_embedding", {}, t_he(1.0),
               y0, dist, reduction="sum")

    def t_ce(m):
        return lambda yt, yp, ex, red: F.cosine_embedding_loss(yp, ex["input2"], yt.reshape(-1),
                                                               margin=m, reduction=red)
    e1 = rnd(4, 3)
    e2 = rnd(4, 3)
    cy = col([1, -1, -1, 1])
    cosines = F.cosine_similarity(T(e1), T(e2), dim=-1, eps=0).numpy()
    away(cosines[[1, 2]], [0.0, -0.2, 0.1], what="cosine margin")
    torch_case("cosine_embedding margin=0 mean", "cosine_embedding", {}, t_ce(0.0), cy, e1,
               extras={"input2": e2}, diff=("input2",))
    torch_case("cosine_embedding margin=-0.2 sum", "cosine_embedding", {"margin": -0.2},
               t_ce(-0.2), cy, e1, extras={"input2": e2}, diff=("input2",), reduction="sum")
    torch_case("cosine_embedding margin=0.1 none", "cosine_embedding", {"margin": 0.1}, t_ce(0.1),
               cy, e1, extras={"input2": e2}, diff=("input2",), reduction="none")

    def t_tm(m=1.0, p=2.0, eps=1e-6, swap=False):
        return lambda yt, yp, ex, red: F.triplet_margin_loss(yp, ex["positive"], ex["negative"],
                                                             margin=m, p=p, eps=eps, swap=swap,
                                                             reduction=red)
    an = rnd(4, 3)
    pos = np.round(an + RNG.normal(scale=0.4, size=(4, 3)), 3)
    neg = rnd(4, 3)
    tri = dict(extras={"positive": pos, "negative": neg}, diff=("positive", "negative"))
    for m, p, eps, swap in ((1.0, 2.0, 1e-6, False), (0.5, 1.5, 1e-6, True),
                            (1.0, 1.0, 0.01, False)):
        d_ap = F.pairwise_distance(T(an), T(pos), p=p, eps=eps).numpy()
        d_an = F.pairwise_distance(T(an), T(neg), p=p, eps=eps).numpy()
        d_pn = F.pairwise_distance(T(pos), T(neg), p=p, eps=eps).numpy()
        d_neg = np.minimum(d_an, d_pn) if swap else d_an
        away(m + d_ap - d_neg, [0.0], what="triplet hinge")
        if swap:
            away(d_pn - d_an, [0.0], what="swap tie")
        for u, v in ((an, pos), (an, neg), (pos, neg)):
            away(u - v + eps, [0.0], 1e-4, what="zero component of the difference")
    torch_case("triplet_margin p=2 mean", "triplet_margin", {}, t_tm(), None, an, **tri)
    torch_case("triplet_margin p=1.5 swap margin=0.5 sum", "triplet_margin",
               {"p": 1.5, "swap": True, "margin": 0.5}, t_tm(0.5, 1.5, swap=True), None, an,
               reduction="sum", **tri)
    torch_case("triplet_margin p=1 eps=0.01 none", "triplet_margin", {"p": 1.0, "eps": 0.01},
               t_tm(1.0, 1.0, 0.01), None, an, reduction="none", **tri)

    # contrastive (TFA: y = 1 similar; paper: Y = 0 similar, halved), Keras reductions.
    def contrastive(m=1.0, paper=False, embeddings=False):
        def fn(yt, yp, ex):
            y = yt.reshape(-1)
            d = torch.sqrt(((yp - ex["input2"]) ** 2).sum(-1)) if embeddings else yp.reshape(-1)
            similar = 1 - y if paper else y
            out = similar * d ** 2 + (1 - similar) * torch.clamp(m - d, min=0.0) ** 2
            return 0.5 * out if paper else out
        return fn
    dd = [[0.3], [1.4], [0.75], [2.2]]
    cl = col([1, 0, 0, 1])
    away(np.array(dd) - 1.0, [0.0])
    ref = dict(source="reference-formula")
    keras("contrastive tfa distances", "contrastive", {}, contrastive(), cl, dd, **ref)
    away(np.array(dd) - 2.0, [0.0])
    keras("contrastive paper margin=2 distances sum", "contrastive",
          {"margin": 2.0, "convention": "paper"}, contrastive(2.0, True), cl, dd, reduction="sum",
          **ref)
    ea = rnd(4, 3)
    eb = np.round(ea + RNG.normal(scale=0.8, size=(4, 3)), 3)
    away(np.sqrt(((ea - eb) ** 2).sum(-1)), [1.0, 1.5], what="contrastive margin")
    keras("contrastive tfa embeddings margin=1.5 (d = ‖e1 − e2‖)", "contrastive",
          {"margin": 1.5}, contrastive(1.5, embeddings=True), cl, ea, extras={"input2": eb},
          diff=("input2",), **ref)
    keras("contrastive paper embeddings sample_weight none", "contrastive",
          {"convention": "paper"}, contrastive(1.0, True, True), cl, ea, extras={"input2": eb},
          diff=("input2",), sample_weight=[1.0, 2.0, 0.5, 1.0], reduction="none", **ref)


# ----------------------------------------------------------------------------------------------
# Robust losses (reference formulas)
# ----------------------------------------------------------------------------------------------


def ceres_rho(name, s, a=None, b=None):
    """ρ(s) of Ceres' loss_function.cc (the value; ρ′ follows by autograd)."""
    if name == "trivial":
        return s
    if name == "huber":
        return torch.where(s > a * a, 2 * a * torch.sqrt(s) - a * a, s)
    if name == "soft_l1":
        return 2 * a * a * (torch.sqrt(1 + s / (a * a)) - 1)
    if name == "cauchy":
        return a * a * torch.log1p(s / (a * a))
    if name == "arctan":
        return a * torch.atan2(s, torch.full_like(s, a))
    if name == "tolerant":
        c0 = b * math.log1p(math.exp(-a / b))
        x = (s - a) / b
        return torch.where(x > 36.7, s - a - c0, b * torch.log1p(torch.exp(x)) - c0)
    if name == "tukey":
        a2 = a * a
        return torch.where(s <= a2, a2 / 3 * (1 - (1 - s / a2) ** 3), torch.full_like(s, a2 / 3))
    raise ValueError(name)


def robust():
    ref = dict(source="reference-formula")
    y = rnd(4, 2)
    p = rnd(4, 2)
    y1 = rnd(4, 1)
    p1 = rnd(4, 1)

    def ceres(name, a=None, b=None, scale=None):
        def fn(yt, yp, ex):
            s = ((yp - yt) ** 2).sum(-1)
            rho = ceres_rho(name, s, a, b)
            return 0.5 * (rho if scale is None else scale * rho)
        return fn

    def sq(yt, yp):
        return ((np.asarray(yp) - np.asarray(yt)) ** 2).sum(-1)

    keras("ceres_trivial 4×2 (ℓ = ½‖r‖²)", "ceres_trivial", {}, ceres("trivial"), y, p, **ref)
    keras("ceres_trivial 4×1 sum", "ceres_trivial", {}, ceres("trivial"), y1, p1, reduction="sum",
          **ref)
    away(sq(y, p), [1.0, 0.49, 1.21, 2.25], what="Huber/Tukey region boundary")
    away(sq(y1, p1), [0.49], what="Huber region boundary")
    keras("ceres_huber a=1 4×2 (both regions)", "ceres_huber", {}, ceres("huber", 1.0), y, p,
          **ref)
    keras("ceres_huber a=0.7 4×1 sum", "ceres_huber", {"a": 0.7}, ceres("huber", 0.7), y1, p1,
          reduction="sum", **ref)
    keras("ceres_soft_l1 a=1", "ceres_soft_l1", {}, ceres("soft_l1", 1.0), y, p, **ref)
    keras("ceres_soft_l1 a=0.7 sample_weight", "ceres_soft_l1", {"a": 0.7}, ceres("soft_l1", 0.7),
          y, p, sample_weight=[1.0, 0.5, 2.0, 1.0], **ref)
    keras("ceres_cauchy a=1", "ceres_cauchy", {}, ceres("cauchy", 1.0), y, p, **ref)
    keras("ceres_cauchy a=1.3 none", "ceres_cauchy", {"a": 1.3}, ceres("cauchy", 1.3), y1, p1,
          reduction="none", **ref)
    keras("ceres_arctan a=1", "ceres_arctan", {}, ceres("arctan", 1.0), y, p, **ref)
    keras("ceres_arctan a=0.9 sum", "ceres_arctan", {"a": 0.9}, ceres("arctan", 0.9), y, p,
          reduction="sum", **ref)
    keras("ceres_tolerant a=1.2 b=0.4", "ceres_tolerant", {"a": 1.2, "b": 0.4},
          ceres("tolerant", 1.2, 0.4), y, p, **ref)
    big_y, big_p = [[0.0], [0.0], [1.0]], [[6.2], [0.5], [-1.3]]  # x = (s − a)/b > 36.7 in row 1
    assert (38.44 - 0.5) / 0.25 > 36.7
    keras("ceres_tolerant a=0.5 b=0.25 far outlier (x > 36.7 branch) sum", "ceres_tolerant",
          {"a": 0.5, "b": 0.25}, ceres("tolerant", 0.5, 0.25), big_y, big_p, reduction="sum",
          **ref)
    keras("ceres_tukey a=1 (inliers and outliers)", "ceres_tukey", {}, ceres("tukey", 1.0), y, p,
          **ref)
    keras("ceres_tukey a=1.1 none", "ceres_tukey", {"a": 1.1}, ceres("tukey", 1.1), y, p,
          reduction="none", **ref)

    keras("ceres_scaled ρ=cauchy(a=0.8) scale 2.5", "ceres_scaled",
          {"rho": "cauchy", "rho_a": 0.8, "a": 2.5}, ceres("cauchy", 0.8, scale=2.5), y, p, **ref)
    keras("ceres_scaled ρ=huber(a=0.7) scale 0.5 sum", "ceres_scaled",
          {"rho": "huber", "rho_a": 0.7, "a": 0.5}, ceres("huber", 0.7, scale=0.5), y, p,
          reduction="sum", **ref)

    def composed(f, fa, g, ga):
        def fn(yt, yp, ex):
            s = ((yp - yt) ** 2).sum(-1)
            return 0.5 * ceres_rho(f, ceres_rho(g, s, ga), fa)
        return fn
    keras("ceres_composed f=cauchy(1) ∘ g=soft_l1(0.7)", "ceres_composed",
          {"f": "cauchy", "f_a": 1.0, "g": "soft_l1", "g_a": 0.7},
          composed("cauchy", 1.0, "soft_l1", 0.7), y, p, **ref)
    gy = composed("huber", 1.0, "arctan", 2.0)
    assert np.all(np.abs(2.0 * np.arctan2(sq(y, p), 2.0) - 1.0) > 1e-3)  # f's region edge g = a²
    keras("ceres_composed f=huber(1) ∘ g=arctan(2) sum", "ceres_composed",
          {"f": "huber", "f_a": 1.0, "g": "arctan", "g_a": 2.0}, gy, y, p, reduction="sum", **ref)
    keras("ceres_wrapper ρ=tukey(a=1.5)", "ceres_wrapper", {"rho": "tukey", "rho_a": 1.5},
          ceres("tukey", 1.5), y, p, **ref)
    keras("ceres_wrapper ρ=trivial none", "ceres_wrapper", {"rho": "trivial"}, ceres("trivial"),
          y, p, reduction="none", **ref)

    # Barron (robust_loss_pytorch general.lossfun, exact branch; closed forms at 0, 2, ±∞)
    f32eps = float(np.finfo(np.float32).eps)

    def barron(alpha, c):
        def fn(yt, yp, ex):
            z = ((yp - yt) / c) ** 2
            if alpha == 2:
                rho = 0.5 * z
            elif alpha == 0:
                rho = torch.log1p(0.5 * z)
            elif alpha == -math.inf:
                rho = -torch.expm1(-0.5 * z)
            elif alpha == math.inf:
                rho = torch.expm1(0.5 * z)
            else:
                beta_safe = max(f32eps, abs(alpha - 2))
                alpha_safe = (1 if alpha >= 0 else -1) * max(f32eps, abs(alpha))
                rho = (beta_safe / alpha_safe) * ((z / beta_safe + 1) ** (0.5 * alpha) - 1)
            return rho.mean(-1)
        return fn
    bres_y = rnd(3, 3)
    bres_p = rnd(3, 3)
    keras("barron α=1 c=1 (pseudo-Huber)", "barron_general", {}, barron(1.0, 1.0), bres_y,
          bres_p, **ref)
    keras("barron α=0 c=1.3 (Cauchy) sum", "barron_general", {"alpha": 0.0, "scale": 1.3},
          barron(0.0, 1.3), bres_y, bres_p, reduction="sum", **ref)
    keras("barron α=-2 c=0.7 (Geman-McClure)", "barron_general", {"alpha": -2.0, "scale": 0.7},
          barron(-2.0, 0.7), bres_y, bres_p, **ref)
    keras("barron α=2 c=2 (L2) none", "barron_general", {"alpha": 2.0, "scale": 2.0},
          barron(2.0, 2.0), bres_y, bres_p, reduction="none", **ref)
    keras("barron α=0.5 c=1.3", "barron_general", {"alpha": 0.5, "scale": 1.3}, barron(0.5, 1.3),
          bres_y, bres_p, **ref)
    keras("barron α=-inf (Welsch) c=1.1 closed form", "barron_general",
          {"alpha": "-inf", "scale": 1.1}, barron(-math.inf, 1.1), bres_y, bres_p, **ref)

    def tukey_bw(c):
        def fn(yt, yp, ex):
            r = yp - yt
            rho = torch.where(r.abs() <= c, c * c / 6 * (1 - (1 - (r / c) ** 2) ** 3),
                              torch.full_like(r, c * c / 6))
            return rho.mean(-1)
        return fn
    tr = np.array([[0.5, -6.0, 2.2], [4.5, -4.9, 0.1]])
    away(tr, [-4.685, 4.685])
    keras("tukey_biweight c=4.685 inside and outside", "tukey_biweight", {}, tukey_bw(4.685),
          np.zeros((2, 3)), tr, **ref)
    away(bres_p - bres_y, [-1.5, 1.5])
    keras("tukey_biweight c=1.5 sum", "tukey_biweight", {"c": 1.5}, tukey_bw(1.5), bres_y, bres_p,
          reduction="sum", **ref)

    def pinball(tau):
        def fn(yt, yp, ex):
            delta = yt - yp
            a, b = tau * delta, (tau - 1) * delta
            return torch.where(a >= b, a, b).mean(-1)  # TF maximum: ties go to the first argument
        return fn
    away(bres_y - bres_p, [0.0])
    keras("pinball τ=0.5", "pinball", {}, pinball(0.5), bres_y, bres_p, **ref)
    keras("pinball τ=0.9 sample_weight sum", "pinball", {"tau": 0.9}, pinball(0.9), bres_y,
          bres_p, sample_weight=[1.0, 0.5, 2.0], reduction="sum", **ref)
    keras("pinball τ=0.1 TFA docstring input → 0.475 (Δ=0 gets −τ, TF maximum)", "pinball",
          {"tau": 0.1}, pinball(0.1), [[0.0, 0.0, 1.0, 1.0]], [[1.0, 1.0, 1.0, 0.0]], **ref)
    assert abs(CASES[-1]["value"] - 0.475) < 1e-15

    def eps_insensitive(eps, squared=False):
        def fn(yt, yp, ex):
            h = torch.clamp((yt - yp).abs() - eps, min=0.0)
            return (h ** 2 if squared else h).mean(-1)
        return fn
    away((bres_p - bres_y), [-0.1, 0.1, -0.3, 0.3])
    keras("epsilon_insensitive ε=0.1", "epsilon_insensitive", {}, eps_insensitive(0.1), bres_y,
          bres_p, **ref)
    keras("epsilon_insensitive ε=0.3 squared none", "epsilon_insensitive",
          {"epsilon": 0.3, "squared": True}, eps_insensitive(0.3, True), bres_y, bres_p,
          reduction="none", **ref)
    keras("epsilon_insensitive ε=0.3 inside the tube (zero gradient)", "epsilon_insensitive",
          {"epsilon": 0.3}, eps_insensitive(0.3), [[1.0, -2.0]], [[1.2, -1.75]], **ref)


# ----------------------------------------------------------------------------------------------
# Distillation
# ----------------------------------------------------------------------------------------------


def distillation():
    def kd(temperature=3.0, alpha=0.1, eps=KERAS_EPS):
        """keras-io knowledge_distillation: α·SCCE(y, s; from_logits) +
        (1 − α)·T²·KLDivergence(softmax(t/T), softmax(s/T)), per sample."""
        def fn(yt, s, ex):
            idx = yt.reshape(-1).long()
            hard = -F.log_softmax(s, -1).gather(-1, idx.unsqueeze(-1)).squeeze(-1)
            qt = torch.clamp(torch.softmax(ex["teacher_logits"] / temperature, -1), eps, 1.0)
            qs = torch.clamp(torch.softmax(s / temperature, -1), eps, 1.0)
            soft = (qt * torch.log(qt / qs)).sum(-1) * temperature ** 2
            return alpha * hard + (1 - alpha) * soft
        return fn
    s = rnd(3, 4, lo=-3.0, hi=3.0)
    t = rnd(3, 4, lo=-3.0, hi=3.0)
    labels = col([1, 3, 0])
    keras("knowledge_distillation T=3 α=0.1", "knowledge_distillation", {}, kd(), labels, s,
          extras={"teacher_logits": t})
    keras("knowledge_distillation T=1 α=0.5 sum", "knowledge_distillation",
          {"temperature": 1.0, "alpha": 0.5}, kd(1.0, 0.5), labels, s,
          extras={"teacher_logits": t}, reduction="sum")
    keras("knowledge_distillation T=10 α=0 sample_weight", "knowledge_distillation",
          {"temperature": 10.0, "alpha": 0.0}, kd(10.0, 0.0), labels, s,
          extras={"teacher_logits": t}, sample_weight=[1.0, 2.0, 0.5])

    def icarl(old):
        """iCaRL: target = [old network's sigmoid outputs | one-hot new classes], mean BCE over
        classes of the logits (sigmoid_cross_entropy_with_logits)."""
        def fn(yt, z, ex):
            target = torch.cat([ex["old_outputs"], yt[:, old:]], dim=-1)
            return F.binary_cross_entropy_with_logits(z, target, reduction="none").mean(-1)
        return fn
    z = rnd(3, 4, lo=-3.0, hi=3.0)
    y = onehot([0, 2, 3], 4)  # row 1's 1 sits in an old column: replaced by old_outputs
    ref = dict(source="reference-formula")
    keras("icarl_bce old_classes=1", "icarl_bce", {}, icarl(1), y, z,
          extras={"old_outputs": probs(3, 1)}, **ref)
    keras("icarl_bce old_classes=2 sum", "icarl_bce", {"old_classes": 2}, icarl(2), y, z,
          extras={"old_outputs": probs(3, 2)}, reduction="sum", **ref)


# ----------------------------------------------------------------------------------------------
# output
# ----------------------------------------------------------------------------------------------


# ----------------------------------------------------------------------------------------------
# Losses beyond Appendix A
# ----------------------------------------------------------------------------------------------


def extras():
    ref = {"source": "reference-formula"}

    def pseudo_huber(delta):
        """Pseudo-Huber (Charbonnier) by hand: δ²(√(1 + (r/δ)²) − 1), mean over the last axis."""
        def fn(yt, yp, ex):
            r = yp - yt
            return (delta * delta * (torch.sqrt(1 + (r / delta) ** 2) - 1)).mean(-1)
        return fn

    # Identities with two catalogue losses (independent forms of the same function): ½ Ceres
    # SoftLOne(a = δ) of a single residual, and δ² Barron(α = 1, c = δ).
    r = T([[0.3], [-2.5], [1.7]])
    for delta in (0.4, 1.0, 3.0):
        ph = pseudo_huber(delta)(torch.zeros_like(r), r, {})
        soft_l1 = 0.5 * 2 * delta ** 2 * (torch.sqrt(1 + r[:, 0] ** 2 / delta ** 2) - 1)
        barron = delta ** 2 * (torch.sqrt((r[:, 0] / delta) ** 2 + 1) - 1)
        assert torch.allclose(ph, soft_l1, rtol=1e-15, atol=0)
        assert torch.allclose(ph, barron, rtol=1e-15, atol=0)

    y = rnd(4, 3)
    p = rnd(4, 3, lo=-4, hi=4)
    keras("pseudo_huber δ=1", "pseudo_huber", {}, pseudo_huber(1.0), y, p, **ref)
    keras("pseudo_huber δ=0.4 sum", "pseudo_huber", {"delta": 0.4}, pseudo_huber(0.4), y, p,
          reduction="sum", **ref)
    keras("pseudo_huber δ=3 sample_weight", "pseudo_huber", {"delta": 3.0}, pseudo_huber(3.0), y,
          p, sample_weight=[1.0, 0.0, 2.5, 0.5], **ref)


def dump(cases):
    """Pretty but compact: one key per line, every array on one line."""
    lines = ["["]
    for n, case in enumerate(cases):
        lines.append("  {")
        items = list(case.items())
        for m, (key, value) in enumerate(items):
            text = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
            lines.append(f"    {json.dumps(key)}: {text}" + ("," if m + 1 < len(items) else ""))
        lines.append("  }" + ("," if n + 1 < len(cases) else ""))
    lines.append("]")
    return "\n".join(lines) + "\n"


def main():
    regression()
    probabilistic()
    margin()
    metric_learning()
    robust()
    distillation()
    extras()
    counts = {loss: 0 for loss in APPENDIX_A + EXTRA_IDS}
    for case in CASES:
        counts[case["loss"]] += 1
    thin = [loss for loss, n in counts.items() if n < 2]
    assert not thin, f"ids with fewer than two cases: {thin}"
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference_cases.json")
    with open(path, "w", encoding="utf-8") as out:
        out.write(dump(CASES))
    sources = {}
    for case in CASES:
        sources[case["source"]] = sources.get(case["source"], 0) + 1
    print(f"wrote {len(CASES)} cases for {len(counts)} ids to {path}: {sources}", file=sys.stderr)


if __name__ == "__main__":
    main()
