// SPDX-License-Identifier: GPL-3.0-or-later
// "Did you mean": the banded edit distance against a plain Levenshtein table written here, and
// the bound on hostile input (issue 16: a 100,000-character id froze the GUI for 2.8 s).
#include <QTest>
#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "core/engine/closest_names.h"
#include "core/engine/error.h"
#include "core/engine/loss_registry.h"

using namespace losslab;

namespace {

std::size_t levenshtein(const std::string& a, const std::string& b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) {
    d[i][0] = i;
  }
  for (std::size_t j = 0; j <= b.size(); ++j) {
    d[0][j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min(
          {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0u : 1u)});
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

class TestClosestNames : public QObject {
  Q_OBJECT

 private slots:
  void boundedDistanceMatchesLevenshtein();
  void suggestsTypos();
  void hugeQueryIsInstantAndSuggestsNothing();
};

void TestClosestNames::boundedDistanceMatchesLevenshtein() {
  std::mt19937 random(7);
  std::uniform_int_distribution<int> length(0, 12);
  std::uniform_int_distribution<int> letter('a', 'd');
  for (int k = 0; k < 20000; ++k) {
    std::string a(static_cast<std::size_t>(length(random)), 'a');
    std::string b(static_cast<std::size_t>(length(random)), 'a');
    for (char& c : a) {
      c = static_cast<char>(letter(random));
    }
    for (char& c : b) {
      c = static_cast<char>(letter(random));
    }
    const std::size_t exact = levenshtein(a, b);
    for (std::size_t limit = 0; limit <= 6; ++limit) {
      const std::size_t bounded = boundedEditDistance(a, b, limit);
      QVERIFY2(bounded == std::min(exact, limit + 1),
               qPrintable(QStringLiteral("%1 / %2 limit %3: %4 vs %5")
                              .arg(QString::fromStdString(a), QString::fromStdString(b))
                              .arg(limit)
                              .arg(bounded)
                              .arg(exact)));
    }
  }
}

void TestClosestNames::suggestsTypos() {
  const std::vector<std::string_view> ids = {"huber", "torch_huber", "mean_squared_error"};
  QCOMPARE(closestNames("hubr", ids, 3, 3), (std::vector<std::string>{"huber"}));
  // Containing the query counts as one edit.
  QCOMPARE(closestNames("huber", ids, 3, 3), (std::vector<std::string>{"huber", "torch_huber"}));
  QCOMPARE(closestNames("mean_sqared_eror", ids, 1, 5),
           (std::vector<std::string>{"mean_squared_error"}));
  QVERIFY(closestNames("zzzzzz", ids, 3, 2).empty());
}

void TestClosestNames::hugeQueryIsInstantAndSuggestsNothing() {
  const std::string huge(100000, 'x');
  QVERIFY(closestNames(huge, {"huber"}, 3, 100000).empty());
  try {
    LossRegistry::instance().create(huge);
    QFAIL("an unknown id must throw");
  } catch (const Error& error) {
    QVERIFY(std::string(error.what()).find("did you mean") == std::string::npos);
  }
}

QTEST_GUILESS_MAIN(TestClosestNames)
#include "tst_closest_names.moc"
