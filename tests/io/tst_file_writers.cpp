// SPDX-License-Identifier: GPL-3.0-or-later
// The shared writers of core/io: shortest round-trip numbers, RFC 4180 CSV, atomic files.
// Expected texts are written by hand; round trips are checked with strtod, not our reader.
#include <sys/stat.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>
#include <vector>

#include "core/engine/error.h"
#include "core/io/atomic_file.h"
#include "core/io/csv_writer.h"
#include "core/io/number_format.h"

using namespace losslab;

namespace {

std::string readAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

mode_t modeOf(const std::string& path) {
  struct stat info {};
  ::stat(path.c_str(), &info);
  return info.st_mode & 07777;
}

}  // namespace

class TestFileWriters : public QObject {
  Q_OBJECT

 private slots:
  void shortest_data();
  void shortest();
  void shortestRoundTripsRandomDoubles();
  void significant();
  void csvQuotesOnlyWhenNeeded();
  void csvRows();
  void atomicWriteReplacesAndKeepsPermissions();
  void atomicWriteFailureLeavesOldFile();
  void atomicWriteFollowsSymlink();
  void atomicWriteRefusesDirectory();
  void atomicFileInPieces();
  void abandonedAtomicFileKeepsTheOldOne();
};

void TestFileWriters::shortest_data() {
  QTest::addColumn<double>("value");
  QTest::addColumn<QString>("text");
  QTest::newRow("0.1 (not 0.10000000000000001)") << 0.1 << "0.1";
  QTest::newRow("one third") << 1.0 / 3.0 << "0.3333333333333333";
  QTest::newRow("integer") << 200.0 << "200";
  QTest::newRow("negative zero keeps its sign") << -0.0 << "-0";
  QTest::newRow("large") << 1e300 << "1e+300";
  QTest::newRow("smallest subnormal") << std::numeric_limits<double>::denorm_min() << "5e-324";
  QTest::newRow("nan") << std::numeric_limits<double>::quiet_NaN() << "nan";
  QTest::newRow("-nan is still nan") << -std::numeric_limits<double>::quiet_NaN() << "nan";
  QTest::newRow("+inf") << std::numeric_limits<double>::infinity() << "inf";
  QTest::newRow("-inf") << -std::numeric_limits<double>::infinity() << "-inf";
}

void TestFileWriters::shortest() {
  QFETCH(double, value);
  QFETCH(QString, text);
  QCOMPARE(QString::fromStdString(formatShortest(value)), text);
}

void TestFileWriters::shortestRoundTripsRandomDoubles() {
  std::mt19937_64 bits(20261203);
  for (int k = 0; k < 100000; ++k) {
    const std::uint64_t raw = bits();
    double value;
    std::memcpy(&value, &raw, sizeof value);
    if (!std::isfinite(value)) {
      continue;
    }
    const std::string text = formatShortest(value);
    const double back = std::strtod(text.c_str(), nullptr);
    QVERIFY2(std::memcmp(&back, &value, sizeof value) == 0, text.c_str());
    // Shortest: one digit fewer no longer reads back (unless already 1 digit).
    QVERIFY(text.size() <= 24);
  }
}

void TestFileWriters::significant() {
  QCOMPARE(formatSignificant(0.0736207097495, 4), std::string("0.07362"));
  QCOMPARE(formatSignificant(1.5, 6), std::string("1.5"));
  QCOMPARE(formatSignificant(123456789.0, 3), std::string("1.23e+08"));
  QCOMPARE(formatSignificant(std::numeric_limits<double>::infinity(), 3), std::string("inf"));
}

void TestFileWriters::csvQuotesOnlyWhenNeeded() {
  QCOMPARE(csvField("plain"), std::string("plain"));
  QCOMPARE(csvField("a,b"), std::string("\"a,b\""));
  QCOMPARE(csvField("say \"hi\""), std::string("\"say \"\"hi\"\"\""));
  QCOMPARE(csvField("two\nlines"), std::string("\"two\nlines\""));
  QCOMPARE(csvField("cr\r"), std::string("\"cr\r\""));
  QCOMPARE(csvField("Huber [delta=0.5]"), std::string("Huber [delta=0.5]"));
}

