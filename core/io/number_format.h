// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <string>

namespace losslab {

/// The shortest decimal text that reads back as exactly `value` (std::to_chars without a
/// precision: Ryu-style shortest round trip, never the locale's decimal comma, −0 keeps its
/// sign). Non-finite values are "nan", "inf" and "-inf" (never "-nan"): what every CSV reader
/// and strtod accept. Every number LossLab writes to a file or shows as a value goes through
/// here, so 0.1 is "0.1" and not "0.10000000000000001".
std::string formatShortest(double value);
/// Appends formatShortest(value) to `out` without a temporary (the CSV and JSON writers).
void appendShortest(std::string& out, double value);
/// Writes formatShortest(value) into `buffer` (kShortestMaxLength bytes at least) and returns
/// its length: the form for loops that measure or place numbers themselves (aligned tables).
inline constexpr std::size_t kShortestMaxLength = 32;
std::size_t writeShortest(char* buffer, double value);

/// A reading for people (crosshair, tables): at most `digits` significant digits, trailing
/// zeros dropped ("%.{digits}g" without the locale). Non-finite values as formatShortest.
std::string formatSignificant(double value, int digits);

}  // namespace losslab
