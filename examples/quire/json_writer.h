// A small JSON emitter for the command-line tool's --json output.
//
// It writes compact JSON into a string the caller owns once done. Strings are
// taken as UTF-8: valid sequences pass through unchanged, each invalid byte
// sequence becomes U+FFFD, so the output is always valid JSON and valid UTF-8
// whatever bytes a stored paper holds.
#ifndef QUIRE_EXAMPLES_QUIRE_JSON_WRITER_H
#define QUIRE_EXAMPLES_QUIRE_JSON_WRITER_H

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace quire_cli {

// Appends `text` as a quoted JSON string literal to `out`.
void append_json_string(std::string& out, std::string_view text);

class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();

  // Inside an object, names the member whose value comes next.
  JsonWriter& key(std::string_view name);

  JsonWriter& value(std::string_view text);
  // Without this overload a string literal would pick value(bool).
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(bool flag);
  // NaN and infinities have no JSON form; they are written as null.
  JsonWriter& value(double number);
  template <typename Int,
            std::enable_if_t<std::is_integral_v<Int> && !std::is_same_v<Int, bool>, int> = 0>
  JsonWriter& value(Int number) {
    if constexpr (std::is_signed_v<Int>) {
      return signed_value(number);
    } else {
      return unsigned_value(number);
    }
  }
  JsonWriter& value(const std::vector<std::string>& texts);
  JsonWriter& value(const std::map<std::string, std::string>& members);
  JsonWriter& null();

  template <typename T>
  JsonWriter& member(std::string_view name, const T& v) {
    return key(name).value(v);
  }

  // The text written so far; complete once every container is closed.
  const std::string& str() const { return out_; }

 private:
  JsonWriter& signed_value(long long number);
  JsonWriter& unsigned_value(unsigned long long number);
  // Writes the comma that separates this value from the one before it.
  void before_value();
  void open(char bracket);
  void close(char bracket);

  struct Level {
    bool object;
    bool empty;
  };
  std::string out_;
  std::vector<Level> levels_;
  bool after_key_ = false;
};

}  // namespace quire_cli

#endif  // QUIRE_EXAMPLES_QUIRE_JSON_WRITER_H
