// SPDX-License-Identifier: GPL-3.0-or-later
// Placeholder: being written (issue 3, curve).
#include "curve.h"
