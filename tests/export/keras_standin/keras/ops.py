# SPDX-License-Identifier: GPL-3.0-or-later
"""keras.ops on torch, with the TensorFlow backend's values and subgradients (spec §1.4)."""
import builtins

import torch

from . import config

_DTYPES = {
    "bool": torch.bool,
    "float16": torch.float16,
    "float32": torch.float32,
    "float64": torch.float64,
    "int32": torch.int32,
    "int64": torch.int64,
}


def _dtype(dtype):
    if dtype is None:
        return None
    if isinstance(dtype, str):
        return _DTYPES[dtype]
    return dtype


def _floatx():
    return _DTYPES[config.floatx()]


def convert_to_tensor(x, dtype=None):
    dtype = _dtype(dtype)
    if torch.is_tensor(x):
        return x if dtype is None or x.dtype == dtype else x.to(dtype)
    if dtype is None:
        probe = torch.as_tensor(x)
        dtype = _floatx() if probe.is_floating_point() else probe.dtype
    return torch.as_tensor(x, dtype=dtype)


def _tensor(x, like=None):
    """Python scalars become tensors of `like`'s dtype (Keras' weak typing), else floatx."""
    if torch.is_tensor(x):
        return x
    dtype = like.dtype if torch.is_tensor(like) and like.is_floating_point() else _floatx()
    return torch.as_tensor(x, dtype=dtype)


def _pair(a, b):
    a = _tensor(a, b)
    return a, _tensor(b, a)


def cast(x, dtype):
    return convert_to_tensor(x).to(_dtype(dtype))


def shape(x):
    return tuple(convert_to_tensor(x).shape)


def size(x):
    return convert_to_tensor(x).numel()


def ndim(x):
    return convert_to_tensor(x).dim()


def reshape(x, new_shape):
    return convert_to_tensor(x).reshape(new_shape)


def expand_dims(x, axis):
    return convert_to_tensor(x).unsqueeze(axis)


def squeeze(x, axis=None):
    x = convert_to_tensor(x)
    return x.squeeze() if axis is None else x.squeeze(axis)


def _axis(axis):
    return tuple(axis) if isinstance(axis, (list, tuple)) else axis


def sum(x, axis=None, keepdims=False):  # noqa: A001 (Keras' name)
    x = convert_to_tensor(x)
    if axis is None:
        s = torch.sum(x)
        return s.reshape([1] * x.dim()) if keepdims else s
    return torch.sum(x, dim=_axis(axis), keepdim=keepdims)


def mean(x, axis=None, keepdims=False):
    x = convert_to_tensor(x)
    if axis is None:
        m = torch.mean(x)
        return m.reshape([1] * x.dim()) if keepdims else m
    return torch.mean(x, dim=_axis(axis), keepdim=keepdims)


def prod(x, axis=None, keepdims=False):
    x = convert_to_tensor(x)
    return torch.prod(x) if axis is None else torch.prod(x, dim=axis, keepdim=keepdims)


def max(x, axis=None, keepdims=False):  # noqa: A001
    """TF reduce_max: the gradient is shared evenly among tied maxima."""
    x = convert_to_tensor(x)
    if axis is None:
        return torch.amax(x)
    return torch.amax(x, dim=_axis(axis), keepdim=keepdims)


def where(condition, x1, x2):
    x1, x2 = _pair(x1, x2)
    return torch.where(convert_to_tensor(condition).to(torch.bool), x1, x2)


def ones_like(x, dtype=None):
    return torch.ones_like(convert_to_tensor(x), dtype=_dtype(dtype))


def zeros_like(x, dtype=None):
    return torch.zeros_like(convert_to_tensor(x), dtype=_dtype(dtype))


def _compare(fn):
    def op(a, b):
        a, b = _pair(a, b)
        return fn(a, b)

    return op


less = _compare(torch.lt)
less_equal = _compare(torch.le)
greater = _compare(torch.gt)
greater_equal = _compare(torch.ge)
equal = _compare(torch.eq)
not_equal = _compare(torch.ne)


def logical_and(a, b):
    return torch.logical_and(convert_to_tensor(a), convert_to_tensor(b))


def logical_or(a, b):
    return torch.logical_or(convert_to_tensor(a), convert_to_tensor(b))


def logical_not(a):
    return torch.logical_not(convert_to_tensor(a))


def _unary(fn):
    return lambda x: fn(_tensor(x))


abs = _unary(torch.abs)  # noqa: A001; gradient sign(x): 0 at 0, as TF
sign = _unary(torch.sign)  # sign(NaN) = NaN, as TF
exp = _unary(torch.exp)
log = _unary(torch.log)
log1p = _unary(torch.log1p)
sqrt = _unary(torch.sqrt)
square = _unary(torch.square)
sin = _unary(torch.sin)
cos = _unary(torch.cos)
tanh = _unary(torch.tanh)
arctan = _unary(torch.atan)
sigmoid = _unary(torch.sigmoid)
relu = _unary(torch.relu)  # gradient 0 at 0, as TF


def softplus(x):
    """TF's softplus log(1 + e^x) without a linear switch: its gradient is exactly σ(x)."""
    x = _tensor(x)
    return torch.logaddexp(x, torch.zeros_like(x))


def maximum(a, b):
    """TF: the whole gradient to a where a >= b (torch.maximum would split it on ties)."""
    a, b = _pair(a, b)
    return torch.where(a >= b, a, b)


