// Every Xapian exception becomes a quire::Error at the library's edge.
#ifndef QUIRE_LIB_INDEX_XAPIAN_ERROR_H
#define QUIRE_LIB_INDEX_XAPIAN_ERROR_H

#include <xapian.h>

#include <string>

#include "quire/error.h"

namespace quire::index {

// The quire::Error for `e`, raised while doing `what` on the index at `path`.
Error translate(const Xapian::Error& e, const std::string& what, const std::string& path);

// Runs `body`, turning Xapian and standard exceptions into quire::Error.
template <typename Body>
auto guarded(const std::string& what, const std::string& path, Body&& body)
    -> decltype(body()) {
  try {
    return body();
  } catch (const Error&) {
    throw;
  } catch (const Xapian::Error& e) {
    throw translate(e, what, path);
  } catch (const std::bad_alloc&) {
    throw Error(ErrorCode::io, what + " " + path + ": out of memory");
  } catch (const std::exception& e) {
    throw Error(ErrorCode::internal, what + " " + path + ": " + e.what());
  }
}

}  // namespace quire::index

#endif  // QUIRE_LIB_INDEX_XAPIAN_ERROR_H