void TestFileWriters::csvRows() {
  CsvWriter csv;
  csv.field("x").field("loss, mean").endRow();
  const std::vector<double> row = {0.1, -0.0};
  csv.numbers(row);
  csv.number(1).empty().endRow();
  QCOMPARE(csv.text(), std::string("x,\"loss, mean\"\n0.1,-0\n1,\n"));
}

void TestFileWriters::atomicWriteReplacesAndKeepsPermissions() {
  QTemporaryDir dir;
  const std::string path = dir.filePath(QStringLiteral("out.csv")).toStdString();
  writeFileAtomically(path, "old\n");
  QCOMPARE(readAll(path), std::string("old\n"));
  QVERIFY(::chmod(path.c_str(), 0640) == 0);
  writeFileAtomically(path, "new\n");
  QCOMPARE(readAll(path), std::string("new\n"));
  QCOMPARE(modeOf(path), mode_t(0640));
  // No temporary file is left behind.
  QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
}

void TestFileWriters::atomicWriteFailureLeavesOldFile() {
  if (::geteuid() == 0) {
    QSKIP("root writes into read-only directories");
  }
  QTemporaryDir dir;
  const std::string path = dir.filePath(QStringLiteral("keep.txt")).toStdString();
  writeFileAtomically(path, "precious");
  QVERIFY(::chmod(dir.path().toLocal8Bit().constData(), 0500) == 0);
  bool threw = false;
  try {
    writeFileAtomically(path, "clobbered");
  } catch (const Error& error) {
    threw = true;
    QVERIFY2(std::string(error.what()).find(path) != std::string::npos, error.what());
  }
  ::chmod(dir.path().toLocal8Bit().constData(), 0700);
  QVERIFY(threw);
  QCOMPARE(readAll(path), std::string("precious"));
}

void TestFileWriters::atomicWriteFollowsSymlink() {
  QTemporaryDir dir;
  const std::string target = dir.filePath(QStringLiteral("real.txt")).toStdString();
  const std::string link = dir.filePath(QStringLiteral("link.txt")).toStdString();
  writeFileAtomically(target, "a");
  QVERIFY(::symlink(target.c_str(), link.c_str()) == 0);
  writeFileAtomically(link, "b");
  QCOMPARE(readAll(target), std::string("b"));
  struct stat info {};
  QVERIFY(::lstat(link.c_str(), &info) == 0 && S_ISLNK(info.st_mode));
}

void TestFileWriters::atomicWriteRefusesDirectory() {
  QTemporaryDir dir;
  QVERIFY_THROWS_EXCEPTION(Error, writeFileAtomically(dir.path().toStdString(), "x"));
}

void TestFileWriters::atomicFileInPieces() {
  QTemporaryDir dir;
  const std::string path = dir.filePath(QStringLiteral("pieces.csv")).toStdString();
  {
    AtomicFile file(path);
    for (int k = 0; k < 1000; ++k) {
      file.write("0123456789\n");
    }
    // Until commit() the target does not exist; only the exclusive temporary file does.
    QVERIFY(!QFile::exists(QString::fromStdString(path)));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
    file.commit();
    QVERIFY_THROWS_EXCEPTION(Error, file.write("late"));
  }
  QCOMPARE(readAll(path).size(), std::size_t{11000});
  QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"pieces.csv"});
}

void TestFileWriters::abandonedAtomicFileKeepsTheOldOne() {
  // An error or Ctrl+C before commit(): the destructor removes the temporary file.
  QTemporaryDir dir;
  const std::string path = dir.filePath(QStringLiteral("keep.csv")).toStdString();
  writeFileAtomically(path, "old\n");
  {
    AtomicFile file(path);
    file.write("half of the new");
  }
  QCOMPARE(readAll(path), std::string("old\n"));
  QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"keep.csv"});
}

QTEST_GUILESS_MAIN(TestFileWriters)
#include "tst_file_writers.moc"
