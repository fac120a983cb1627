// libFuzzer target: format detection on arbitrary bytes, then the detected
// reader on them.
#include "fuzz_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const quire::InputFormat format = quire::ingest::detect_format(bytes, "fuzz");
  if (format == quire::InputFormat::automatic) std::abort();
  quire::fuzzing::read_all(format, data, size);
  return 0;
}