def minimum(a, b):
    """TF: the whole gradient to a where a <= b."""
    a, b = _pair(a, b)
    return torch.where(a <= b, a, b)


def clip(x, x_min, x_max):
    """TF clip_by_value = maximum(minimum(x, hi), lo): gradient 1 on the closed interval."""
    x = _tensor(x)
    return maximum(minimum(x, x_max), x_min)


def divide(a, b):
    a, b = _pair(a, b)
    return a / b


def divide_no_nan(a, b):
    a, b = _pair(a, b)
    safe = torch.where(b == 0, torch.ones_like(b), b)
    return torch.where(b == 0, torch.zeros_like(a / safe), a / safe)


def logsumexp(x, axis=None, keepdims=False):
    x = convert_to_tensor(x)
    if axis is None:
        return torch.logsumexp(x.reshape(-1), dim=0)
    return torch.logsumexp(x, dim=axis, keepdim=keepdims)


def norm(x, ord=None, axis=None, keepdims=False):  # noqa: A002 (Keras' name)
    """The Euclidean norm (ord None or 2) over `axis`; its gradient at 0 is torch's (0), not
    TF's 0/0."""
    assert ord in (None, 2), ord
    x = convert_to_tensor(x)
    if axis is None:
        return torch.linalg.vector_norm(x)
    return torch.linalg.vector_norm(x, dim=axis, keepdim=keepdims)


def arange(start, stop=None, step=1, dtype=None):
    """Keras 3: integer arguments give "int32" values unless a dtype is given."""
    if stop is None:
        start, stop = 0, start
    return torch.arange(start, stop, step, dtype=_dtype(dtype) or torch.int32)


def softmax(x, axis=-1):
    return torch.softmax(convert_to_tensor(x), dim=axis)


def log_softmax(x, axis=-1):
    return torch.log_softmax(convert_to_tensor(x), dim=axis)


def one_hot(x, num_classes, dtype=None):
    x = convert_to_tensor(x).to(torch.int64)
    return torch.nn.functional.one_hot(x, num_classes).to(_dtype(dtype) or _floatx())


def take_along_axis(x, indices, axis=None):
    return torch.take_along_dim(convert_to_tensor(x), convert_to_tensor(indices), dim=axis)


def take(x, indices, axis=None):
    """keras.ops.take with 1-D indices: x's elements at `indices` along `axis` (flattened x
    when None)."""
    x = convert_to_tensor(x)
    indices = torch.as_tensor(indices, dtype=torch.int64)
    assert indices.dim() == 1, "the stand-in takes 1-D indices"
    if axis is None:
        return x.reshape(-1)[indices]
    return torch.index_select(x, axis, indices)


def concatenate(xs, axis=0):
    return torch.cat([convert_to_tensor(x) for x in xs], dim=axis)


def stop_gradient(x):
    return convert_to_tensor(x).detach()


builtins  # keep the import: `sum`, `max` and `abs` shadow the builtins in this module


def power(x1, x2):
    x1, x2 = _pair(x1, x2)
    return torch.pow(x1, x2)


def multiply(x1, x2):
    x1, x2 = _pair(x1, x2)
    return x1 * x2


def all(x, axis=None, keepdims=False):  # noqa: A001
    x = convert_to_tensor(x).to(torch.bool)
    return torch.all(x) if axis is None else torch.all(x, dim=axis, keepdim=keepdims)


def cond(pred, true_fn, false_fn):
    return true_fn() if bool(pred) else false_fn()


def normalize(x, axis=-1, order=2, epsilon=None):
    """x / sqrt(max(Σx², ε²)) (Keras ≥ 2026-07, ops.normalize; spec §2.1)."""
    eps = config.epsilon() if epsilon is None else epsilon
    x = convert_to_tensor(x)
    square_sum = torch.sum(x * x, dim=axis, keepdim=True)
    return x * torch.rsqrt(maximum(square_sum, eps * eps))


def binary_crossentropy(target, output, from_logits=False):
    """The JAX/NumPy/PyTorch backends' BCE (the TF backend's _keras_logits shortcut aside)."""
    target, output = _pair(target, output)
    if from_logits:
        log_logits = torch.nn.functional.logsigmoid(output)
        log_neg_logits = torch.nn.functional.logsigmoid(-output)
        return -1.0 * target * log_logits - (1.0 - target) * log_neg_logits
    output = clip(output, config.epsilon(), 1.0 - config.epsilon())
    bce = target * log(output)
    bce = bce + (1.0 - target) * log(1.0 - output)
    return -bce


def categorical_crossentropy(target, output, from_logits=False, axis=-1):
    target, output = _pair(target, output)
    if from_logits:
        log_prob = log_softmax(output, axis=axis)
    else:
        output = output / sum(output, axis=axis, keepdims=True)
        output = clip(output, config.epsilon(), 1.0 - config.epsilon())
        log_prob = log(output)
    return -sum(target * log_prob, axis=axis)


def sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1):
    output = convert_to_tensor(output)
    target = convert_to_tensor(target)
    if target.dim() == output.dim() and target.shape[-1] == 1:
        target = squeeze(target, axis=-1)
    onehot = one_hot(target, output.shape[axis], dtype=output.dtype)
    return categorical_crossentropy(onehot, output, from_logits=from_logits, axis=axis)
