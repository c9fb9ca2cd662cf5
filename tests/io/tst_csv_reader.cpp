// SPDX-License-Identifier: GPL-3.0-or-later
// Numeric CSV reader: accepted layouts (header detection, whitespace, quotes, CRLF, single
// column, trailing blank lines) and every error path with its "<source>:<line>:<column>" text.
#include <sys/stat.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <fstream>

#include "core/engine/error.h"
#include "core/io/csv_reader.h"
#include "tests/test_utils.h"

using namespace losslab;
using losslab::test::tensor;

Q_DECLARE_METATYPE(losslab::CsvOptions::Header)

class TestCsvReader : public QObject {
  Q_OBJECT

 private slots:
  void readsValues_data();
  void readsValues();
  void headerDetection_data();
  void headerDetection();
  void singleColumnRank();
  void nonFiniteAllowedWhenAsked();
  void errors_data();
  void errors();
  void readsFileAndNamesItInErrors();
  void missingFileIsUsageError();
  void largeFile();
  void limits();
  void limitsOfFiles();
  void onlyRegularFiles();
};

void TestCsvReader::readsValues_data() {
  QTest::addColumn<QString>("text");
  QTest::addColumn<Tensor>("expected");

  QTest::newRow("plain 2x3") << "1,2,3\n4,5,6\n" << tensor({{1, 2, 3}, {4, 5, 6}});
  QTest::newRow("no final newline") << "1,2\n3,4" << tensor({{1, 2}, {3, 4}});
  QTest::newRow("spaces and tabs around fields") << " 1 ,\t2\n  3,4  \n"
                                                 << tensor({{1, 2}, {3, 4}});
  QTest::newRow("CRLF line ends") << "1,2\r\n3,4\r\n" << tensor({{1, 2}, {3, 4}});
  QTest::newRow("trailing blank lines ignored") << "1,2\n3,4\n\n  \n\r\n"
                                                << tensor({{1, 2}, {3, 4}});
  QTest::newRow("leading blank line ignored") << "\n1,2\n" << tensor({{1, 2}});
  QTest::newRow("quoted numbers") << "\"1.5\", \"-2\"\n" << tensor({{1.5, -2}});
  QTest::newRow("number formats (+, exponent, leading dot)") << "+1.5,-2e-3,.25,7.\n"
                                                             << tensor({{1.5, -0.002, 0.25, 7}});
  QTest::newRow("underflow reads as 0") << "1e-400\n" << tensor({{0}});
  QTest::newRow("UTF-8 byte-order mark") << "\xEF\xBB\xBF"
                                            "1,2\n"
                                         << tensor({{1, 2}});
  QTest::newRow("single row") << "0.5" << tensor({{0.5}});
}

void TestCsvReader::readsValues() {
  QFETCH(QString, text);
  QFETCH(Tensor, expected);
  const CsvTable table = readCsvString(text.toStdString());
  QCOMPARE(table.data.values.rows(), expected.rows());
  QCOMPARE(table.data.values.cols(), expected.cols());
  QCOMPARE(table.data.rank, 2);
  QVERIFY(table.header.empty());
  for (Eigen::Index i = 0; i < expected.rows(); ++i) {
    for (Eigen::Index j = 0; j < expected.cols(); ++j) {
      LOSSLAB_VERIFY_NEAR(table.data.values(i, j), expected(i, j), test::kExactTolerance);
    }
  }
}

void TestCsvReader::headerDetection_data() {
  QTest::addColumn<QString>("text");
  QTest::addColumn<CsvOptions::Header>("mode");
  QTest::addColumn<QStringList>("header");
  QTest::addColumn<int>("rows");
  QTest::addColumn<double>("first");  // data(0, 0)

  const auto autoMode = CsvOptions::Header::Auto;
  QTest::newRow("auto: names then numbers")
      << "y_true, y_pred\n1,2\n3,4\n"
      << autoMode << QStringList{"y_true", "y_pred"} << 2 << 1.0;
  QTest::newRow("auto: quoted names with a comma and an escaped quote")
      << "\"a,b\",\"say \"\"hi\"\"\"\n1,2\n"
      << autoMode << QStringList{"a,b", "say \"hi\""} << 1 << 1.0;
  QTest::newRow("auto: pandas index column (empty first name)")
      << ",x\n0,2.5\n"
      << autoMode << QStringList{"", "x"} << 1 << 0.0;
  QTest::newRow("auto: numeric first row is data") << "1,2\n3,4\n"
                                                   << autoMode << QStringList{} << 2 << 1.0;
  QTest::newRow("forced header: numeric names")
      << "0,1\n5,6\n"
      << CsvOptions::Header::Present << QStringList{"0", "1"} << 1 << 5.0;
}

