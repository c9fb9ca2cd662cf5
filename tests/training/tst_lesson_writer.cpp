// SPDX-License-Identifier: GPL-3.0-or-later
// Writing lesson files (issue 14 item 4): the state a teacher set up becomes the lesson's next
// step. Every field written reads back as it was (lessonFromJson, the reader the app plays
// with), the steps already in a file stay as they are, and a file that is not a lesson is
// refused before anything is written.
#include <QTest>
#include <fstream>
#include <sstream>

#include "core/engine/error.h"
#include "core/training/lesson_writer.h"

using namespace losslab;

namespace {

const std::string kExample = LOSSLAB_SOURCE_DIR "/docs/mse-mae-huber.losslab";

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// An explorer state with every field away from its default.
LessonExplorer unusualExplorer() {
  LessonExplorer e;
  e.curves = {{"huber", {{"delta", 0.1 + 0.2}}},  // 0.30000000000000004: shortest round trip
              {"mean_absolute_error", {}}};
  e.secondDerivative = true;
  e.from = -4.5;
  e.to = 2.25;
  e.yRanges[0] = LessonRange{0, 5};
  e.yRanges[2] = LessonRange{-0.5, 1.5};
  e.thresholds = true;
  e.formulas = false;
  e.notes = {{"鲁棒: bounded pull", 1.5, 2, 1}};
  e.arrows = {{0.5, 3, 1, 1, 0}, {-1, -1, -2, -0.5, 2}};
  return e;
}

}  // namespace

class TestLessonWriter : public QObject {
  Q_OBJECT

 private slots:
  void aNewLessonReadsBackEveryField();
  void appendingKeepsTheStepsThere();
  void aFileThatIsNotALessonIsRefused();
};

void TestLessonWriter::aNewLessonReadsBackEveryField() {
  LessonStep step;
  step.title = "Huber, δ small";
  step.caption = "Almost MAE.";
  step.explorer = unusualExplorer();
  const std::string text = appendLessonStep({}, step, "My lecture");
  const Lesson lesson = lessonFromJson(text);
  QCOMPARE(lesson.title, std::string("My lecture"));
  QCOMPARE(lesson.steps.size(), std::size_t{1});
  const LessonStep& back = lesson.steps[0];
  QCOMPARE(back.title, step.title);
  QCOMPARE(back.caption, step.caption);
  QVERIFY(!back.trainingTab);
  QVERIFY(!back.training);
  QCOMPARE(back.trainEpochs, 0);
  const LessonExplorer& e = *back.explorer;
  const LessonExplorer want = unusualExplorer();
  QCOMPARE(e.curves.size(), std::size_t{2});
  QCOMPARE(e.curves[0].loss, std::string("huber"));
  QCOMPARE(e.curves[0].params.at("delta"), 0.1 + 0.2);  // bit for bit
  QCOMPARE(e.curves[1].loss, std::string("mean_absolute_error"));
  QVERIFY(e.secondDerivative);
  QCOMPARE(e.from, -4.5);
  QCOMPARE(e.to, 2.25);
  for (int p = 0; p < kLessonPanels; ++p) {
    QVERIFY(e.yRanges[p] == want.yRanges[p]);
  }
  QVERIFY(e.thresholds == want.thresholds);
  QVERIFY(e.formulas == want.formulas);
  QVERIFY(e.notes == want.notes);
  QVERIFY(e.arrows == want.arrows);

  // A training step: the Training tab, its configuration, the epochs to train when shown.
  LessonStep training;
  training.title = "Train";
  training.trainingTab = true;
  training.explorer = unusualExplorer();
  TrainingConfig config;
  config.data.outlierFraction = 0.35;
  config.compare = true;
  config.compareLosses = {{"mean_squared_error", {}, {}}, {"huber", {{"delta", 0.7}}, {}}};
  config.epochs = 300;
  training.training = config;
  training.trainEpochs = 300;
  const Lesson two = lessonFromJson(appendLessonStep(text, training));
  QCOMPARE(two.steps.size(), std::size_t{2});
  const LessonStep& t = two.steps[1];
  QVERIFY(t.trainingTab);
  QVERIFY(t.training && *t.training == config);
  QCOMPARE(t.trainEpochs, 300);
  QCOMPARE(t.explorerSource, 1);  // a whole state of its own, not the first step's
  QCOMPARE(t.trainingSource, 1);
  QCOMPARE(two.title, std::string("My lecture"));  // the file's title stays
}

void TestLessonWriter::appendingKeepsTheStepsThere() {
  const std::string original = readFile(kExample);
  const Lesson before = lessonFromJson(original);
  LessonStep step;
  step.title = "Which δ?";
  step.explorer = unusualExplorer();
  const Lesson after = lessonFromJson(appendLessonStep(original, step));
  QCOMPARE(after.steps.size(), before.steps.size() + 1);
  QCOMPARE(after.title, before.title);
  for (std::size_t i = 0; i < before.steps.size(); ++i) {
    const LessonStep& a = before.steps[i];
    const LessonStep& b = after.steps[i];
    QCOMPARE(b.title, a.title);
    QCOMPARE(b.caption, a.caption);
    QCOMPARE(b.trainingTab, a.trainingTab);
    QCOMPARE(b.explorerSource, a.explorerSource);
    QCOMPARE(b.trainingSource, a.trainingSource);
    QCOMPARE(b.trainEpochs, a.trainEpochs);
    QVERIFY(b.training == a.training);
    QCOMPARE(b.explorer->curves.size(), a.explorer->curves.size());
    QCOMPARE(b.explorer->preset, a.explorer->preset);
    QVERIFY(b.explorer->notes == a.explorer->notes);
  }
  // The new step inherits nothing: its explorer is its own, its training the last step's.
  const LessonStep& added = after.steps.back();
  QCOMPARE(added.explorerSource, static_cast<int>(before.steps.size()));
  QCOMPARE(added.trainingSource, before.steps.back().trainingSource);
}

void TestLessonWriter::aFileThatIsNotALessonIsRefused() {
  LessonStep step;
  step.title = "x";
  step.explorer = unusualExplorer();
  for (const char* bad : {"{", "{\"format\": \"losslab-session\"}",
                          "{\"format\": \"losslab-lesson\", \"version\": 1, \"steps\": []}"}) {
    bool refused = false;
    try {
      appendLessonStep(bad, step);
    } catch (const Error& e) {
      refused = e.kind() == Error::Kind::Data;
    }
    QVERIFY2(refused, bad);
  }
  // A step the reader would refuse (the Training tab without a configuration) is not written.
  LessonStep noTraining;
  noTraining.title = "y";
  noTraining.trainingTab = true;
  QVERIFY_THROWS_EXCEPTION(Error, appendLessonStep({}, noTraining));
}

QTEST_APPLESS_MAIN(TestLessonWriter)
#include "tst_lesson_writer.moc"
