// The canonical JSON Lines record: one paper object per line, turned into a
// Paper. The rules (required fields, accepted shapes, what goes to `extra`)
// are listed in jsonl_reader.cc beside the code that applies them.
#ifndef QUIRE_LIB_INGEST_JSONL_READER_H
#define QUIRE_LIB_INGEST_JSONL_READER_H

#include <memory>
#include <string>
#include <string_view>

#include "quire/paper.h"

namespace quire::ingest {

// Why a record was refused.
struct RecordProblem {
  std::string field;   // empty when the record as a whole is bad
  std::string reason;
};

// Not thread-safe: it keeps its parse buffers from one record to the next.
class JsonlParser {
 public:
  JsonlParser();
  ~JsonlParser();
  JsonlParser(const JsonlParser&) = delete;
  JsonlParser& operator=(const JsonlParser&) = delete;

  // Parses one record. `text` must be followed by kLinePadding readable
  // bytes (any values), as LineReader's lines are. On success fills every
  // field of `paper`, reusing the storage its strings already have, and
  // returns true; otherwise fills `problem` and returns false, leaving
  // `paper` partly overwritten.
  bool parse(std::string_view text, Paper& paper, RecordProblem& problem);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Whether a line holds nothing but spaces, tabs and carriage returns.
bool is_blank(std::string_view text) noexcept;

// "YYYY", "YYYY-MM" or "YYYY-MM-DD" with a month and day that exist.
bool is_valid_date(std::string_view date) noexcept;

}  // namespace quire::ingest

#endif  // QUIRE_LIB_INGEST_JSONL_READER_H
