#include "ingest/line_source.h"

#include <utility>

#include "ingest/text.h"

namespace quire::ingest {

bool LineSource::next(Paper& paper, std::uint64_t& line_number) {
  Line line;
  while (lines_.next(line)) {
    if (line.too_long) {
      issues_.reject(line.number, "",
                     "the line is longer than " +
                         std::to_string(LineReader::kDefaultMaxLineBytes >> 20) +
                         " MiB; it cannot be one paper");
      continue;
    }
    std::string_view text = line.text;
    // Editors on Windows start UTF-8 files with a byte order mark.
    if (line.number == 1 && starts_with(text, "\xEF\xBB\xBF")) text.remove_prefix(3);
    if (is_blank(text)) continue;
    if (parse_line(text, scratch_, problem_)) {
      std::swap(scratch_, paper);
      line_number = line.number;
      return true;
    }
    if (!line.terminated && problem_.reason.rfind("not valid JSON", 0) == 0) {
      problem_.reason += "; the last line has no newline, so the file may be truncated";
    }
    issues_.reject(line.number, std::move(problem_.field), std::move(problem_.reason));
  }
  return false;
}

std::unique_ptr<RecordSource> open_jsonl_source(std::unique_ptr<InputStream> input,
                                                const SourceOptions& options, IssueSink& issues) {
  return std::make_unique<ParserLineSource<JsonlParser>>(std::move(input), options, issues);
}

}  // namespace quire::ingest