void TestCsvReader::headerDetection() {
  QFETCH(QString, text);
  QFETCH(CsvOptions::Header, mode);
  QFETCH(QStringList, header);
  QFETCH(int, rows);
  QFETCH(double, first);
  CsvOptions options;
  options.header = mode;
  const CsvTable table = readCsvString(text.toStdString(), options);
  QStringList names;
  for (const std::string& name : table.header) {
    names << QString::fromStdString(name);
  }
  QCOMPARE(names, header);
  QCOMPARE(table.data.values.rows(), static_cast<Eigen::Index>(rows));
  LOSSLAB_VERIFY_NEAR(table.data.values(0, 0), first, test::kExactTolerance);
}

void TestCsvReader::singleColumnRank() {
  const std::string text = "w\n0.5\n2\n";
  const CsvTable column = readCsvString(text);
  QCOMPARE(column.data.rank, 2);
  QCOMPARE(column.data.values.rows(), Eigen::Index{2});
  QCOMPARE(column.data.values.cols(), Eigen::Index{1});
  CsvOptions options;
  options.vectorIfSingleColumn = true;
  const CsvTable vector = readCsvString(text, options);
  QCOMPARE(vector.data.rank, 1);
  QCOMPARE(vector.data.values.rows(), Eigen::Index{2});
  LOSSLAB_VERIFY_NEAR(vector.data.values(1, 0), 2.0, test::kExactTolerance);
  // Two columns stay rank 2 even when a vector is asked for.
  QCOMPARE(readCsvString("1,2\n", options).data.rank, 2);
}

void TestCsvReader::nonFiniteAllowedWhenAsked() {
  CsvOptions options;
  options.allowNonFinite = true;
  const CsvTable table = readCsvString("nan,inf,-inf\n", options);
  QVERIFY(std::isnan(table.data.values(0, 0)));
  QVERIFY(std::isinf(table.data.values(0, 1)) && table.data.values(0, 1) > 0);
  QVERIFY(std::isinf(table.data.values(0, 2)) && table.data.values(0, 2) < 0);
}

void TestCsvReader::errors_data() {
  QTest::addColumn<QString>("text");
  QTest::addColumn<QString>("message");

  QTest::newRow("text in a number field") << "1,2\n3,4\n5,abc\n"
                                          << "data.csv:3:2: 'abc' is not a number";
  QTest::newRow("mixed first row is data, not a header")
      << "x,1\n2,3\n"
      << "data.csv:1:1: 'x' is not a number (a header row must have no numeric field)";
  QTest::newRow("second header-like row") << "a,b\nc,d\n"
                                          << "data.csv:2:1: 'c' is not a number";
  QTest::newRow("ragged row (too few)")
      << "1,2,3\n4,5,6\n7,8,9\n1,2\n"
      << "data.csv:4: line 4 has 2 fields, expected 3 (as on line 1)";
  QTest::newRow("ragged row (too many)")
      << "1\n2,3\n"
      << "data.csv:2: line 2 has 2 fields, expected 1 (as on line 1)";
  QTest::newRow("empty file") << ""
                              << "data.csv: the file is empty (no rows)";
  QTest::newRow("only blank lines") << "\n \n\r\n"
                                    << "data.csv: the file is empty (no rows)";
  QTest::newRow("header only") << "a,b\n"
                               << "data.csv: no data rows after the header on line 1";
  QTest::newRow("NaN field")
      << "1\n2\n3\n4\nNaN\n"
      << "data.csv:5:1: NaN at line 5, column 1 (non-finite values are not accepted)";
  QTest::newRow("inf field")
      << "1,inf\n"
      << "data.csv:1:2: inf at line 1, column 2 (non-finite values are not accepted)";
  QTest::newRow("-infinity field")
      << "1,2\n-Infinity,0\n"
      << "data.csv:2:1: -inf at line 2, column 1 (non-finite values are not accepted)";
  QTest::newRow("unterminated quote")
      << "1,2\n3,\"4\n"
      << "data.csv:2:2: unterminated quote (a quoted field must close on its line)";
  QTest::newRow("text after closing quote")
      << "\"1\"x,2\n"
      << "data.csv:1:1: unexpected text after the closing quote";
  QTest::newRow("empty field") << "1,,3\n"
                               << "data.csv:1:2: empty field (expected a number)";
  QTest::newRow("blank line inside the data")
      << "1\n\n2\n"
      << "data.csv:2: line 2 is blank (blank lines are allowed only at the end)";
  QTest::newRow("overflow") << "1e999\n"
                            << "data.csv:1:1: '1e999' is out of the range of a double";
  QTest::newRow("double sign") << "1\n+-1\n"
                               << "data.csv:2:1: '+-1' is not a number";
  // Issue 16: other separators are named, not mistaken for a header and a bad number.
  const QString commas =
      "not commas; LossLab reads comma-separated values with '.' as the decimal "
      "point";
  QTest::newRow("semicolons") << "a;b\n3;4\n"
                              << "data.csv:1: the fields are separated by ';' (semicolons), " +
                                     commas;
  QTest::newRow("tabs") << "1\t2\n3\t4\n"
                        << "data.csv:1: the fields are separated by tabs, " + commas;
  QTest::newRow("vertical bars") << "\n x | y \n1|2\n"
                                 << "data.csv:2: the fields are separated by '|' (vertical "
                                    "bars), " +
                                        commas;
  QTest::newRow("semicolons with decimal commas")
      << "3,5;4,2\n"
      << "data.csv:1:2: '5;4' is not a number (the file seems to separate fields by ';' "
         "(semicolons), with decimal commas; LossLab reads ',' between fields and '.' as the "
         "decimal point)";
  QTest::newRow("NUL byte") << QString::fromLatin1("1,2\n3,4\0\n", 9)
                            << "data.csv:2:4: a NUL byte: this is not a text file";
}

