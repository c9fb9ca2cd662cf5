// SPDX-License-Identifier: GPL-3.0-or-later
// The JSON writer of core/io: exact output for hand-written documents, escaping, non-finite
// numbers, refusal of invalid UTF-8 (every class of ill-formed sequence in Unicode's table 3-7),
// nesting rules, and streaming in pieces giving the same text. Validity is checked by Qt's JSON
// parser, an independent reader.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/engine/error.h"
#include "core/io/json_writer.h"

using namespace losslab;

class TestJsonWriter : public QObject {
  Q_OBJECT

 private slots:
  void writesCompactJson();
  void escapes();
  void nonFiniteNumbers();
  void validUtf8PassesThrough();
  void invalidUtf8IsRefused_data();
  void invalidUtf8IsRefused();
  void nestingErrors_data();
  void nestingErrors();
  void depthLimit();
  void streamingGivesTheSameText();
  void numberArraysRoundTrip();
  void numberArraysEqualSingleNumbers();
};

void TestJsonWriter::writesCompactJson() {
  JsonWriter json;
  json.beginObject();
  json.key("a").number(0.1);
  json.key("b").beginArray().integer(-3).boolean(true).null().endArray();
  json.key("c").beginObject().endObject();
  json.key("d").string("x");
  json.endObject();
  QCOMPARE(QString::fromStdString(json.text()),
           QStringLiteral(R"({"a":0.1,"b":[-3,true,null],"c":{},"d":"x"})"));
  QJsonParseError error;
  QJsonDocument::fromJson(QByteArray::fromStdString(json.text()), &error);
  QCOMPARE(error.error, QJsonParseError::NoError);
}

void TestJsonWriter::escapes() {
  JsonWriter json;
  // Quote, backslash, the named control characters, others as \u00XX — NUL included.
  const std::string text("q\"b\\n\nt\tr\r\x01\x1f\0", 13);
  json.beginArray().string(text).endArray();
  QCOMPARE(QString::fromStdString(json.text()),
           QStringLiteral(R"(["q\"b\\n\nt\tr\r\u0001\u001f\u0000"])"));
  const QJsonDocument document = QJsonDocument::fromJson(QByteArray::fromStdString(json.text()));
  QCOMPARE(document.array().at(0).toString(), QString::fromLatin1(text.data(), 13));
}

void TestJsonWriter::nonFiniteNumbers() {
  JsonWriter json;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  json.beginArray().number(nan).number(inf).number(-inf).numberOrNull(nan).numberOrNull(2.5);
  json.number(-0.0).endArray();
  QCOMPARE(QString::fromStdString(json.text()),
           QStringLiteral(R"(["NaN","Infinity","-Infinity",null,2.5,-0])"));
}

void TestJsonWriter::validUtf8PassesThrough() {
  // 2-, 3- and 4-byte characters, and the extremes of each range: U+0080, U+07FF, U+0800,
  // U+D7FF (before the surrogates), U+E000 (after), U+FFFF, U+10000, U+10FFFF.
  const std::string text =
      "δ ≈ 損失 😀 \xC2\x80\xDF\xBF\xE0\xA0\x80\xED\x9F\xBF\xEE\x80\x80\xEF\xBF\xBF"
      "\xF0\x90\x80\x80\xF4\x8F\xBF\xBF";
  JsonWriter json;
  json.beginObject().key("名").string(text).endObject();
  QCOMPARE(json.text(), "{\"名\":\"" + text + "\"}");
  const QJsonDocument document = QJsonDocument::fromJson(QByteArray::fromStdString(json.text()));
  QCOMPARE(document.object().value(QStringLiteral("名")).toString(), QString::fromStdString(text));
}

