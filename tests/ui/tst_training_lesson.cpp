// SPDX-License-Identifier: GPL-3.0-or-later
// The robust-regression lesson in the Training tab (issue 11): the linear model as a choice, the
// speed control's schedule, direct manipulation of the points on the fit plot, the compare
// mode's comparable history metric and the small multiples.
#include <QComboBox>
#include <QLineEdit>
#include <QTest>

#include "tests/test_utils.h"
#include "ui/common/settings.h"
#include "ui/training/training_config_model.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_view.h"

using namespace losslab;
using namespace losslab::ui;

class TestTrainingLesson : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { Settings::setEphemeral(true); }
  void linearModelIsAChoiceAndNoneIsAccepted();
};

void TestTrainingLesson::linearModelIsAChoiceAndNoneIsAccepted() {
  // Before: no "Linear" choice; Activation stayed enabled for a linear model.
  TrainingView view;
  auto* kind = view.findChild<QComboBox*>(QStringLiteral("modelKind"));
  auto* hidden = view.findChild<QLineEdit*>(QStringLiteral("hiddenWidths"));
  auto* activation = view.findChild<QComboBox*>(QStringLiteral("activation"));
  QVERIFY(kind && hidden && activation);
  QCOMPARE(kind->currentIndex(), 0);
  QVERIFY(activation->isEnabled());

  kind->setCurrentIndex(1);  // "Linear (no hidden layer)"
  QVERIFY(view.session().network.hidden.empty());
  QCOMPARE(hidden->text(), QStringLiteral("none"));
  QVERIFY(!activation->isEnabled());
  QVERIFY(view.cliCommands().contains(QStringLiteral("--hidden none")));

  kind->setCurrentIndex(0);  // back to the network it had
  QCOMPARE(view.session().network.hidden, (std::vector<Eigen::Index>{16, 32}));
  QVERIFY(activation->isEnabled());

  hidden->setText(QStringLiteral("None"));  // typed, as the CLI accepts it
  emit hidden->editingFinished();
  QVERIFY(view.session().network.hidden.empty());
  QCOMPARE(kind->currentIndex(), 1);
  QVERIFY(!activation->isEnabled());
  QVERIFY(view.trainEpochsBlocking(2));
}

QTEST_MAIN(TestTrainingLesson)
#include "tst_training_lesson.moc"
