#include "ingest/source.h"

#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <utility>

#include "ingest/listing_reader.h"
#include "ingest/text.h"

namespace quire::ingest {

IssueSink::~IssueSink() = default;
RecordSource::~RecordSource() = default;

std::size_t MemoryStream::read(char* out, std::size_t size) {
  const std::size_t got = std::min(size, data_.size() - pos_);
  std::memcpy(out, data_.data() + pos_, got);
  pos_ += got;
  consumed_ += got;
  return got;
}

std::unique_ptr<RecordSource> open_source(InputFormat format, std::unique_ptr<InputStream> input,
                                          const SourceOptions& options, IssueSink& issues) {
  switch (format) {
    case InputFormat::jsonl: return open_jsonl_source(std::move(input), options, issues);
    case InputFormat::arxiv_json:
      return open_arxiv_json_source(std::move(input), options, issues);
    case InputFormat::oai: return open_oai_source(std::move(input), issues);
    case InputFormat::bibtex: return open_bibtex_source(std::move(input), options, issues);
    case InputFormat::listing: return open_listing_source(std::move(input), options, issues);
    case InputFormat::automatic: break;
  }
  throw Error(ErrorCode::invalid_argument,
              input->path() + ": unknown input format " +
                  std::to_string(static_cast<int>(format)));
}

namespace {

// Gives the peeked bytes again, then the rest of the stream.
class ReplayStream final : public InputStream {
 public:
  ReplayStream(std::unique_ptr<InputStream> inner, std::string head,
               std::optional<Error> failure)
      : InputStream(inner->path(), inner->compression()),
        inner_(std::move(inner)),
        head_(std::move(head)),
        failure_(std::move(failure)) {
    consumed_ = inner_->bytes_consumed();
  }

  std::size_t read(char* out, std::size_t size) override {
    if (pos_ < head_.size()) {
      const std::size_t got = std::min(size, head_.size() - pos_);
      std::memcpy(out, head_.data() + pos_, got);
      pos_ += got;
      if (pos_ == head_.size()) {
        std::string().swap(head_);
        pos_ = 0;
      }
      return got;
    }
    if (failure_) throw *failure_;
    const std::size_t got = inner_->read(out, size);
    consumed_ = inner_->bytes_consumed();
    return got;
  }

 private:
  std::unique_ptr<InputStream> inner_;
  std::string head_;
  std::size_t pos_ = 0;
  std::optional<Error> failure_;
};

std::string_view strip_compression_suffix(std::string_view path) {
  for (std::string_view suffix : {".gz", ".gzip", ".zst", ".zstd"}) {
    if (ends_with(path, suffix)) return path.substr(0, path.size() - suffix.size());
  }
  return path;
}

bool lower_ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && iequals(text.substr(text.size() - suffix.size()), suffix);
}

std::optional<InputFormat> format_from_name(std::string_view path) {
  const std::string_view name = strip_compression_suffix(path);
  for (std::string_view ext : {".jsonl", ".ndjson", ".json"}) {
    if (lower_ends_with(name, ext)) return InputFormat::jsonl;
  }
  if (lower_ends_with(name, ".xml")) return InputFormat::oai;
  if (lower_ends_with(name, ".bib") || lower_ends_with(name, ".bibtex")) {
    return InputFormat::bibtex;
  }
  if (lower_ends_with(name, ".txt")) return InputFormat::listing;
  return std::nullopt;
}

// Keys only arXiv's snapshot has; a canonical record keeps unknown keys as
// extra fields, so one of them alone proves little, but the snapshot's
// records always carry both of the first two.
bool looks_like_arxiv_snapshot(std::string_view line) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(line.data(), line.size(), true).get(root) == simdjson::SUCCESS) {
    simdjson::dom::object object;
    if (root.get_object().get(object) != simdjson::SUCCESS) return false;
    bool parsed = false, updated = false, versions = false;
    for (auto field : object) {
      parsed = parsed || field.key == "authors_parsed";
      updated = updated || field.key == "update_date";
      versions = versions || field.key == "versions";
    }
    return parsed || (updated && versions);
  }
  // A first line longer than the sample: look for the keys as text.
  return line.find("\"authors_parsed\"") != std::string_view::npos;
}

bool looks_like_bibtex_entry(std::string_view line) {
  line = trim(line);
  if (line.empty() || line[0] != '@') return false;
  std::size_t i = 1;
  while (i < line.size() && is_space(line[i])) ++i;
  const std::size_t word = i;
  while (i < line.size() && ((line[i] >= 'a' && line[i] <= 'z') || (line[i] >= 'A' && line[i] <= 'Z'))) {
    ++i;
  }
  if (i == word) return false;
  while (i < line.size() && is_space(line[i])) ++i;
  return i == line.size() || line[i] == '{' || line[i] == '(';
}

}  // namespace

InputFormat detect_format(std::string_view head, std::string_view path) {
  if (starts_with(head, "\xEF\xBB\xBF")) head.remove_prefix(3);
  const std::size_t first = head.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos) {
    const char c = head[first];
    if (c == '<') return InputFormat::oai;
    if (c == '{') {
      std::size_t end = head.find('\n', first);
      if (end == std::string_view::npos) end = head.size();
      return looks_like_arxiv_snapshot(head.substr(first, end - first)) ? InputFormat::arxiv_json
                                                                         : InputFormat::jsonl;
    }
    // Line by line: BibTeX entries may follow free text; listings have
    // their tell-tale lines somewhere near the top.
    std::size_t pos = 0;
    bool listing = false;
    while (pos < head.size()) {
      std::size_t end = head.find('\n', pos);
      const bool complete = end != std::string_view::npos;
      if (!complete) end = head.size();
      const std::string_view line = head.substr(pos, end - pos);
      pos = end + 1;
      if (looks_like_bibtex_entry(line)) return InputFormat::bibtex;
      if (complete && !listing && looks_like_listing_line(line)) listing = true;
    }
    if (listing) return InputFormat::listing;
  }
  return format_from_name(path).value_or(InputFormat::jsonl);
}

std::unique_ptr<InputStream> peek(std::unique_ptr<InputStream> input, std::string& head) {
  head.resize(kDetectBytes);
  std::size_t size = 0;
  std::optional<Error> failure;
  try {
    while (size < head.size()) {
      const std::size_t got = input->read(head.data() + size, head.size() - size);
      if (got == 0) break;
      size += got;
    }
  } catch (const Error& error) {
    failure = error;
  }
  head.resize(size);
  return std::make_unique<ReplayStream>(std::move(input), head, std::move(failure));
}

}  // namespace quire::ingest
