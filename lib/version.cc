#include "quire/version.h"

QUIRE_NAMESPACE_BEGIN

const char* version() noexcept { return QUIRE_VERSION_STRING; }
int version_major() noexcept { return QUIRE_VERSION_MAJOR; }
int version_minor() noexcept { return QUIRE_VERSION_MINOR; }
int version_patch() noexcept { return QUIRE_VERSION_PATCH; }

QUIRE_NAMESPACE_END
