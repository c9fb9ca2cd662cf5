// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QTest>
#include <cmath>
#include <initializer_list>
#include <string>

#include "core/engine/pipeline.h"
#include "core/engine/tensor.h"
#include "core/testing/gradient_check.h"

// Named tolerances (Eigen numerics guide: no bare literals in assertions).
namespace losslab::test {
inline constexpr double kGradientTolerance = 1e-6;  // analytic vs central difference
inline constexpr double kFloat64Tolerance = 1e-10;  // vs float64 PyTorch / formula references
inline constexpr double kFloat32Tolerance = 1e-5;   // vs float32 Keras docstring numbers
inline constexpr double kExactTolerance = 1e-14;    // documented closed-form values

/// |actual − expected| ≤ tol · max(1, |expected|): relative, with an absolute floor near 0.
inline bool near(double actual, double expected, double tol) {
  if (std::isnan(expected)) {
    return std::isnan(actual);
  }
  if (std::isinf(expected)) {
    return actual == expected;
  }
  return std::fabs(actual - expected) <= tol * std::fmax(1.0, std::fabs(expected));
}

/// A tensor from rows, e.g. tensor({{1, 2}, {3, 4}}).
inline Tensor tensor(std::initializer_list<std::initializer_list<double>> rows) {
  Tensor t(static_cast<Eigen::Index>(rows.size()),
           static_cast<Eigen::Index>(rows.size() ? rows.begin()->size() : 0));
  Eigen::Index i = 0;
  for (const auto& row : rows) {
    Eigen::Index j = 0;
    for (double v : row) {
      t(i, j++) = v;
    }
    ++i;
  }
  return t;
}

inline RankedTensor ranked(Tensor values, int rank = 2) {
  return RankedTensor{std::move(values), rank};
}

}  // namespace losslab::test

/// QVERIFY2 with a formatted message; never QCOMPARE doubles that may be near 0.
#define LOSSLAB_VERIFY_NEAR(actual, expected, tol)                      \
  do {                                                                  \
    const double a_ = (actual);                                         \
    const double e_ = (expected);                                       \
    QVERIFY2(::losslab::test::near(a_, e_, (tol)),                      \
             qPrintable(QStringLiteral("%1 = %2, expected %3 (tol %4)") \
                            .arg(QStringLiteral(#actual))               \
                            .arg(a_, 0, 'g', 17)                        \
                            .arg(e_, 0, 'g', 17)                        \
                            .arg(tol)));                                \
  } while (false)

Q_DECLARE_METATYPE(losslab::Tensor)
Q_DECLARE_METATYPE(losslab::ParamValues)

namespace losslab::test {

/// Runs the gradient check of one data row and fails with the worst derivative's location.
#define LOSSLAB_VERIFY_GRADIENT(loss, request)                                             \
  do {                                                                                     \
    const ::losslab::GradientReport report_ = ::losslab::checkGradient((loss), (request)); \
    QVERIFY2(report_.checked > 0, "no derivative was compared");                           \
    QVERIFY2(report_.maxError <= ::losslab::test::kGradientTolerance,                      \
             qPrintable(QStringLiteral("relative error %1 at %2")                          \
                            .arg(report_.maxError)                                         \
                            .arg(QString::fromStdString(report_.worst))));                 \
  } while (false)

}  // namespace losslab::test