void TestCsvReader::errors() {
  QFETCH(QString, text);
  QFETCH(QString, message);
  const std::string input = text.toStdString();
  try {
    readCsvString(input, {}, "data.csv");
    QFAIL("no error");
  } catch (const Error& e) {
    QCOMPARE(e.kind(), Error::Kind::Data);
    QCOMPARE(QString::fromStdString(e.what()), message);
  }
}

void TestCsvReader::readsFileAndNamesItInErrors() {
  QTemporaryDir dir;
  QVERIFY(dir.isValid());
  const std::string good = dir.filePath("good.csv").toStdString();
  const std::string bad = dir.filePath("bad.csv").toStdString();
  std::ofstream(good) << "a,b\n1,2\n3,4\n";
  std::ofstream(bad) << "1,2\n3,x\n";
  const CsvTable table = readCsvFile(good);
  QCOMPARE(table.header.size(), std::size_t{2});
  LOSSLAB_VERIFY_NEAR(table.data.values(1, 1), 4.0, test::kExactTolerance);
  try {
    readCsvFile(bad);
    QFAIL("no error");
  } catch (const Error& e) {
    QCOMPARE(e.kind(), Error::Kind::Data);
    QCOMPARE(QString::fromStdString(e.what()),
             QString::fromStdString(bad + ":2:2: 'x' is not a number"));
  }
}

void TestCsvReader::missingFileIsUsageError() {
  QTemporaryDir dir;
  const std::string missing = dir.filePath("missing.csv").toStdString();
  try {
    readCsvFile(missing);
    QFAIL("no error");
  } catch (const Error& e) {
    QCOMPARE(e.kind(), Error::Kind::Usage);
    QVERIFY(QString::fromStdString(e.what()).startsWith(
        QString::fromStdString("cannot open '" + missing + "'")));
  }
  try {
    readCsvFile(dir.path().toStdString());
    QFAIL("no error");
  } catch (const Error& e) {
    QCOMPARE(e.kind(), Error::Kind::Usage);
    QVERIFY(QString::fromStdString(e.what()).contains("is a directory"));
  }
}

void TestCsvReader::largeFile() {
  // 200 000 rows × 3 columns: row i holds i, −i/2, 0.25 (the sum of column 0 is n(n−1)/2).
  constexpr int kRows = 200000;
  std::string text = "a,b,c\n";
  text.reserve(static_cast<std::size_t>(kRows) * 24);
  for (int i = 0; i < kRows; ++i) {
    text += std::to_string(i) + "," + std::to_string(-0.5 * i) + ",0.25\n";
  }
  const CsvTable table = readCsvString(text);
  QCOMPARE(table.data.values.rows(), Eigen::Index{kRows});
  QCOMPARE(table.data.values.cols(), Eigen::Index{3});
  const double n = kRows;
  LOSSLAB_VERIFY_NEAR(table.data.values.col(0).sum(), n * (n - 1) / 2, test::kExactTolerance);
  LOSSLAB_VERIFY_NEAR(table.data.values(kRows - 1, 1), -0.5 * (n - 1), test::kExactTolerance);
  LOSSLAB_VERIFY_NEAR(table.data.values.col(2).sum(), 0.25 * n, test::kExactTolerance);
}

