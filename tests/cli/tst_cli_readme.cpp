// SPDX-License-Identifier: GPL-3.0-or-later
// The README's command reference is the help the program generates: the block between the
// markers below must be, character for character, the "Usage:" paragraph of every
// 'losslab-cli COMMAND --help'. On a mismatch the test prints the block to paste.
#include <QFile>
#include <QTest>

#include "tests/cli_runner.h"

namespace {

using losslab::test::CliRun;
using losslab::test::runCli;

const QString kBegin = QStringLiteral("<!-- losslab-cli usage: begin -->");
const QString kEnd = QStringLiteral("<!-- losslab-cli usage: end -->");
const QStringList kCommands{"list",   "eval",   "curve", "bench",    "train",
                            "derive", "export", "sweep", "landscape"};

/// The usage paragraph of a help text: from "Usage:" to the first blank line.
QString usageParagraph(const QString& help) {
  const qsizetype blank = help.indexOf(QStringLiteral("\n\n"));
  return help.left(blank < 0 ? help.size() : blank + 1);
}

QString readmeBlock() {
  QFile f(QStringLiteral(LOSSLAB_SOURCE_DIR "/README.md"));
  if (!f.open(QIODevice::ReadOnly)) {
    return {};
  }
  const QString text = QString::fromUtf8(f.readAll());
  const qsizetype begin = text.indexOf(kBegin);
  const qsizetype end = text.indexOf(kEnd);
  if (begin < 0 || end < begin) {
    return {};
  }
  return text.mid(begin + kBegin.size(), end - begin - kBegin.size());
}

}  // namespace

class TestCliReadme : public QObject {
  Q_OBJECT

 private slots:
  void usageBlockMatchesTheHelp();
  void synopsisNamesEveryOption();
};

void TestCliReadme::usageBlockMatchesTheHelp() {
  QString expected = QStringLiteral("\n```text\n");
  for (const QString& command : kCommands) {
    const CliRun run = runCli({command, "--help"});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.startsWith("Usage: losslab-cli " + command));
    expected += usageParagraph(run.out);
  }
  expected += QStringLiteral("```\n");
  const QString actual = readmeBlock();
  QVERIFY2(!actual.isEmpty(), "README.md has no losslab-cli usage block");
  if (actual != expected) {
    qWarning("README.md's usage block should read:\n%s%s%s", qPrintable(kBegin),
             qPrintable(expected), qPrintable(kEnd));
  }
  QCOMPARE(actual, expected);
}

void TestCliReadme::synopsisNamesEveryOption() {
  // The generated synopsis leaves no option of the option list out (help excepted).
  for (const QString& command : kCommands) {
    const CliRun run = runCli({command, "--help"});
    const QString usage = usageParagraph(run.out);
    const QString options = run.out.mid(run.out.indexOf(QStringLiteral("\nOptions:\n")));
    int count = 0;
    for (const QString& line : options.split('\n')) {
      if (line.startsWith(QStringLiteral("  --"))) {
        const QString option = line.mid(2).section(' ', 0, 0);
        QVERIFY2(usage.contains(option + ' ') || usage.contains(option + ']'),
                 qPrintable(command + ": " + option));
        ++count;
      }
    }
    QVERIFY2(count > 0, qPrintable(command));
  }
}

QTEST_MAIN(TestCliReadme)
#include "tst_cli_readme.moc"
