// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPen>

#include <vector>

namespace losslab::ui {

/// Which curves of one panel are drawn over an earlier curve along a stretch where the two
/// coincide (the explorer's MAE and Huber gradients beyond ±δ and their zero curvature; the
/// Training tab's MAE and Huber fit lines on data with outliers): those are dashed, so that the
/// curve under them shows through the gaps and both stay visible.
///
/// `columns[i]` holds curve i's samples (all on the same x, drawn in index order, later on top);
/// hidden curves are skipped. Two curves coincide where they differ by at most 0.25 % of the
/// panel's span (the visible finite values) along at least 10 % of the samples in a row (at
/// least 3): on a panel 300 px high, closer than a pixel over a stretch that one would miss
/// (MSE and Huber that only touch around their minimum are not dashed).
/// `tolerance` > 0 replaces that distance (data units): a plot whose axis shows more than its
/// curves (a fit plot's data points around its fit lines) gives what a pen width is on it.
std::vector<bool> coveringCurves(const std::vector<const std::vector<double>*>& columns,
                                 const std::vector<bool>& visible,
                                 double tolerance = 0);

/// `pen` dashed (3 on, 3 off, flat caps) where the curve covers another, solid otherwise: the
/// explorer's panels and the Training tab's fit lines dash alike.
QPen overlapPen(QPen pen, bool covering);

}  // namespace losslab::ui
