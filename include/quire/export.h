// quire/export.h: the one macro that marks a symbol as part of the ABI.
//
// The library is built with hidden visibility; only what is marked QUIRE_API
// is exported. Ownership and thread-safety: not applicable.
#ifndef QUIRE_EXPORT_H
#define QUIRE_EXPORT_H

#if defined(_WIN32)
#if defined(QUIRE_BUILDING_LIBRARY)
#define QUIRE_API __declspec(dllexport)
#else
#define QUIRE_API __declspec(dllimport)
#endif
#else
#define QUIRE_API __attribute__((visibility("default")))
#endif

#endif  // QUIRE_EXPORT_H
