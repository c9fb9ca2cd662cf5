# SPDX-License-Identifier: GPL-3.0-or-later
"""A stand-in for the parts of Keras 3 that LossLab's exported code uses, on PyTorch float64.

TensorFlow and Keras cannot be installed on the test machines, so tests/export runs every Keras
export against this package instead. It follows Keras 3's source (keras/src/losses/loss.py,
losses.py, backend/common) where LossLab's numbers depend on it:

* keras.ops: the TensorFlow backend's values *and* its gradient conventions at kinks (spec §1.4),
  with autograd from torch: maximum/minimum pass the whole gradient to the first argument on
  ties, clip passes on the closed interval, abs/sign/relu have gradient 0 at 0.
* keras.losses.Loss.__call__: converts to the loss dtype, calls call() with the RAW shapes (no
  rank alignment: a (B,) y_true against a (B, 1) y_pred broadcasts to (B, B), as in Keras), then
  mask, sample weight and reduction (reduce_weighted_values / reduce_values).
* keras.losses.LossFunctionWrapper: squeeze_or_expand_to_same_rank, then the function; this is
  what model.compile(loss=fn) builds.
* keras.saving.register_keras_serializable, serialize/deserialize_keras_object.
* For exported training scripts: keras.Sequential (compile, set_weights, train_on_batch,
  reset_metrics), keras.Input, keras.layers.Dense and keras.optimizers SGD/Adam/RMSprop with
  Keras 3's update_step arithmetic (models.py, layers.py, optimizers.py).

floatx is float64 here (Keras' default is float32), so values compare with LossLab's float64.
"""
from . import config, ops, losses, saving, layers, optimizers, models  # noqa: F401
from .layers import Input  # noqa: F401
from .models import Sequential  # noqa: F401
