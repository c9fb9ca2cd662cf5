// SPDX-License-Identifier: GPL-3.0-or-later
// The formula editor dock (issue 6): live validation with the error underlined where the parser
// points, readable derivatives, completion, syntax colours that stay readable in both themes,
// templates, and Plot / Save / Delete through the custom-loss library.
#include <QAbstractItemView>
#include <QCompleter>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStringListModel>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>
#include <cmath>

#include "core/export/code_export.h"
#include "core/formula/formula_loss.h"
#include "tests/test_utils.h"
#include "ui/common/code_export_dialog.h"
#include "ui/common/custom_loss_library.h"
#include "ui/common/loss_factory.h"
#include "ui/common/settings.h"
#include "ui/common/theme.h"
#include "ui/formula/formula_editor.h"
#include "ui/formula/formula_highlighter.h"
#include "ui/formula/formula_templates.h"

using namespace losslab;
using losslab::ui::CustomLossLibrary;
using losslab::ui::FormulaEditor;
using losslab::ui::FormulaHighlighter;

namespace {

CustomLossLibrary& library() {
  return CustomLossLibrary::instance();
}

/// The format the highlighter gave the character at `position` of the first block.
QTextCharFormat formatAt(const QTextDocument* document, int position) {
  const QTextBlock block = document->findBlock(position);
  for (const QTextLayout::FormatRange& range : block.layout()->formats()) {
    const int offset = position - block.position();
    if (offset >= range.start && offset < range.start + range.length) {
      return range.format;
    }
  }
  return {};
}

/// WCAG 2 contrast ratio of two colours (relative luminance of sRGB).
double contrast(const QColor& a, const QColor& b) {
  auto luminance = [](const QColor& c) {
    auto channel = [](double v) {
      return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
  };
  const double la = luminance(a);
  const double lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

bool anyLabelShows(const QWidget& widget, const QString& text) {
  for (const QLabel* label : widget.findChildren<QLabel*>()) {
    if (label->text() == text && label->isVisibleTo(&widget)) {
      return true;
    }
  }
  return false;
}

}  // namespace

class TestFormulaEditor : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void init();

  void validFormulaShowsDerivatives_data();
  void validFormulaShowsDerivatives();
  void invalidFormulaIsUnderlinedWhereTheParserPoints_data();
  void invalidFormulaIsUnderlinedWhereTheParserPoints();
  void validationRunsWhileTyping();
  void completionOffersFunctionsVariablesAndParameters();
  void completionPopupCompletesAWord();
  void highlighterColoursEachRole();
  void highlighterColoursAreReadableInBothThemes();
  void templateReplacesTextUndoably();
  void plotSavesAndEmitsTheCustomId();
  void plotShortcutIsCtrlReturn();
  void plotRefusesInvalidFormulaOrName();
  void saveDoesNotOverwriteAnotherEntry();
  void secondTemplateNeverReplacesTheFirstSilently();
  void deleteRemovesFromLibraryButKeepsText();
  void exportAsCodeShowsTheEnginesCode();
};

void TestFormulaEditor::initTestCase() {
  ui::Settings::setEphemeral(true);
}

void TestFormulaEditor::init() {
  for (const QString& name : library().names()) {
    library().remove(name);
  }
}

void TestFormulaEditor::validFormulaShowsDerivatives_data() {
  // Hand derivations: d/dp (p − y)² = 2(p − y), d² = 2; d/dp |r| = sign(r), d² = 0 (TF's
  // subgradient 0 at the kink); d/dp T·r² = 2T·r, d² = 2T. Spelled as the engine prints them
  // (tst_formula checks the same strings against the parser directly).
  QTest::addColumn<QString>("source");
  QTest::addColumn<QString>("d1");
  QTest::addColumn<QString>("d2");
  QTest::addColumn<QStringList>("params");
  QTest::newRow("square(p - y)") << "square(p - y)"
                                 << "2*(p - y)"
                                 << "2" << QStringList{};
  QTest::newRow("abs(r)") << "abs(r)"
                          << "sign(r)"
                          << "0" << QStringList{};
  QTest::newRow("T * square(r)") << "T * square(r)"
                                 << "2*T*r"
                                 << "2*T" << QStringList{QStringLiteral("T")};
}

void TestFormulaEditor::validFormulaShowsDerivatives() {
  QFETCH(QString, source);
  QFETCH(QString, d1);
  QFETCH(QString, d2);
  QFETCH(QStringList, params);
  FormulaEditor editor;
  editor.setFormula(source);
  QVERIFY2(editor.isValid(), qPrintable(editor.validationMessage()));
  QVERIFY(editor.validationMessage().isEmpty());
  QCOMPARE(editor.errorPosition(), -1);
  QVERIFY(editor.errorSelections().isEmpty());
  QCOMPARE(editor.derivativeText(), d1);
  QCOMPARE(editor.secondDerivativeText(), d2);
  QCOMPARE(editor.parameterNames(), params);
  QVERIFY2(anyLabelShows(editor, d1), "the derivative is shown in a label");
}

void TestFormulaEditor::invalidFormulaIsUnderlinedWhereTheParserPoints_data() {
  QTest::addColumn<QString>("source");
  QTest::addColumn<int>("position");  // 0-based character index, counted by hand
  QTest::addColumn<int>("length");    // characters underlined
  QTest::addColumn<QString>("message");
  QTest::newRow("unknown function") << "square(p) + foo(p)" << 12 << 3 << "unknown function 'foo'";
  QTest::newRow("unbalanced parenthesis") << "square(p - y" << 6 << 1 << "unbalanced '('";
  QTest::newRow("parameter named like a variable") << "r = 2\nsquare(p)" << 0 << 1 << "'r'";
  QTest::newRow("non-ASCII name") << "δ*abs(r)" << 0 << 1 << "'δ'";
  // A comment with a non-ASCII character before the error: the parser counts UTF-8 bytes
  // ("# δ\n" is 5 bytes), the editor counts characters (4).
  QTest::newRow("after a non-ASCII comment")
      << "# δ\nsquare(r) + foo(r)" << 16 << 3 << "unknown function 'foo'";
}

void TestFormulaEditor::invalidFormulaIsUnderlinedWhereTheParserPoints() {
  QFETCH(QString, source);
  QFETCH(int, position);
  QFETCH(int, length);
  QFETCH(QString, message);
  FormulaEditor editor;
  editor.setFormula(source);
  QVERIFY(!editor.isValid());
  QCOMPARE(editor.errorPosition(), position);
  const QString text = editor.validationMessage();
  QVERIFY2(text.contains(message), qPrintable(text));
  QVERIFY2(text.contains(QStringLiteral("(at character %1)").arg(position + 1)), qPrintable(text));
  // The caret line: the offending line, then a caret under the character.
  const QStringList lines = text.split(QLatin1Char('\n'));
  QVERIFY(lines.size() >= 3);
  const int lineStart =
      position > 0 ? static_cast<int>(source.lastIndexOf(QLatin1Char('\n'), position - 1)) + 1 : 0;
  const int column = position - lineStart;
  QCOMPARE(lines.last(), QString(column, QLatin1Char(' ')) + QLatin1Char('^'));
  // Shown under the text: the message (wrapping) and the line with its caret (not wrapping).
  QVERIFY2(anyLabelShows(editor, lines.first()), "the message is shown under the text");
  QVERIFY2(anyLabelShows(editor, lines.mid(1).join(QLatin1Char('\n'))), "the caret is shown");
  QVERIFY(editor.derivativeText().isEmpty());

  const QList<QTextEdit::ExtraSelection> selections = editor.errorSelections();
  QCOMPARE(selections.size(), 1);
  QCOMPARE(selections[0].cursor.selectionStart(), position);
  QCOMPARE(selections[0].cursor.selectionEnd(), position + length);
  QCOMPARE(selections[0].format.underlineStyle(), QTextCharFormat::WaveUnderline);

  // Fixing the formula removes the underline and the message.
  editor.setFormula(QStringLiteral("square(r)"));
  QVERIFY(editor.isValid());
  QVERIFY(editor.errorSelections().isEmpty());
  QVERIFY(!anyLabelShows(editor, lines.first()));
}

void TestFormulaEditor::validationRunsWhileTyping() {
  FormulaEditor editor;
  editor.show();
  QVERIFY(!editor.isValid());  // empty: a hint, not valid
  QVERIFY(!editor.validationMessage().isEmpty());
  editor.textEdit()->setFocus();
  QTest::keyClicks(editor.textEdit(), QStringLiteral("log_cosh(r"));
  QTRY_VERIFY(!editor.validationMessage().isEmpty() && editor.errorPosition() == 8);
  QTest::keyClicks(editor.textEdit(), QStringLiteral(")"));
  QTRY_VERIFY(editor.isValid());
  QCOMPARE(editor.derivativeText(), QStringLiteral("tanh(r)"));  // d log cosh r/dr = tanh r
}

void TestFormulaEditor::completionOffersFunctionsVariablesAndParameters() {
  FormulaEditor editor;
  auto* model = qobject_cast<QStringListModel*>(editor.completer()->model());
  QVERIFY(model);
  const QStringList words = model->stringList();
  for (const char* word :
       {"log_cosh", "sigmoid", "softplus", "clip", "where", "mean", "y_pred", "y_true", "eps"}) {
    QVERIFY2(words.contains(QLatin1String(word)), word);
  }
  QVERIFY(!words.contains(QStringLiteral("delta")));
  editor.setFormula(QStringLiteral("delta = 1\nwhere(abs(r) <= delta, square(r), abs(r)*tau)"));
  const QStringList withParams = model->stringList();
  QVERIFY(withParams.contains(QStringLiteral("delta")));
  QVERIFY(withParams.contains(QStringLiteral("tau")));
  // While the text is broken, the last parameters stay on offer.
  editor.setFormula(QStringLiteral("delta = 1\nwhere(abs(r) <= de"));
  QVERIFY(!editor.isValid());
  QVERIFY(model->stringList().contains(QStringLiteral("delta")));
}

void TestFormulaEditor::completionPopupCompletesAWord() {
  FormulaEditor editor;
  editor.show();
  QVERIFY(QTest::qWaitForWindowExposed(&editor));
  editor.textEdit()->setFocus();
  QTest::keyClicks(editor.textEdit(), QStringLiteral("log_c"));
  QCompleter* completer = editor.completer();
  QTRY_VERIFY(completer->popup()->isVisible());
  QCOMPARE(completer->completionPrefix(), QStringLiteral("log_c"));
  QCOMPARE(completer->currentCompletion(), QStringLiteral("log_cosh"));
  QTest::keyClick(completer->popup(), Qt::Key_Return);
  QCOMPARE(editor.formula(), QStringLiteral("log_cosh"));
  QVERIFY(!completer->popup()->isVisible());
}

void TestFormulaEditor::highlighterColoursEachRole() {
  FormulaEditor editor;
  const QString source = QStringLiteral("delta = 2 in [0.5, 4] log\nsquare(r)*delta + pi # note");
  editor.setFormula(source);
  const QTextDocument* document = editor.textEdit()->document();
  const FormulaHighlighter* h = editor.highlighter();
  using Role = FormulaHighlighter::Role;
  const auto colourAt = [&](const QString& needle, int from = 0) {
    return formatAt(document, static_cast<int>(source.indexOf(needle, from))).foreground().color();
  };
  const int line2 = static_cast<int>(source.indexOf(QLatin1Char('\n'))) + 1;
  QCOMPARE(colourAt(QStringLiteral("delta")), h->format(Role::Parameter).foreground().color());
  QCOMPARE(colourAt(QStringLiteral("in")), h->format(Role::Keyword).foreground().color());
  QCOMPARE(colourAt(QStringLiteral("log")), h->format(Role::Keyword).foreground().color());
  QCOMPARE(colourAt(QStringLiteral("0.5")), h->format(Role::Number).foreground().color());
  QCOMPARE(colourAt(QStringLiteral("square")), h->format(Role::Function).foreground().color());
  QCOMPARE(colourAt(QStringLiteral("r"), line2 + 7),
           h->format(Role::Variable).foreground().color());
  QCOMPARE(colourAt(QStringLiteral("delta"), line2),
           h->format(Role::Parameter).foreground().color());
  QCOMPARE(colourAt(QStringLiteral("pi")), h->format(Role::Constant).foreground().color());
  QCOMPARE(colourAt(QStringLiteral("# note")), h->format(Role::Comment).foreground().color());
  // The roles are told apart by colour.
  QVERIFY(h->format(Role::Function).foreground().color() !=
          h->format(Role::Parameter).foreground().color());
  QVERIFY(h->format(Role::Variable).foreground().color() !=
          h->format(Role::Parameter).foreground().color());
}

void TestFormulaEditor::highlighterColoursAreReadableInBothThemes() {
  using Role = FormulaHighlighter::Role;
  QTextDocument document;
  FormulaHighlighter highlighter(&document);
  for (const QPalette& palette : {ui::lightPalette(), ui::darkPalette()}) {
    highlighter.setPalette(palette);
    const QColor base = palette.color(QPalette::Base);
    for (Role role : {Role::Function, Role::Variable, Role::Constant, Role::Parameter, Role::Number,
                      Role::Operator, Role::Keyword, Role::Comment}) {
      const double ratio = contrast(highlighter.format(role).foreground().color(), base);
      constexpr double kWcagAa = 4.5;  // WCAG 2 AA for body text
      QVERIFY2(ratio >= kWcagAa, qPrintable(QStringLiteral("role %1 on %2: %3")
                                                .arg(static_cast<int>(role))
                                                .arg(base.name())
                                                .arg(ratio)));
    }
    QVERIFY(contrast(losslab::ui::errorColor(palette), base) >= 4.5);
  }
  QVERIFY(!losslab::ui::isDarkPalette(ui::lightPalette()));
  QVERIFY(losslab::ui::isDarkPalette(ui::darkPalette()));
}

void TestFormulaEditor::templateReplacesTextUndoably() {
  FormulaEditor editor;
  editor.setFormula(QStringLiteral("abs(r)"));
  QVERIFY(editor.applyTemplate(QStringLiteral("huber_threshold")));
  const auto huber = ui::FormulaTemplates::find(QStringLiteral("huber_threshold"));
  QCOMPARE(editor.formula(), huber->source);
  QVERIFY(editor.isValid());
  QCOMPARE(editor.parameterNames(), QStringList{QStringLiteral("threshold")});
  QCOMPARE(editor.lossName(), huber->title);  // suggested while the name was empty
  // Another template replaces a suggested name, but never one the user typed.
  QVERIFY(editor.applyTemplate(QStringLiteral("contrastive_margin")));
  QCOMPARE(editor.lossName(),
           ui::FormulaTemplates::find(QStringLiteral("contrastive_margin"))->title);
  editor.setLossName(QStringLiteral("mine"));
  QVERIFY(editor.applyTemplate(QStringLiteral("rmse")));
  QCOMPARE(editor.lossName(), QStringLiteral("mine"));
  QVERIFY(!editor.applyTemplate(QStringLiteral("no_such_template")));
  // Each replacement is one undo step.
  editor.textEdit()->undo();
  QCOMPARE(editor.formula(),
           ui::FormulaTemplates::find(QStringLiteral("contrastive_margin"))->source);
  editor.textEdit()->undo();
  editor.textEdit()->undo();
  QCOMPARE(editor.formula(), QStringLiteral("abs(r)"));
}

void TestFormulaEditor::plotSavesAndEmitsTheCustomId() {
  FormulaEditor editor;
  QSignalSpy plotted(&editor, &FormulaEditor::plotRequested);
  editor.applyTemplate(QStringLiteral("temperature_mse"));
  editor.setLossName(QStringLiteral("seed temperature"));
  QVERIFY(editor.plot());
  QCOMPARE(plotted.count(), 1);
  QCOMPARE(plotted.at(0).at(0).toString(), QStringLiteral("custom:seed temperature"));
  const std::optional<ui::CustomLoss> saved = library().find(QStringLiteral("seed temperature"));
  QVERIFY(saved.has_value());
  QCOMPARE(saved->source, editor.formula());
  // The id the explorer receives turns into the same loss through the factory.
  const LossPtr loss = ui::createLoss(plotted.at(0).at(0).toString(), {{"temperature", 0.6}});
  QCOMPARE(loss->info().name, std::string("seed temperature"));
  QCOMPARE(loss->params(), (ParamValues{{"temperature", 0.6}}));

  // Plotting an edited formula updates the same entry (no duplicate) and keeps slider values.
  library().setParams(QStringLiteral("seed temperature"), {{"temperature", 0.6}});
  editor.setFormula(QStringLiteral("temperature = 1 in [0.05, 20] log\nabs(r)*temperature"));
  QVERIFY(editor.plot());
  QCOMPARE(plotted.count(), 2);
  QCOMPARE(library().names(), QStringList{QStringLiteral("seed temperature")});
  QCOMPARE(library().find(QStringLiteral("seed temperature"))->source, editor.formula());
  QCOMPARE(library().find(QStringLiteral("seed temperature"))->params,
           (ParamValues{{"temperature", 0.6}}));
}

void TestFormulaEditor::plotShortcutIsCtrlReturn() {
  FormulaEditor editor;
  editor.show();
  QVERIFY(QTest::qWaitForWindowActive(&editor));
  editor.setFormula(QStringLiteral("log_cosh(r)"));
  editor.setLossName(QStringLiteral("lc"));
  QSignalSpy plotted(&editor, &FormulaEditor::plotRequested);
  editor.textEdit()->setFocus();
  QTest::keyClick(editor.textEdit(), Qt::Key_Return, Qt::ControlModifier);
  QCOMPARE(plotted.count(), 1);
  QCOMPARE(plotted.at(0).at(0).toString(), QStringLiteral("custom:lc"));
  QCOMPARE(editor.formula(), QStringLiteral("log_cosh(r)"));  // no line break typed
}

void TestFormulaEditor::plotRefusesInvalidFormulaOrName() {
  FormulaEditor editor;
  QSignalSpy plotted(&editor, &FormulaEditor::plotRequested);
  editor.setLossName(QStringLiteral("broken"));
  editor.setFormula(QStringLiteral("square(r"));
  QVERIFY(!editor.plot());
  QVERIFY2(editor.statusMessage().contains(QLatin1String("unbalanced")),
           qPrintable(editor.statusMessage()));
  editor.setFormula(QStringLiteral("square(r)"));
  editor.setLossName(QString());
  QVERIFY(!editor.plot());
  QVERIFY2(editor.statusMessage().contains(QLatin1String("name")),
           qPrintable(editor.statusMessage()));
  editor.setLossName(QStringLiteral("bad\tname"));
  QVERIFY(!editor.plot());
  QVERIFY2(editor.statusMessage().contains(QLatin1String("control character")),
           qPrintable(editor.statusMessage()));
  QCOMPARE(plotted.count(), 0);
  QVERIFY(library().names().isEmpty());
}

void TestFormulaEditor::saveDoesNotOverwriteAnotherEntry() {
  QVERIFY(library().add({QStringLiteral("theirs"), QStringLiteral("abs(r)"), {}}));
  FormulaEditor editor;
  QStringList asked;
  FormulaEditor::ReplaceChoice answer = FormulaEditor::ReplaceChoice::Cancel;
  editor.setReplaceQuestion([&](const QString& name, const QString& freeName) {
    asked << name + QStringLiteral(" / ") + freeName;
    return answer;
  });
  editor.setFormula(QStringLiteral("square(r)"));
  editor.setLossName(QStringLiteral("theirs"));
  // Cancel: nothing changes, the status says why.
  QVERIFY(!editor.saveToLibrary());
  QCOMPARE(asked, QStringList{QStringLiteral("theirs / theirs (2)")});
  QVERIFY2(editor.statusMessage().contains(QLatin1String("already")),
           qPrintable(editor.statusMessage()));
  QCOMPARE(library().find(QStringLiteral("theirs"))->source, QStringLiteral("abs(r)"));
  // Save as new: a second entry, the first untouched.
  answer = FormulaEditor::ReplaceChoice::SaveAsNew;
  QVERIFY(editor.saveToLibrary());
  QCOMPARE(library().names(),
           (QStringList{QStringLiteral("theirs"), QStringLiteral("theirs (2)")}));
  QCOMPARE(library().find(QStringLiteral("theirs"))->source, QStringLiteral("abs(r)"));
  QCOMPARE(editor.lossName(), QStringLiteral("theirs (2)"));
  // Replace, explicitly chosen.
  answer = FormulaEditor::ReplaceChoice::Replace;
  editor.setLossName(QStringLiteral("theirs"));
  QVERIFY(editor.saveToLibrary());
  QCOMPARE(library().find(QStringLiteral("theirs"))->source, QStringLiteral("square(r)"));
  // Opened from the library, it is this editor's entry: saving updates it without asking.
  asked.clear();
  QVERIFY(editor.openFromLibrary(QStringLiteral("theirs")));
  editor.setFormula(QStringLiteral("abs(r) + 1"));
  QVERIFY(editor.saveToLibrary());
  QVERIFY(asked.isEmpty());
  QCOMPARE(library().find(QStringLiteral("theirs"))->source, QStringLiteral("abs(r) + 1"));
  // A new name saves a copy.
  editor.setLossName(QStringLiteral("copy"));
  QVERIFY(editor.saveToLibrary());
  QCOMPARE(library().names(), (QStringList{QStringLiteral("theirs"), QStringLiteral("theirs (2)"),
                                           QStringLiteral("copy")}));
  QVERIFY(!editor.openFromLibrary(QStringLiteral("missing")));
}

void TestFormulaEditor::secondTemplateNeverReplacesTheFirstSilently() {
  // Issue 16: template "Temperature-scaled MSE", Plot; template "contrastive", Plot replaced the
  // saved formula under the first template's name without a question.
  FormulaEditor editor;
  int questions = 0;
  editor.setReplaceQuestion([&](const QString&, const QString&) {
    ++questions;
    return FormulaEditor::ReplaceChoice::Cancel;
  });
  QVERIFY(editor.applyTemplate(QStringLiteral("temperature_mse")));
  const QString first = editor.lossName();
  QVERIFY(editor.plot());
  const QString firstSource = library().find(first)->source;
  QVERIFY(editor.applyTemplate(QStringLiteral("contrastive_margin")));
  QVERIFY(editor.lossName() != first);  // the new template's own name
  QVERIFY(editor.plot());
  QCOMPARE(questions, 0);
  QCOMPARE(library().find(first)->source, firstSource);
  QCOMPARE(library().names().size(), 2);
  // Even a name the user typed before the template is never replaced without asking.
  editor.setLossName(first);
  QVERIFY(editor.applyTemplate(QStringLiteral("rmse")));
  QCOMPARE(editor.lossName(), first);
  QVERIFY(!editor.plot());
  QCOMPARE(questions, 1);
  QCOMPARE(library().find(first)->source, firstSource);
}

void TestFormulaEditor::deleteRemovesFromLibraryButKeepsText() {
  FormulaEditor editor;
  editor.setFormula(QStringLiteral("abs(r)"));
  editor.setLossName(QStringLiteral("to delete"));
  QVERIFY(editor.saveToLibrary());
  QVERIFY(library().contains(QStringLiteral("to delete")));
  QVERIFY(editor.deleteFromLibrary());
  QVERIFY(!library().contains(QStringLiteral("to delete")));
  QCOMPARE(editor.formula(), QStringLiteral("abs(r)"));
  QVERIFY(!editor.deleteFromLibrary());  // nothing left to delete
  QVERIFY(editor.saveToLibrary());       // and Save puts it back
  QVERIFY(library().contains(QStringLiteral("to delete")));
}

void TestFormulaEditor::exportAsCodeShowsTheEnginesCode() {
  FormulaEditor editor;
  editor.applyTemplate(QStringLiteral("contrastive_margin"));
  editor.setLossName(QStringLiteral("siamese"));
  QVERIFY(editor.saveToLibrary());
  library().setParams(QStringLiteral("siamese"), {{"margin", 2.0}});
  ui::CodeExportDialog* dialog = editor.exportAsCode();
  QVERIFY(dialog);
  // The library's slider value is the exported default.
  const auto expected =
      FormulaLoss::create(editor.formula().toStdString(), {{"margin", 2.0}}, "siamese");
  QCOMPARE(dialog->code(), QString::fromStdString(exportCode(*expected, CodeTarget::Keras)));
  dialog->close();
  editor.setFormula(QStringLiteral("foo("));
  QVERIFY(!editor.exportAsCode());
}

QTEST_MAIN(TestFormulaEditor)
#include "tst_formula_editor.moc"
