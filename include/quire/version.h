// quire/version.h: the library's version, at compile time and at run time.
//
// Ownership: nothing to own. Thread-safety: every function here is safe to
// call from any thread at any time.
#ifndef QUIRE_VERSION_H
#define QUIRE_VERSION_H

#include "quire/export.h"

// The one place the version number is written; CMake reads it from here.
#define QUIRE_VERSION_MAJOR 0
#define QUIRE_VERSION_MINOR 1
#define QUIRE_VERSION_PATCH 0
#define QUIRE_VERSION_STRING "0.1.0"

// Every public name lives in quire::v<MAJOR>, an inline namespace, so the
// major version is part of every mangled symbol and two majors never mix.
#define QUIRE_NAMESPACE_BEGIN \
  namespace quire {           \
  inline namespace v0 {
#define QUIRE_NAMESPACE_END \
  }                         \
  }

QUIRE_NAMESPACE_BEGIN

// The version of the library actually loaded, e.g. "0.1.0". Compare with
// QUIRE_VERSION_STRING to detect a header/library mismatch.
QUIRE_API const char* version() noexcept;

// The major, minor and patch numbers of the loaded library.
QUIRE_API int version_major() noexcept;
QUIRE_API int version_minor() noexcept;
QUIRE_API int version_patch() noexcept;

QUIRE_NAMESPACE_END

#endif  // QUIRE_VERSION_H
