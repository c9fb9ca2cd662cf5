// SPDX-License-Identifier: GPL-3.0-or-later
// The custom-loss library (names, changes, its own JSON file with a backup, migration from
// QSettings, nothing lost on a damaged file or a failed write) and the loss factory
// that turns "custom:NAME" and catalogue ids into losses (issue 6).
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "core/engine/loss_registry.h"
#include "core/formula/formula_loss.h"
#include "tests/test_utils.h"
#include "ui/common/custom_loss_file.h"
#include "ui/common/custom_loss_library.h"
#include "ui/common/loss_factory.h"
#include "ui/common/settings.h"

using namespace losslab;
using losslab::test::tensor;
using losslab::ui::CustomLoss;
using losslab::ui::CustomLossFile;
using losslab::ui::CustomLossLibrary;
using losslab::ui::Settings;

namespace {

const QString kHuber = QStringLiteral(
    "delta = 1 in [0.01, 10] log\nwhere(abs(r) <= delta, 0.5*square(r), delta*abs(r) - "
    "0.5*square(delta))");
const QString kTemperature = QStringLiteral("T = 1 in [0.05, 20]\nT*square(r)");

EvalRequest requestFor(const Tensor& yTrue, const Tensor& yPred) {
  EvalRequest request;
  request.yTrue = RankedTensor{yTrue, 2};
  request.yPred = RankedTensor{yPred, 2};
  return request;
}

/// Value and gradient of `loss` on fixed data with residuals on both sides of ±1 and ±0.5.
Evaluation evaluateOnFixedData(const Loss& loss) {
  const Tensor y = tensor({{0.3, -1.2}, {1.5, 0.1}});
  const Tensor p = tensor({{0.657, -2.992}, {-0.3, 0.45}});
  return evaluate(loss, requestFor(y, p));
}

void verifySameNumbers(const Loss& actual, const Loss& expected) {
  const Evaluation a = evaluateOnFixedData(actual);
  const Evaluation b = evaluateOnFixedData(expected);
  LOSSLAB_VERIFY_NEAR(a.value, b.value, losslab::test::kExactTolerance);
  QCOMPARE(a.grad.size(), b.grad.size());
  for (Eigen::Index k = 0; k < a.grad.size(); ++k) {
    LOSSLAB_VERIFY_NEAR(a.grad.data()[k], b.grad.data()[k], losslab::test::kExactTolerance);
  }
}

/// The message of the losslab::Error `call` throws, or a failure marker.
template <class F>
QString errorOf(F call) {
  try {
    call();
  } catch (const Error& error) {
    return QString::fromStdString(error.what());
  }
  return QStringLiteral("<no error thrown>");
}

}  // namespace

class TestCustomLossLibrary : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void init();
  void cleanupTestCase();

  void addFindRemove();
  void goodNamesAccepted_data();
  void goodNamesAccepted();
  void badNamesRejected_data();
  void badNamesRejected();
  void badFormulaRejected();
  void addOrReplaceKeepsPosition();
  void rename();
  void setParamsKeepsOnlyUsedNames();
  void ephemeralModeWritesNothing();
  void persistsInItsOwnFile();
  void keepsThePreviousVersionAsBackup();
  void damagedFileIsSetAsideNotOverwritten();
  void failedWriteKeepsEntriesAndSaysSo();
  void migratesFromSettings();
  void damagedRecordsAreSkipped();
  void freeNameNeverTakesAnExistingName();

  void idHelpers();
  void createLossForCustomIdEqualsFormulaLoss();
  void createLossParameterPriority();
  void createLossForCatalogueIdEqualsRegistry();
  void unknownIdsThrowClearly_data();
  void unknownIdsThrowClearly();
  void storedFormulaThatNoLongerParses();
  void displayNamesAndInfo();

 private:
  QTemporaryDir m_settingsDir;
  CustomLossLibrary& library() { return CustomLossLibrary::instance(); }
};

