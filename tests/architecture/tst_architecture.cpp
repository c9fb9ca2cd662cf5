// SPDX-License-Identifier: GPL-3.0-or-later
// The layout is the architecture (issue 10): folders are CMake targets and #include paths name
// the folder they reach into, so the dependency rules can be read off the sources. This test
// reads every source file and fails on an include that points the wrong way, on Qt anywhere
// in core/, on an over-long file, and on a README layout table that no longer matches the tree.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

namespace {

const QString kRoot = QStringLiteral(LOSSLAB_SOURCE_DIR);

/// Which folders (targets) a folder's files may include from. A folder may always include its
/// own headers. "core/*" stands for every folder under core/.
struct Rule {
  const char* folder;
  QStringList mayInclude;
};

const QList<Rule>& rules() {
  static const QList<Rule> table = {
      {"core/engine", {}},
      {"core/losses", {"core/engine"}},
      {"core/formula", {"core/engine"}},
      {"core/export", {"core/engine", "core/formula", "core/io", "core/training"}},
      {"core/io", {"core/engine"}},
      {"core/training", {"core/engine", "core/losses", "core/formula", "core/io"}},
      {"core/testing", {"core/engine"}},
      {"ui/common", {"core/*"}},
      {"ui/explorer", {"core/*", "ui/common"}},
      {"ui/formula", {"core/*", "ui/common"}},
      {"ui/training", {"core/*", "ui/common"}},
      {"ui/sweep", {"core/*", "ui/common"}},
      {"ui/shell", {"core/*", "ui/common", "ui/explorer", "ui/formula", "ui/training", "ui/sweep"}},
      {"bench/gui", {"core/*", "ui/*"}},
      {"app/gui", {"core/*", "ui/*", "bench/gui"}},
      {"app/cli",
       {"core/engine", "core/losses", "core/formula", "core/export", "core/training", "core/io"}},
  };
  return table;
}

QString folderOf(const QString& relativePath) {
  const QStringList parts = relativePath.split(QLatin1Char('/'));
  return parts.size() >= 3 ? parts[0] + QLatin1Char('/') + parts[1] : QString();
}

bool allowed(const Rule& rule, const QString& targetFolder) {
  if (targetFolder == QLatin1String(rule.folder)) {
    return true;
  }
  for (const QString& pattern : rule.mayInclude) {
    if (pattern.endsWith(QLatin1String("/*"))
            ? targetFolder.startsWith(pattern.left(pattern.size() - 1))
            : targetFolder == pattern) {
      return true;
    }
  }
  return false;
}

QStringList sourceFiles(const QString& top) {
  QStringList files;
  QDirIterator it(kRoot + QLatin1Char('/') + top, {QStringLiteral("*.h"), QStringLiteral("*.cpp")},
                  QDir::Files, QDirIterator::Subdirectories);
  while (it.hasNext()) {
    files << QDir(kRoot).relativeFilePath(it.next());
  }
  files.sort();
  return files;
}

QString read(const QString& relativePath) {
  QFile file(kRoot + QLatin1Char('/') + relativePath);
  if (!file.open(QIODevice::ReadOnly)) {
    return {};
  }
  return QString::fromUtf8(file.readAll());
}

}  // namespace

class TestArchitecture : public QObject {
  Q_OBJECT

 private slots:
  void everyFolderHasARule();
  void includesPointDown();
  void coreHasNoQt();
  void filesAreShort();
  void readmeLayoutTableMatchesTheTree();
};

void TestArchitecture::everyFolderHasARule() {
  QSet<QString> ruled;
  for (const Rule& rule : rules()) {
    ruled.insert(QLatin1String(rule.folder));
  }
  for (const QString& top : {QStringLiteral("core"), QStringLiteral("ui"), QStringLiteral("app")}) {
    for (const QString& file : sourceFiles(top)) {
      QVERIFY2(ruled.contains(folderOf(file)),
               qPrintable(file + QStringLiteral(": its folder is not a target with a rule")));
    }
  }
}

