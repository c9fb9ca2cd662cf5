// SPDX-License-Identifier: GPL-3.0-or-later
// Parameter metadata: parsing, validation messages and registry defaults.
#include <QTest>
#include <limits>

#include "core/engine/error.h"
#include "core/engine/loss_registry.h"
#include "core/engine/param_spec.h"
#include "tests/test_utils.h"

using namespace losslab;

class TestParamSpec : public QObject {
  Q_OBJECT

 private slots:
  void openRangeRejectsItsBound();
  void messageNamesValidRange();
  void parsesBooleansChoicesAndNumbers();
  void rejectsGarbageNumbers_data();
  void rejectsGarbageNumbers();
  void completeFillsDefaultsAndRejectsUnknown();
  void registryRejectsOutOfRangeParameter();
  void unknownIdSuggestsClosest();
  void everyDefaultIsValid();
};

void TestParamSpec::openRangeRejectsItsBound() {
  const ParamSpec delta = positiveParam("delta", "δ", 1.0, "", 0.01, 10);
  QVERIFY(delta.validate(1e-300).empty());
  QVERIFY(!delta.validate(0.0).empty());
  QVERIFY(!delta.validate(-1.0).empty());
  QVERIFY(!delta.validate(std::numeric_limits<double>::quiet_NaN()).empty());
}

void TestParamSpec::messageNamesValidRange() {
  const ParamSpec delta = positiveParam("delta", "δ", 1.0, "", 0.01, 10);
  const std::string message = delta.validate(-2.0);
  QVERIFY2(message.find("delta") != std::string::npos, message.c_str());
  QVERIFY2(message.find("(0, inf)") != std::string::npos, message.c_str());
}

void TestParamSpec::parsesBooleansChoicesAndNumbers() {
  QCOMPARE(boolParam("from_logits", "", false, "").parse("true"), 1.0);
  QCOMPARE(boolParam("from_logits", "", false, "").parse("false"), 0.0);
  QCOMPARE(choiceParam("convention", "", 0, {"tfa", "paper"}, "").parse("paper"), 1.0);
  QCOMPARE(realParam("x", "", 0, -10, 10, "").parse("-2.5e-1"), -0.25);
  QCOMPARE(realParam("x", "", 0, -10, 10, "").parse("inf"),
           std::numeric_limits<double>::infinity());
}

void TestParamSpec::rejectsGarbageNumbers_data() {
  QTest::addColumn<QString>("text");
  QTest::newRow("empty") << "";
  QTest::newRow("word") << "abc";
  QTest::newRow("trailing junk") << "1.5x";
  QTest::newRow("two numbers") << "1 2";
}

void TestParamSpec::rejectsGarbageNumbers() {
  QFETCH(QString, text);
  const ParamSpec x = realParam("x", "", 0, -10, 10, "");
  QVERIFY_THROWS_EXCEPTION(Error, x.parse(text.toStdString()));
}

void TestParamSpec::completeFillsDefaultsAndRejectsUnknown() {
  const std::vector<ParamSpec> specs = {positiveParam("delta", "δ", 1.5, "", 0.1, 10)};
  QCOMPARE(completeParams(specs, {}).at("delta"), 1.5);
  QCOMPARE(completeParams(specs, {{"delta", 3.0}}).at("delta"), 3.0);
  QVERIFY_THROWS_EXCEPTION(Error, completeParams(specs, {{"detla", 3.0}}));
}

void TestParamSpec::registryRejectsOutOfRangeParameter() {
  try {
    LossRegistry::instance().create("huber", {{"delta", -1.0}});
    QFAIL("huber accepted delta = -1");
  } catch (const Error& error) {
    QCOMPARE(error.kind(), Error::Kind::Usage);
    QVERIFY2(std::string(error.what()).find("(0, inf)") != std::string::npos, error.what());
  }
}

void TestParamSpec::unknownIdSuggestsClosest() {
  try {
    LossRegistry::instance().create("hubre");
    QFAIL("unknown id accepted");
  } catch (const Error& error) {
    QVERIFY2(std::string(error.what()).find("huber") != std::string::npos, error.what());
  }
}

void TestParamSpec::everyDefaultIsValid() {
  for (const auto& entry : LossRegistry::instance().entries()) {
    for (const ParamSpec& spec : entry.info.params) {
      const std::string problem = spec.validate(spec.defaultValue);
      QVERIFY2(problem.empty(), (entry.info.id + ": " + problem).c_str());
      QVERIFY2(!spec.help.empty(), (entry.info.id + "." + spec.id + " has no help").c_str());
    }
    QVERIFY(entry.make(entry.info, completeParams(entry.info.params, {})) != nullptr);
  }
}

QTEST_MAIN(TestParamSpec)
#include "tst_param_spec.moc"
