#include "json_writer.h"

#include <cassert>
#include <charconv>
#include <cmath>

namespace quire_cli {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

void append_escaped_ascii(std::string& out, unsigned char c) {
  switch (c) {
    case '"': out += "\\\""; return;
    case '\\': out += "\\\\"; return;
    case '\b': out += "\\b"; return;
    case '\f': out += "\\f"; return;
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
    default: break;
  }
  if (c < 0x20) {
    static constexpr char kHex[] = "0123456789abcdef";
    out += "\\u00";
    out += kHex[c >> 4];
    out += kHex[c & 0xF];
  } else {
    out += static_cast<char>(c);
  }
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) {
      append_escaped_ascii(out, lead);
      ++i;
      continue;
    }
    // The ranges of Unicode's table of well-formed UTF-8 byte sequences: the
    // second byte's range is narrowed for E0, ED, F0 and F4 so that overlong
    // forms, surrogates and code points above U+10FFFF are all rejected.
    std::size_t trailing = 0;
    unsigned char low = 0x80, high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      trailing = 1;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      trailing = 2;
      if (lead == 0xE0) low = 0xA0;
      if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      trailing = 3;
      if (lead == 0xF0) low = 0x90;
      if (lead == 0xF4) high = 0x8F;
    } else {
      out += kReplacement;
      ++i;
      continue;
    }
    const std::size_t complete = i + 1 + trailing;
    std::size_t end = i + 1;
    while (end < complete && end < n) {
      const auto byte = static_cast<unsigned char>(text[end]);
      const bool second = end == i + 1;
      if (byte < (second ? low : 0x80) || byte > (second ? high : 0xBF)) break;
      ++end;
    }
    // A broken sequence is replaced by one U+FFFD for its longest valid
    // prefix (Unicode's "maximal subpart" practice); the byte that broke it
    // is looked at afresh, since it may start a good sequence.
    if (end == complete) {
      out.append(text.data() + i, end - i);
    } else {
      out += kReplacement;
    }
    i = end;
  }
  out += '"';
}

JsonWriter& JsonWriter::begin_object() {
  open('{');
  levels_.push_back({true, true});
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  close('}');
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  open('[');
  levels_.push_back({false, true});
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  close(']');
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  assert(!levels_.empty() && levels_.back().object && !after_key_);
  if (!levels_.back().empty) out_ += ',';
  levels_.back().empty = false;
  append_json_string(out_, name);
  out_ += ':';
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
  before_value();
  append_json_string(out_, text);
  return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
  before_value();
  out_ += flag ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::value(double number) {
  if (!std::isfinite(number)) return null();
  before_value();
  char buffer[32];
  // Shortest text that reads back as the same double.
  auto result = std::to_chars(buffer, buffer + sizeof buffer, number);
  out_.append(buffer, result.ptr);
  return *this;
}

JsonWriter& JsonWriter::signed_value(long long number) {
  before_value();
  out_ += std::to_string(number);
  return *this;
}

JsonWriter& JsonWriter::unsigned_value(unsigned long long number) {
  before_value();
  out_ += std::to_string(number);
  return *this;
}

JsonWriter& JsonWriter::value(const std::vector<std::string>& texts) {
  begin_array();
  for (const std::string& text : texts) value(std::string_view(text));
  return end_array();
}

JsonWriter& JsonWriter::value(const std::map<std::string, std::string>& members) {
  begin_object();
  for (const auto& [name, text] : members) key(name).value(std::string_view(text));
  return end_object();
}

JsonWriter& JsonWriter::null() {
  before_value();
  out_ += "null";
  return *this;
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  // A value directly inside an object must follow a key; at the top level
  // only one value may be written.
  assert(levels_.empty() ? out_.empty() : !levels_.back().object);
  if (!levels_.empty()) {
    if (!levels_.back().empty) out_ += ',';
    levels_.back().empty = false;
  }
}

void JsonWriter::open(char bracket) {
  before_value();
  out_ += bracket;
}

void JsonWriter::close(char bracket) {
  assert(!levels_.empty() && levels_.back().object == (bracket == '}') && !after_key_);
  levels_.pop_back();
  out_ += bracket;
}

}  // namespace quire_cli
