// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/number_format.h"

#include <charconv>
#include <cmath>
#include <cstring>

namespace losslab {

namespace {

// Enough for any double in shortest or general form ("-2.2250738585072014e-308" is 24).
constexpr int kBufferSize = 32;

bool appendNonFinite(std::string& out, double value) {
  if (std::isnan(value)) {
    out += "nan";
    return true;
  }
  if (std::isinf(value)) {
    out += value > 0 ? "inf" : "-inf";
    return true;
  }
  return false;
}

}  // namespace

void appendShortest(std::string& out, double value) {
  if (appendNonFinite(out, value)) {
    return;
  }
  char buffer[kBufferSize];
  const auto result = std::to_chars(buffer, buffer + kBufferSize, value);
  out.append(buffer, result.ptr);
}

std::size_t writeShortest(char* buffer, double value) {
  if (std::isnan(value)) {
    std::memcpy(buffer, "nan", 3);
    return 3;
  }
  if (std::isinf(value)) {
    std::memcpy(buffer, value > 0 ? "inf" : "-inf", value > 0 ? 3 : 4);
    return value > 0 ? 3 : 4;
  }
  const auto result = std::to_chars(buffer, buffer + kShortestMaxLength, value);
  return static_cast<std::size_t>(result.ptr - buffer);
}

std::string formatShortest(double value) {
  std::string out;
  appendShortest(out, value);
  return out;
}

std::string formatSignificant(double value, int digits) {
  std::string out;
  if (appendNonFinite(out, value)) {
    return out;
  }
  char buffer[kBufferSize];
  const int precision = digits < 1 ? 1 : (digits > 17 ? 17 : digits);
  const auto result =
      std::to_chars(buffer, buffer + kBufferSize, value, std::chars_format::general, precision);
  return std::string(buffer, result.ptr);
}

}  // namespace losslab
