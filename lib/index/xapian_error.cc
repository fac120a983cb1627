#include "index/xapian_error.h"

#include <cerrno>
#include <cstring>

namespace quire::index {

Error translate(const Xapian::Error& e, const std::string& what, const std::string& path) {
  std::string detail = e.get_msg();
  if (const char* errno_text = e.get_error_string()) {
    if (*errno_text) detail += std::string(" (") + errno_text + ")";
  }
  std::string message = what + " " + path + ": " + detail;
  // Xapian's exception classes are not polymorphic; get_type() names them.
  auto is = [&](const char* type) { return std::strcmp(e.get_type(), type) == 0; };
  if (is("DatabaseLockError"))
    return Error(ErrorCode::locked,
                 "cannot " + what + " " + path +
                     ": another writer holds the index lock; close it or open read-only (" +
                     detail + ")");
  if (is("DatabaseVersionError")) return Error(ErrorCode::incompatible, message);
  if (is("DatabaseNotFoundError"))
    return Error(ErrorCode::not_found, "no index at " + path + " (" + detail + ")");
  if (is("DatabaseCorruptError"))
    return Error(ErrorCode::corrupt, message + "; rebuild the index from its sources");
  if (is("DatabaseOpeningError") || is("DatabaseCreateError") || is("DatabaseError") ||
      is("DatabaseModifiedError") || is("DatabaseClosedError")) {
    // Xapian's words ("Error writing block 102") say nothing of what it
    // means for the caller's data.
    if (detail.find(std::strerror(ENOSPC)) != std::string::npos)
      return Error(ErrorCode::io, message +
                                      ". The disk is full: the index is still at its last "
                                      "commit; free some space, then add the papers since "
                                      "that commit again");
    return Error(ErrorCode::io, message);
  }
  if (is("InvalidArgumentError")) return Error(ErrorCode::invalid_argument, message);
  return Error(ErrorCode::internal, message);
}

}  // namespace quire::index