void TestJsonWriter::invalidUtf8IsRefused_data() {
  QTest::addColumn<QByteArray>("text");
  QTest::addColumn<QString>("message");  // the end of the error message
  QTest::newRow("lone continuation byte") << QByteArray("a\x80") << "byte 0x80 at offset 1";
  QTest::newRow("overlong 2-byte (C0 80 for NUL)")
      << QByteArray("\xC0\x80") << "byte 0xc0 at offset 0";
  QTest::newRow("overlong 3-byte (E0 80 80)")
      << QByteArray("\xE0\x80\x80") << "byte 0xe0 at offset 0";
  QTest::newRow("overlong 4-byte (F0 80 80 80)")
      << QByteArray("\xF0\x80\x80\x80") << "byte 0xf0 at offset 0";
  QTest::newRow("UTF-16 surrogate (ED A0 80)")
      << QByteArray("x\xED\xA0\x80") << "byte 0xed at offset 1";
  QTest::newRow("above U+10FFFF (F4 90 80 80)")
      << QByteArray("\xF4\x90\x80\x80") << "byte 0xf4 at offset 0";
  QTest::newRow("F5 lead byte") << QByteArray("\xF5\x80\x80\x80") << "byte 0xf5 at offset 0";
  QTest::newRow("truncated at the end") << QByteArray("ok\xE2\x89") << "byte 0xe2 at offset 2";
  QTest::newRow("Latin-1 byte") << QByteArray("caf\xE9") << "byte 0xe9 at offset 3";
  QTest::newRow("FF") << QByteArray("\xFF") << "byte 0xff at offset 0";
}

void TestJsonWriter::invalidUtf8IsRefused() {
  QFETCH(QByteArray, text);
  QFETCH(QString, message);
  for (const bool asKey : {false, true}) {
    JsonWriter json;
    json.beginObject();
    try {
      if (asKey) {
        json.key(text.toStdString());
      } else {
        json.key("k").string(text.toStdString());
      }
      QFAIL("invalid UTF-8 was written");
    } catch (const Error& e) {
      QCOMPARE(e.kind(), Error::Kind::Data);
      QVERIFY2(QString::fromStdString(e.what()).contains(message), e.what());
    }
  }
}

void TestJsonWriter::nestingErrors_data() {
  QTest::addColumn<int>("mistake");
  QTest::newRow("value in an object without a key") << 0;
  QTest::newRow("key in an array") << 1;
  QTest::newRow("two keys in a row") << 2;
  QTest::newRow("endArray closing an object") << 3;
  QTest::newRow("endObject with nothing open") << 4;
  QTest::newRow("second top-level value") << 5;
  QTest::newRow("text() of an unfinished document") << 6;
  QTest::newRow("key without a value at the end") << 7;
}

void TestJsonWriter::nestingErrors() {
  QFETCH(int, mistake);
  JsonWriter json;
  auto act = [&]() {
    switch (mistake) {
      case 0:
        json.beginObject().number(1);
        break;
      case 1:
        json.beginArray().key("k");
        break;
      case 2:
        json.beginObject().key("a").key("b");
        break;
      case 3:
        json.beginObject().endArray();
        break;
      case 4:
        json.endObject();
        break;
      case 5:
        json.number(1).number(2);
        break;
      case 6:
        json.beginArray().number(1);
        (void)json.text();
        break;
      case 7:
        json.beginObject().key("a").endObject();
        break;
    }
  };
  QVERIFY_THROWS_EXCEPTION(std::logic_error, act());
}

void TestJsonWriter::depthLimit() {
  JsonWriter json;
  for (std::size_t k = 0; k < JsonWriter::kMaxDepth; ++k) {
    json.beginArray();
  }
  QVERIFY_THROWS_EXCEPTION(std::logic_error, json.beginArray());
  for (std::size_t k = 0; k < JsonWriter::kMaxDepth; ++k) {
    json.endArray();
  }
  QCOMPARE(json.text().size(), 2 * JsonWriter::kMaxDepth);
}

void TestJsonWriter::streamingGivesTheSameText() {
  auto write = [](JsonWriter& json) {
    json.beginObject().key("values").beginArray();
    for (int i = 0; i < 5000; ++i) {
      json.number(i / 7.0);
    }
    json.endArray().key("done").boolean(true).endObject();
  };
  JsonWriter whole;
  write(whole);
  std::string streamed;
  int pieces = 0;
  JsonWriter json(
      [&](std::string_view piece) {
        streamed += piece;
        ++pieces;
      },
      1000);
  write(json);
  json.finish();
  QCOMPARE(streamed, whole.text());
  QVERIFY2(pieces > 50, qPrintable(QString::number(pieces)));  // ≈ 100 kB in ≈ 1 kB pieces
}

