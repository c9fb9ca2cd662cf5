// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Placeholder: being written (issue 3, CSV input).
