# SPDX-License-Identifier: GPL-3.0-or-later
"""keras.config: the global epsilon and float type."""
_EPSILON = 1e-7
_FLOATX = "float64"  # Keras' default is float32; the tests compare with float64 LossLab


def epsilon():
    return _EPSILON


def set_epsilon(value):
    global _EPSILON
    _EPSILON = float(value)


def floatx():
    return _FLOATX


def set_floatx(value):
    """Exported training scripts ask for float64; the stand-in knows no other."""
    if value != "float64":
        raise ValueError("the stand-in computes in float64 only")