void TestCustomLossLibrary::initTestCase() {
  // A test-specific settings scope in a temporary directory: nothing touches the user's own.
  QVERIFY(m_settingsDir.isValid());
  QCoreApplication::setOrganizationName(QStringLiteral("LossLabTest"));
  QCoreApplication::setApplicationName(QStringLiteral("tst_custom_loss_library"));
  QSettings::setDefaultFormat(QSettings::IniFormat);
  QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
  QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
  // The application data folder (the library file) in the same temporary directory.
  qputenv("XDG_DATA_HOME", m_settingsDir.filePath(QStringLiteral("data")).toLocal8Bit());
  QVERIFY(CustomLossFile::defaultPath().startsWith(m_settingsDir.path()));
  QSettings().clear();
  Settings::setEphemeral(true);
}

void TestCustomLossLibrary::init() {
  Settings::setEphemeral(true);
  for (const QString& suffix : {QString(), QStringLiteral(".bak"), QStringLiteral(".damaged")}) {
    QFile::remove(CustomLossFile::defaultPath() + suffix);
  }
  for (const QString& name : library().names()) {
    library().remove(name);
  }
  QVERIFY(library().names().isEmpty());
}

void TestCustomLossLibrary::cleanupTestCase() {
  QSettings().clear();
  Settings::setEphemeral(true);
}

void TestCustomLossLibrary::addFindRemove() {
  QSignalSpy changed(&library(), &CustomLossLibrary::changed);
  QString error;
  QVERIFY2(library().add({QStringLiteral("my huber"), kHuber, {{"delta", 0.5}}}, &error),
           qPrintable(error));
  QVERIFY(library().add({QStringLiteral("hot"), kTemperature, {}}));
  QCOMPARE(changed.count(), 2);
  QCOMPARE(library().names(), (QStringList{QStringLiteral("my huber"), QStringLiteral("hot")}));
  QVERIFY(library().contains(QStringLiteral("my huber")));
  QVERIFY(!library().contains(QStringLiteral("My Huber")));  // lookup is exact
  const std::optional<CustomLoss> found = library().find(QStringLiteral("my huber"));
  QVERIFY(found.has_value());
  QCOMPARE(found->source, kHuber);
  QCOMPARE(found->params, (ParamValues{{"delta", 0.5}}));

  QVERIFY(library().remove(QStringLiteral("my huber")));
  QCOMPARE(changed.count(), 3);
  QVERIFY(!library().remove(QStringLiteral("my huber")));  // already gone: no signal
  QCOMPARE(changed.count(), 3);
  QCOMPARE(library().names(), QStringList{QStringLiteral("hot")});
  QVERIFY(!library().find(QStringLiteral("my huber")).has_value());
}

void TestCustomLossLibrary::goodNamesAccepted_data() {
  QTest::addColumn<QString>("name");
  QTest::newRow("60 characters") << QString(CustomLossLibrary::kMaxNameLength, QLatin1Char('a'));
  QTest::newRow("Greek letter") << QStringLiteral("Huber δ");
  QTest::newRow("colon and punctuation") << QStringLiteral("v2: huber (δ=0.5)!");
  QTest::newRow("CJK") << QStringLiteral("对比损失");
  QTest::newRow("inner spaces") << QStringLiteral("my  huber");
}

void TestCustomLossLibrary::goodNamesAccepted() {
  QFETCH(QString, name);
  QString error;
  QVERIFY2(library().add({name, kHuber, {}}, &error), qPrintable(error));
  QVERIFY(library().contains(name));
}

void TestCustomLossLibrary::badNamesRejected_data() {
  QTest::addColumn<QString>("name");
  QTest::addColumn<QString>("reason");  // a word the message must contain
  QTest::newRow("empty") << QString() << "name";
  QTest::newRow("spaces only") << QStringLiteral("   ") << "name";
  QTest::newRow("61 characters") << QString(CustomLossLibrary::kMaxNameLength + 1, QLatin1Char('a'))
                                 << "60";
  QTest::newRow("tab inside") << QStringLiteral("my\thuber") << "control character";
  QTest::newRow("new line") << QStringLiteral("my\nhuber") << "control character";
  QTest::newRow("escape") << QStringLiteral("a\x1b[31m") << "control character";
  QTest::newRow("bidi override U+202E") << QStringLiteral("a\u202Eb") << "U+202E";
  QTest::newRow("leading space") << QStringLiteral(" huber") << "space";
  QTest::newRow("trailing space") << QStringLiteral("huber ") << "space";
  QTest::newRow("taken, other case") << QStringLiteral("TAKEN") << "already exists";
  QTest::newRow("taken, same case") << QStringLiteral("taken") << "already exists";
}

