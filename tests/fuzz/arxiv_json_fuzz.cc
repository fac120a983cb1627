// libFuzzer target: the arxiv-json reader on arbitrary bytes.
#include "fuzz_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  quire::fuzzing::read_all(quire::InputFormat::arxiv_json, data, size);
  return 0;
}
