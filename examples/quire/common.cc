#include "common.h"

#include <unistd.h>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <iostream>

namespace quire_cli {

CLI::Validator count_check(std::uint64_t minimum) {
  const std::string description = minimum == 0 ? "COUNT" : "COUNT>=" + std::to_string(minimum);
  return CLI::Validator(
      [minimum](std::string& text) -> std::string {
        const std::string wrong = "'" + text + "' is not a whole number";
        if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) {
          return wrong;
        }
        errno = 0;
        const unsigned long long value = std::strtoull(text.c_str(), nullptr, 10);
        if (errno == ERANGE) return "'" + text + "' is too large";
        if (value < minimum) return "must be at least " + std::to_string(minimum);
        return {};
      },
      description, "count");
}

void complain(std::string_view message) {
  std::cerr << "quire: " << message << '\n';
}

std::string with_thousands(std::uint64_t number) {
  std::string digits = std::to_string(number);
  std::string out;
  out.reserve(digits.size() + digits.size() / 3);
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string megabytes(std::uint64_t bytes) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.1f MB", static_cast<double>(bytes) / 1e6);
  return buffer;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += separator;
    out += parts[i];
  }
  return out;
}

void print_labelled(const std::vector<std::pair<std::string, std::string>>& lines) {
  std::size_t width = 0;
  for (const auto& line : lines) width = std::max(width, line.first.size());
  for (const auto& [label, value] : lines) {
    if (value.empty()) continue;
    std::cout << label << std::string(width + 2 - label.size(), ' ') << value << '\n';
  }
}

bool is_terminal(int fd) { return isatty(fd) == 1; }

}  // namespace quire_cli