void TestCustomLossLibrary::badNamesRejected() {
  QFETCH(QString, name);
  QFETCH(QString, reason);
  QVERIFY(library().add({QStringLiteral("taken"), kHuber, {}}));
  QSignalSpy changed(&library(), &CustomLossLibrary::changed);
  QString error;
  QVERIFY(!library().add({name, kTemperature, {}}, &error));
  QVERIFY2(error.contains(reason, Qt::CaseInsensitive), qPrintable(error));
  QCOMPARE(changed.count(), 0);
  QCOMPARE(library().names(), QStringList{QStringLiteral("taken")});
  QCOMPARE(library().find(QStringLiteral("taken"))->source, kHuber);  // not replaced
}

void TestCustomLossLibrary::badFormulaRejected() {
  QString error;
  QVERIFY(!library().add({QStringLiteral("broken"), QStringLiteral("square(r"), {}}, &error));
  QVERIFY2(error.contains(QLatin1String("does not parse")) && error.contains(QLatin1String("^")),
           qPrintable(error));
  QVERIFY(!library().contains(QStringLiteral("broken")));
}

void TestCustomLossLibrary::addOrReplaceKeepsPosition() {
  QVERIFY(library().add({QStringLiteral("a"), kHuber, {}}));
  QVERIFY(library().add({QStringLiteral("b"), kHuber, {}}));
  QSignalSpy changed(&library(), &CustomLossLibrary::changed);
  QVERIFY(library().addOrReplace({QStringLiteral("a"), kTemperature, {{"T", 2.0}}}));
  QCOMPARE(changed.count(), 1);
  QCOMPARE(library().names(), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
  QCOMPARE(library().find(QStringLiteral("a"))->source, kTemperature);
  QCOMPARE(library().find(QStringLiteral("a"))->params, (ParamValues{{"T", 2.0}}));
  QVERIFY(library().addOrReplace({QStringLiteral("c"), kTemperature, {}}));  // new: appended
  QCOMPARE(library().names().last(), QStringLiteral("c"));
  QString error;
  QVERIFY(!library().addOrReplace({QStringLiteral("a"), QStringLiteral("foo(r)"), {}}, &error));
  QVERIFY2(error.contains(QLatin1String("unknown function 'foo'")), qPrintable(error));
  QCOMPARE(library().find(QStringLiteral("a"))->source, kTemperature);  // unchanged
}

void TestCustomLossLibrary::rename() {
  QVERIFY(library().add({QStringLiteral("first"), kHuber, {{"delta", 0.3}}}));
  QVERIFY(library().add({QStringLiteral("second"), kTemperature, {}}));
  QSignalSpy changed(&library(), &CustomLossLibrary::changed);
  QString error;
  QVERIFY2(library().rename(QStringLiteral("first"), QStringLiteral("renamed"), &error),
           qPrintable(error));
  QCOMPARE(changed.count(), 1);
  QCOMPARE(library().names(), (QStringList{QStringLiteral("renamed"), QStringLiteral("second")}));
  QCOMPARE(library().find(QStringLiteral("renamed"))->params, (ParamValues{{"delta", 0.3}}));
  // A change of case only is a rename of the same entry.
  QVERIFY2(library().rename(QStringLiteral("renamed"), QStringLiteral("Renamed"), &error),
           qPrintable(error));
  // Onto another entry's name (in any case), to a bad name, or from a missing entry: refused.
  QVERIFY(!library().rename(QStringLiteral("Renamed"), QStringLiteral("SECOND"), &error));
  QVERIFY2(error.contains(QLatin1String("already exists")), qPrintable(error));
  QVERIFY(!library().rename(QStringLiteral("Renamed"), QString(), &error));
  QVERIFY(!library().rename(QStringLiteral("missing"), QStringLiteral("x"), &error));
  QVERIFY2(error.contains(QLatin1String("missing")), qPrintable(error));
  QCOMPARE(changed.count(), 2);
  QCOMPARE(library().names(), (QStringList{QStringLiteral("Renamed"), QStringLiteral("second")}));
}

void TestCustomLossLibrary::setParamsKeepsOnlyUsedNames() {
  QVERIFY(library().add({QStringLiteral("h"), kHuber, {{"delta", 0.5}, {"stale", 3.0}}}));
  QCOMPARE(library().find(QStringLiteral("h"))->params, (ParamValues{{"delta", 0.5}}));
  QSignalSpy changed(&library(), &CustomLossLibrary::changed);
  QVERIFY(library().setParams(QStringLiteral("h"), {{"delta", 2.0}, {"T", 4.0}}));
  QCOMPARE(library().find(QStringLiteral("h"))->params, (ParamValues{{"delta", 2.0}}));
  QCOMPARE(changed.count(), 1);
  QVERIFY(library().setParams(QStringLiteral("h"), {{"delta", 2.0}}));  // no change: no signal
  QCOMPARE(changed.count(), 1);
  QVERIFY(!library().setParams(QStringLiteral("nope"), {}));
}

void TestCustomLossLibrary::ephemeralModeWritesNothing() {
  QSettings().clear();
  QVERIFY(library().add({QStringLiteral("kept in memory"), kHuber, {}}));
  QVERIFY(!QSettings().contains(QStringLiteral("formula/customLosses")));
  // A fresh library in ephemeral mode starts empty: it reads nothing either.
  QSettings().setValue(QStringLiteral("formula/customLosses"),
                       QVariantList{QVariantMap{{QStringLiteral("name"), QStringLiteral("x")},
                                                {QStringLiteral("source"), kHuber}}});
  CustomLossLibrary fresh;
  QVERIFY(fresh.names().isEmpty());
  QSettings().clear();
}

void TestCustomLossLibrary::persistsInItsOwnFile() {
  Settings::setEphemeral(false);
  QSettings().clear();
  {
    CustomLossLibrary writer;
    QVERIFY(writer.names().isEmpty());
    QVERIFY(writer.add({QStringLiteral("my huber"), kHuber, {{"delta", 0.25}}}));
    QVERIFY(writer.add({QStringLiteral("Temperatur δ"), kTemperature, {{"T", 0.6}}}));
  }
  // A data file of its own, not QSettings.
  QVERIFY(QFile::exists(CustomLossFile::defaultPath()));
  QVERIFY(!QSettings().contains(QStringLiteral("formula/customLosses")));
  {
    CustomLossLibrary reader;
    const QList<CustomLoss> expected{{QStringLiteral("my huber"), kHuber, {{"delta", 0.25}}},
                                     {QStringLiteral("Temperatur δ"), kTemperature, {{"T", 0.6}}}};
    QCOMPARE(reader.entries(), expected);
    QVERIFY(reader.loadProblem().isEmpty());
    QVERIFY(reader.remove(QStringLiteral("my huber")));
    QVERIFY(reader.rename(QStringLiteral("Temperatur δ"), QStringLiteral("hot")));
  }
  {
    CustomLossLibrary again;
    QCOMPARE(again.names(), QStringList{QStringLiteral("hot")});
    QCOMPARE(again.find(QStringLiteral("hot"))->params, (ParamValues{{"T", 0.6}}));
  }
  Settings::setEphemeral(true);
}

void TestCustomLossLibrary::keepsThePreviousVersionAsBackup() {
  const QString path = m_settingsDir.filePath(QStringLiteral("backup/lib.json"));
  CustomLossLibrary library(path, nullptr);
  QVERIFY(library.add({QStringLiteral("first"), kHuber, {}}));
  QVERIFY(!QFile::exists(CustomLossFile::backupPath(path)));  // nothing to back up yet
  QVERIFY(library.add({QStringLiteral("second"), kTemperature, {}}));
  const std::optional<QList<CustomLoss>> backup =
      CustomLossFile::read(CustomLossFile::backupPath(path), nullptr);
  QVERIFY(backup);
  QCOMPARE(backup->size(), 1);
  QCOMPARE(backup->front().name, QStringLiteral("first"));
}

void TestCustomLossLibrary::damagedFileIsSetAsideNotOverwritten() {
  const QString path = m_settingsDir.filePath(QStringLiteral("damaged/lib.json"));
  {
    CustomLossLibrary library(path, nullptr);
    QVERIFY(library.add({QStringLiteral("saved"), kHuber, {}}));
    QVERIFY(library.add({QStringLiteral("later"), kTemperature, {}}));  // backup: "saved"
  }
  const QByteArray garbage = "{\"format\": \"losslab-custom-losses\", \"losses\": [trunc";
  {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(garbage);
  }
  CustomLossLibrary library(path, nullptr);
  QVERIFY2(library.loadProblem().contains(QStringLiteral("not valid JSON")),
           qPrintable(library.loadProblem()));
  QCOMPARE(library.names(), QStringList{QStringLiteral("saved")});  // from the backup
  // The damaged text is kept where the message says, and a change does not destroy it.
  QVERIFY(library.add({QStringLiteral("new"), kHuber, {}}));
  QFile aside(path + QStringLiteral(".damaged"));
  QVERIFY(aside.open(QIODevice::ReadOnly));
  QCOMPARE(aside.readAll(), garbage);
}

void TestCustomLossLibrary::failedWriteKeepsEntriesAndSaysSo() {
  // A path below a regular file can never be created, whoever runs the test (root included).
  const QString blocker = m_settingsDir.filePath(QStringLiteral("not-a-folder"));
  {
    QFile file(blocker);
    QVERIFY(file.open(QIODevice::WriteOnly));
  }
  CustomLossLibrary library(blocker + QStringLiteral("/lib.json"), nullptr);
  QSignalSpy failed(&library, &CustomLossLibrary::storeFailed);
  QVERIFY(library.add({QStringLiteral("kept"), kHuber, {}}));
  QCOMPARE(failed.count(), 1);
  QVERIFY(!failed.front().front().toString().isEmpty());
  QCOMPARE(library.names(), QStringList{QStringLiteral("kept")});
}

void TestCustomLossLibrary::migratesFromSettings() {
  Settings::setEphemeral(false);
  QSettings().setValue(
      QStringLiteral("formula/customLosses"),
      QVariantList{QVariantMap{{QStringLiteral("name"), QStringLiteral("old huber")},
                               {QStringLiteral("source"), kHuber},
                               {QStringLiteral("params"), QVariantMap{{"delta", 0.5}}}}});
  {
    CustomLossLibrary library;
    QCOMPARE(library.names(), QStringList{QStringLiteral("old huber")});
  }
  // Moved: the file holds it, the settings copy is gone, and it loads from the file again.
  QVERIFY(QFile::exists(CustomLossFile::defaultPath()));
  QVERIFY(QSettings().value(QStringLiteral("formula/customLosses")).toList().isEmpty());
  CustomLossLibrary again;
  QCOMPARE(again.find(QStringLiteral("old huber"))->params, (ParamValues{{"delta", 0.5}}));
  Settings::setEphemeral(true);
}

void TestCustomLossLibrary::damagedRecordsAreSkipped() {
  Settings::setEphemeral(false);
  auto record = [](const QString& name, const QString& source) {
    return QVariantMap{{QStringLiteral("name"), name}, {QStringLiteral("source"), source}};
  };
  QSettings().setValue(
      QStringLiteral("formula/customLosses"),
      QVariantList{record(QStringLiteral("good"), kHuber), record(QString(), kHuber),  // no name
                   record(QStringLiteral("no source"), QString()),
                   record(QStringLiteral("bad\nname"), kHuber),   // control
                   record(QStringLiteral("GOOD"), kTemperature),  // duplicate
                   QVariant(42)});                                // not a record
  CustomLossLibrary loaded;
  QCOMPARE(loaded.names(), QStringList{QStringLiteral("good")});
  QSettings().clear();
  Settings::setEphemeral(true);
}

void TestCustomLossLibrary::freeNameNeverTakesAnExistingName() {
  QVERIFY(library().add({QStringLiteral("Contrastive"), kHuber, {}}));
  QCOMPARE(library().freeName(QStringLiteral("Fresh")), QStringLiteral("Fresh"));
  QCOMPARE(library().freeName(QStringLiteral("Contrastive")), QStringLiteral("Contrastive (2)"));
  QCOMPARE(library().freeName(QStringLiteral("contrastive")), QStringLiteral("contrastive (2)"));
  QVERIFY(library().add({QStringLiteral("Contrastive (2)"), kHuber, {}}));
  QCOMPARE(library().freeName(QStringLiteral("Contrastive")), QStringLiteral("Contrastive (3)"));
  const QString longName(CustomLossLibrary::kMaxNameLength, QLatin1Char('x'));
  QVERIFY(library().add({longName, kHuber, {}}));
  const QString free = library().freeName(longName);
  QVERIFY(free.size() <= CustomLossLibrary::kMaxNameLength);
  QVERIFY(library().nameProblem(free).isEmpty());
}

void TestCustomLossLibrary::idHelpers() {
  using namespace losslab::ui;
  QCOMPARE(customLossId(QStringLiteral("my huber")), QStringLiteral("custom:my huber"));
  QVERIFY(isCustomLossId(QStringLiteral("custom:my huber")));
  QVERIFY(!isCustomLossId(QStringLiteral("huber")));
  QVERIFY(!isCustomLossId(QStringLiteral("Custom:x")));  // the prefix is exact
  QCOMPARE(customLossName(QStringLiteral("custom:a:b")), QStringLiteral("a:b"));
  QCOMPARE(customLossName(QStringLiteral("huber")), QString());
  QVERIFY(library().add({QStringLiteral("h"), kHuber, {}}));
  QVERIFY(isKnownLossId(QStringLiteral("custom:h")));
  QVERIFY(isKnownLossId(QStringLiteral("huber")));
  QVERIFY(!isKnownLossId(QStringLiteral("custom:nope")));
  QVERIFY(!isKnownLossId(QStringLiteral("hubr")));
  QVERIFY(!isKnownLossId(QString()));
}

void TestCustomLossLibrary::createLossForCustomIdEqualsFormulaLoss() {
  QVERIFY(library().add({QStringLiteral("my huber"), kHuber, {{"delta", 0.7}}}));
  const LossPtr loss = ui::createLoss(QStringLiteral("custom:my huber"));
  QCOMPARE(loss->info().name, std::string("my huber"));
  QCOMPARE(loss->params(), (ParamValues{{"delta", 0.7}}));
  const auto direct = FormulaLoss::create(kHuber.toStdString(), {{"delta", 0.7}}, "my huber");
  verifySameNumbers(*loss, *direct);
  // And the formula is the Keras Huber: the built-in with δ = 0.7 gives the same numbers.
  verifySameNumbers(*loss, *LossRegistry::instance().create("huber", {{"delta", 0.7}}));
}

void TestCustomLossLibrary::createLossParameterPriority() {
  QVERIFY(library().add({QStringLiteral("t"), kTemperature, {{"T", 0.6}}}));
  const QString id = QStringLiteral("custom:t");
  // Stored values fill in what is not given; given values win; names the formula does not use
  // (a curve's parameters from an earlier version of the formula) are ignored.
  QCOMPARE(ui::createLoss(id)->params(), (ParamValues{{"T", 0.6}}));
  QCOMPARE(ui::createLoss(id, {{"T", 3.0}})->params(), (ParamValues{{"T", 3.0}}));
  QCOMPARE(ui::createLoss(id, {{"delta", 3.0}})->params(), (ParamValues{{"T", 0.6}}));
  // A given value outside the declared [0.05, 20] throws, naming the range.
  const QString message = errorOf([&] { ui::createLoss(id, {{"T", 50.0}}); });
  QVERIFY2(message.contains(QLatin1String("20")), qPrintable(message));
  // A stored value the formula's range no longer allows falls back to the default (1).
  QVERIFY(library().addOrReplace(
      {QStringLiteral("t"), QStringLiteral("T = 1 in [0.9, 2]\nT*square(r)"), {{"T", 0.6}}}));
  QCOMPARE(ui::createLoss(id)->params(), (ParamValues{{"T", 1.0}}));
}

void TestCustomLossLibrary::createLossForCatalogueIdEqualsRegistry() {
  const LossPtr loss = ui::createLoss(QStringLiteral("huber"), {{"delta", 0.4}});
  QCOMPARE(loss->info().id, std::string("huber"));
  verifySameNumbers(*loss, *LossRegistry::instance().create("huber", {{"delta", 0.4}}));
  // Catalogue ids keep the registry's strictness about parameters.
  const QString message = errorOf([] {
    ui::createLoss(QStringLiteral("huber"), {{"threshold", 1.0}});
  });
  QVERIFY2(message.contains(QLatin1String("threshold")), qPrintable(message));
}

void TestCustomLossLibrary::unknownIdsThrowClearly_data() {
  QTest::addColumn<QString>("id");
  QTest::addColumn<QString>("expected");  // part of the message
  QTest::newRow("missing custom name") << "custom:nope"
                                       << "no custom loss named 'nope'";
  QTest::newRow("custom without name") << "custom:"
                                       << "custom:NAME";
  QTest::newRow("typo in catalogue id") << "hubr"
                                        << "unknown loss 'hubr'; did you mean huber";
  QTest::newRow("empty id") << ""
                            << "no loss id";
}

void TestCustomLossLibrary::unknownIdsThrowClearly() {
  QFETCH(QString, id);
  QFETCH(QString, expected);
  const QString created = errorOf([&] { ui::createLoss(id); });
  QVERIFY2(created.contains(expected), qPrintable(created));
  const QString info = errorOf([&] { ui::lossInfo(id); });
  QVERIFY2(info.contains(expected), qPrintable(info));
}

void TestCustomLossLibrary::storedFormulaThatNoLongerParses() {
  // Only a settings file can hold one (add() refuses it): load it from Settings.
  Settings::setEphemeral(false);
  QSettings().setValue(
      QStringLiteral("formula/customLosses"),
      QVariantList{QVariantMap{{QStringLiteral("name"), QStringLiteral("old")},
                               {QStringLiteral("source"), QStringLiteral("square(r) + frob(p)")}}});
  library().reload();
  QVERIFY(library().contains(QStringLiteral("old")));
  const QString message = errorOf([] { ui::createLoss(QStringLiteral("custom:old")); });
  QVERIFY2(message.startsWith(QLatin1String("custom loss 'old': unknown function 'frob'")),
           qPrintable(message));
  QVERIFY2(message.contains(QLatin1String("(at character 13)")), qPrintable(message));
  QSettings().clear();
  Settings::setEphemeral(true);
  library().reload();
  QVERIFY(library().names().isEmpty());
}

void TestCustomLossLibrary::displayNamesAndInfo() {
  using namespace losslab::ui;
  QVERIFY(library().add({QStringLiteral("my huber"), kHuber, {}}));
  QCOMPARE(lossDisplayName(QStringLiteral("huber")),
           QString::fromStdString(LossRegistry::instance().find("huber")->info.name));
  QCOMPARE(lossDisplayName(QStringLiteral("custom:my huber")), QStringLiteral("my huber"));
  QCOMPARE(lossDisplayName(QStringLiteral("no_such_loss")), QStringLiteral("no_such_loss"));
  const LossInfo info = lossInfo(QStringLiteral("custom:my huber"));
  QCOMPARE(info.name, std::string("my huber"));
  QVERIFY(info.elementwise);
  QCOMPARE(info.params.size(), std::size_t{1});
  QCOMPARE(info.params[0].id, std::string("delta"));
  QCOMPARE(info.params[0].min, 0.01);
  QCOMPARE(info.params[0].max, 10.0);
  QVERIFY(info.params[0].logScale);
  QCOMPARE(lossInfo(QStringLiteral("huber")).id, std::string("huber"));
}

QTEST_GUILESS_MAIN(TestCustomLossLibrary)
#include "tst_custom_loss_library.moc"