void TestArchitecture::includesPointDown() {
  static const QRegularExpression include(QStringLiteral(R"re(^\s*#\s*include\s+"([^"]+)")re"),
                                          QRegularExpression::MultilineOption);
  QStringList problems;
  for (const Rule& rule : rules()) {
    for (const QString& file : sourceFiles(QLatin1String(rule.folder))) {
      auto matches = include.globalMatch(read(file));
      while (matches.hasNext()) {
        const QString target = matches.next().captured(1);
        if (target.endsWith(QLatin1String(".moc"))) {
          continue;
        }
        const QString targetFolder = folderOf(target);
        if (targetFolder.isEmpty()) {
          problems << file + QStringLiteral(": \"") + target +
                          QStringLiteral("\" is not a path from the root");
        } else if (!allowed(rule, targetFolder)) {
          problems << file + QStringLiteral(" may not include ") + target;
        }
      }
    }
  }
  QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

void TestArchitecture::coreHasNoQt() {
  static const QRegularExpression qtInclude(
      QStringLiteral(R"(^\s*#\s*include\s*[<"](Q[A-Za-z]|qcustomplot))"),
      QRegularExpression::MultilineOption);
  QStringList problems;
  for (const QString& file : sourceFiles(QStringLiteral("core"))) {
    if (qtInclude.match(read(file)).hasMatch()) {
      problems << file;
    }
  }
  QDirIterator lists(kRoot + QStringLiteral("/core"), {QStringLiteral("CMakeLists.txt")},
                     QDir::Files, QDirIterator::Subdirectories);
  while (lists.hasNext()) {
    const QString path = lists.next();
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    if (text.contains(QStringLiteral("Qt6::")) || text.contains(QStringLiteral(" QT\n")) ||
        text.contains(QStringLiteral("qt_add_"))) {
      problems << QDir(kRoot).relativeFilePath(path) + QStringLiteral(" links Qt");
    }
  }
  QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("Qt in core/:\n") + problems.join('\n')));
}

void TestArchitecture::filesAreShort() {
  // One concept per file: ≤ 800 lines for anything under core/, ui/ and app/.
  constexpr int kMaxLines = 800;
  QStringList problems;
  for (const QString& top : {QStringLiteral("core"), QStringLiteral("ui"), QStringLiteral("app")}) {
    for (const QString& file : sourceFiles(top)) {
      const int lines = static_cast<int>(read(file).count(QLatin1Char('\n')));
      if (lines > kMaxLines) {
        problems << QStringLiteral("%1: %2 lines").arg(file).arg(lines);
      }
    }
  }
  QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

void TestArchitecture::readmeLayoutTableMatchesTheTree() {
  // Every folder that is a target appears in the README's layout table as `folder/`, and every
  // folder the table names exists.
  const QString readme = read(QStringLiteral("README.md"));
  static const QRegularExpression row(QStringLiteral(R"(^\| `((?:core|ui|app)/[a-z_]+)/` \|)"),
                                      QRegularExpression::MultilineOption);
  QSet<QString> listed;
  auto matches = row.globalMatch(readme);
  while (matches.hasNext()) {
    listed.insert(matches.next().captured(1));
  }
  QSet<QString> actual;
  for (const QString& top : {QStringLiteral("core"), QStringLiteral("ui"), QStringLiteral("app")}) {
    for (const QString& entry :
         QDir(kRoot + QLatin1Char('/') + top).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
      actual.insert(top + QLatin1Char('/') + entry);
    }
  }
  QStringList missing;
  for (const QString& folder : actual) {
    if (!listed.contains(folder)) {
      missing << folder + QStringLiteral(" is not in the README's layout table");
    }
  }
  for (const QString& folder : listed) {
    if (!actual.contains(folder)) {
      missing << folder + QStringLiteral(" is in the README's layout table but not in the tree");
    }
  }
  missing.sort();
  QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(TestArchitecture)
#include "tst_architecture.moc"