void TestCsvReader::limits() {
  // Each limit with a small value, reached exactly (accepted) and by one more (refused).
  CsvOptions options;
  options.limits.maxLineBytes = 5;
  options.limits.maxNumbers = 6;
  QCOMPARE(readCsvString("1,2,3\n4,5,6\n", options).data.values.size(), Eigen::Index{6});
  auto message = [&](const std::string& text) {
    try {
      readCsvString(text, options, "data.csv");
    } catch (const Error& e) {
      return QString::fromStdString(e.what());
    }
    return QString();
  };
  QCOMPARE(message("1,2,3\n4,5,66\n"),
           QStringLiteral("data.csv:2: line 2 is longer than the limit of 5 bytes for a line"));
  // Found without scanning the rest: a line without a break is refused at the limit.
  QCOMPARE(message("1\n" + std::string(1 << 20, '7')),
           QStringLiteral("data.csv:2: line 2 is longer than the limit of 5 bytes for a line"));
  QCOMPARE(message("1,2\n3,4\n5,6\n7,8\n"),
           QStringLiteral("data.csv: 4 rows × 2 columns are 8 numbers, more than the limit of 6 "
                          "numbers for a file"));
  // The defaults as documented: 256 MiB, 1 MiB per line, 2^25 numbers.
  const CsvLimits defaults;
  QCOMPARE(defaults.maxBytes, std::size_t{256} << 20);
  QCOMPARE(defaults.maxLineBytes, std::size_t{1} << 20);
  QCOMPARE(defaults.maxNumbers, std::size_t{33554432});
}

void TestCsvReader::limitsOfFiles() {
  // The size is checked before anything is read: a sparse file of 256 MiB + 1 byte costs no
  // disk and is refused at once.
  QTemporaryDir dir;
  const QString path = dir.filePath("huge.csv");
  QFile huge(path);
  QVERIFY(huge.open(QIODevice::WriteOnly));
  QVERIFY(huge.resize((qint64{256} << 20) + 1));
  huge.close();
  try {
    readCsvFile(path.toStdString());
    QFAIL("no error");
  } catch (const Error& e) {
    QCOMPARE(e.kind(), Error::Kind::Data);
    QCOMPARE(QString::fromStdString(e.what()),
             path +
                 ": the file has 268435457 bytes, more than the limit of 256 MiB for an "
                 "input file");
  }
  CsvOptions options;
  options.limits.maxBytes = 8;
  std::ofstream(dir.filePath("nine.csv").toStdString()) << "1\n2\n3\n4\n5";
  std::ofstream(dir.filePath("eight.csv").toStdString()) << "1\n2\n3\n4\n";
  QCOMPARE(readCsvFile(dir.filePath("eight.csv").toStdString(), options).data.values.rows(),
           Eigen::Index{4});
  QVERIFY_THROWS_EXCEPTION(Error, readCsvFile(dir.filePath("nine.csv").toStdString(), options));
}

void TestCsvReader::onlyRegularFiles() {
  // A device or a pipe could be endless: refused by what it is, before it is opened.
  auto message = [](const std::string& path) {
    try {
      readCsvFile(path);
    } catch (const Error& e) {
      return e.kind() == Error::Kind::Usage ? QString::fromStdString(e.what()) : QString();
    }
    return QString();
  };
  QCOMPARE(message("/dev/zero"),
           QStringLiteral("cannot read '/dev/zero': it is a character device, not a regular file "
                          "(give '-' to read standard input)"));
  QTemporaryDir dir;
  const std::string fifo = dir.filePath("fifo").toStdString();
  QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
  QCOMPARE(message(fifo), QString::fromStdString("cannot read '" + fifo +
                                                 "': it is a pipe, not a regular file (give '-' "
                                                 "to read standard input)"));
}

QTEST_MAIN(TestCsvReader)
#include "tst_csv_reader.moc"
