// A RecordSource for formats with one record per line (canonical JSON Lines,
// arXiv's snapshot): blank lines and a byte order mark are skipped, a line
// too long to be a paper is reported, and each other line goes to
// parse_line().
#ifndef QUIRE_LIB_INGEST_LINE_SOURCE_H
#define QUIRE_LIB_INGEST_LINE_SOURCE_H

#include <memory>
#include <string_view>
#include <utility>

#include "ingest/jsonl_reader.h"
#include "ingest/line_reader.h"
#include "ingest/source.h"

namespace quire::ingest {

class LineSource : public RecordSource {
 public:
  bool next(Paper& paper, std::uint64_t& line) override;
  std::uint64_t bytes_consumed() const noexcept override { return lines_.bytes_consumed(); }

 protected:
  LineSource(std::unique_ptr<InputStream> input, const SourceOptions& options, IssueSink& issues)
      : lines_(std::move(input), options.buffer_bytes), issues_(issues) {}

  // Parses one non-blank line (with kLinePadding readable bytes after it)
  // into `paper`, or fills `problem` and returns false.
  virtual bool parse_line(std::string_view text, Paper& paper, RecordProblem& problem) = 0;

 private:
  LineReader lines_;
  IssueSink& issues_;
  // Records are parsed here and swapped into the caller's Paper, so a bad
  // record never touches it and both keep their strings' storage.
  Paper scratch_;
  RecordProblem problem_;
};

// The LineSource of a line format whose parser has
// `bool parse(std::string_view, Paper&, RecordProblem&)`.
template <typename Parser>
class ParserLineSource final : public LineSource {
 public:
  ParserLineSource(std::unique_ptr<InputStream> input, const SourceOptions& options,
                   IssueSink& issues)
      : LineSource(std::move(input), options, issues) {}

 protected:
  bool parse_line(std::string_view text, Paper& paper, RecordProblem& problem) override {
    return parser_.parse(text, paper, problem);
  }

 private:
  Parser parser_;
};

}  // namespace quire::ingest

#endif  // QUIRE_LIB_INGEST_LINE_SOURCE_H
