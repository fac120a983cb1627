// quire/error.h: the one exception type the library throws.
//
// Every failure inside quire reaches the caller as a quire::Error; no Xapian,
// ICU or other library exception escapes. Switch on code() to react; what()
// is a message for people that says what went wrong and what to do.
//
// Ownership: an Error owns copies of its strings. Thread-safety: an Error is
// an ordinary value; distinct objects may be used from distinct threads.
#ifndef QUIRE_ERROR_H
#define QUIRE_ERROR_H

#include <stdexcept>
#include <string>

#include "quire/export.h"
#include "quire/version.h"

QUIRE_NAMESPACE_BEGIN

// What kind of failure an Error reports. New codes may be added in a minor
// release; treat unknown values like `internal`.
enum class ErrorCode {
  invalid_argument = 1,  // the caller passed something unusable (bad id, bad date, ...)
  not_found = 2,         // a folder, file or paper that should exist does not
  locked = 3,            // another writer holds the index; close it or open read-only
  corrupt = 4,           // the index or an input file is damaged
  io = 5,                // the operating system refused a read or write (disk full, permissions)
  parse = 6,             // an input record could not be understood
  incompatible = 7,      // the index was written by a schema this build does not read
  read_only = 8,         // a write was attempted through a read-only handle
  internal = 9,          // a bug in quire; please report it with the message
};

// The name of a code, e.g. "locked".
QUIRE_API const char* error_code_name(ErrorCode code) noexcept;

class QUIRE_API Error : public std::runtime_error {
 public:
  Error(ErrorCode code, const std::string& message);
  ~Error() override;
  Error(const Error&);
  Error& operator=(const Error&);

  ErrorCode code() const noexcept { return code_; }

 private:
  ErrorCode code_;
};

QUIRE_NAMESPACE_END

#endif  // QUIRE_ERROR_H