namespace {

// Tricky doubles and their shortest round-trip text, written by hand (Python's float() of each
// text gives the same double; 1e-320 and 5e-324 are subnormals, 5e-324 the smallest).
struct Tricky {
  double value;
  const char* text;
};
const Tricky kTricky[] = {
    {0.1, "0.1"},
    {1e-320, "1e-320"},
    {5e-324, "5e-324"},
    {1.7976931348623157e308, "1.7976931348623157e+308"},
    {-0.0, "-0"},
    {2.2250738585072014e-308, "2.2250738585072014e-308"},
    {1.0 / 3.0, "0.3333333333333333"},
    {-1.5, "-1.5"},
    {100, "100"},
    {std::numeric_limits<double>::quiet_NaN(), "\"NaN\""},
    {std::numeric_limits<double>::infinity(), "\"Infinity\""},
    {-std::numeric_limits<double>::infinity(), "\"-Infinity\""},
};

}  // namespace

void TestJsonWriter::numberArraysRoundTrip() {
  std::vector<double> values;
  std::string expected = "[";
  for (const Tricky& t : kTricky) {
    expected += (values.empty() ? "" : ",") + std::string(t.text);
    values.push_back(t.value);
  }
  expected += "]";
  JsonWriter json;
  json.numberArray(values.data(), values.size());
  QCOMPARE(json.text(), expected);
  // Every finite number reads back as the same bits (strtod, as Python's float() does).
  for (const Tricky& t : kTricky) {
    if (std::isfinite(t.value)) {
      const double back = std::strtod(t.text, nullptr);
      QVERIFY2(std::memcmp(&back, &t.value, sizeof back) == 0, t.text);
    }
  }
  JsonWriter matrix;
  matrix.numberMatrix(values.data(), 6, 2);
  QCOMPARE(
      matrix.text(),
      std::string("[[0.1,1e-320],[5e-324,1.7976931348623157e+308],[-0,2.2250738585072014e-308],"
                  "[0.3333333333333333,-1.5],[100,\"NaN\"],[\"Infinity\",\"-Infinity\"]]"));
}

void TestJsonWriter::numberArraysEqualSingleNumbers() {
  // The bulk writers give the text of one number() per value, also when streamed in pieces
  // smaller than one block, and for empty arrays and matrices.
  std::vector<double> values;
  for (int i = 0; i < 3000; ++i) {
    values.push_back(std::ldexp(i / 7.0 - 100, (i % 41) - 20) * (i % 3 == 0 ? -1 : 1));
  }
  values[17] = std::numeric_limits<double>::quiet_NaN();
  const auto oneByOne = [&](JsonWriter& json) {
    json.beginObject().key("a").beginArray();
    for (double v : values) {
      json.number(v);
    }
    json.endArray().key("m").beginArray();
    for (std::size_t i = 0; i < 1000; ++i) {
      json.beginArray().number(values[3 * i]).number(values[3 * i + 1]).number(values[3 * i + 2]);
      json.endArray();
    }
    json.endArray().key("e").beginArray().endArray().key("f").beginArray();
    json.endArray().endObject();
  };
  const auto bulk = [&](JsonWriter& json) {
    json.beginObject().key("a").numberArray(values.data(), values.size());
    json.key("m").numberMatrix(values.data(), 1000, 3);
    json.key("e").numberArray(values.data(), 0).key("f").numberMatrix(values.data(), 0, 3);
    json.endObject();
  };
  JsonWriter reference;
  oneByOne(reference);
  JsonWriter whole;
  bulk(whole);
  QCOMPARE(whole.text(), reference.text());
  std::string streamed;
  JsonWriter json([&](std::string_view piece) { streamed += piece; }, 100);
  bulk(json);
  json.finish();
  QCOMPARE(streamed, reference.text());
}

QTEST_MAIN(TestJsonWriter)
#include "tst_json_writer.moc"
