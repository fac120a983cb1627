#include "ingest/reader.h"

#include <sys/stat.h>

#include <ctime>
#include <string_view>
#include <utility>

#include "ingest/limits.h"
#include "ingest/text.h"
#include "quire/error.h"

QUIRE_NAMESPACE_BEGIN

std::string to_string(const ImportIssue& issue) {
  std::string text = issue.file + ":" + std::to_string(issue.line) + ": ";
  if (issue.severity == IssueSeverity::warning) text += "warning: ";
  if (!issue.field.empty()) text += "field " + issue.field + ": ";
  text += issue.reason;
  return text;
}

const char* input_format_name(InputFormat format) noexcept {
  switch (format) {
    case InputFormat::jsonl: return "jsonl";
    case InputFormat::oai: return "oai";
    case InputFormat::arxiv_json: return "arxiv-json";
    case InputFormat::bibtex: return "bibtex";
    case InputFormat::listing: return "listing";
    case InputFormat::automatic: return "auto";
  }
  return "unknown";
}

std::optional<InputFormat> input_format_from_name(const std::string& name) {
  for (InputFormat format : {InputFormat::jsonl, InputFormat::oai, InputFormat::arxiv_json,
                             InputFormat::bibtex, InputFormat::listing, InputFormat::automatic}) {
    if (name == input_format_name(format)) return format;
  }
  return std::nullopt;
}

InputFormat detect_input_format(const std::string& path) {
  std::string head;
  ingest::peek(ingest::InputStream::open(path), head);
  return ingest::detect_format(head, path);
}

namespace {

bool is_known_format(InputFormat format) {
  switch (format) {
    case InputFormat::jsonl:
    case InputFormat::oai:
    case InputFormat::arxiv_json:
    case InputFormat::bibtex:
    case InputFormat::listing:
    case InputFormat::automatic: return true;
  }
  return false;
}

int year_modified(const std::string& path) {
  struct stat info {};
  std::time_t when = std::time(nullptr);
  if (::stat(path.c_str(), &info) == 0) when = info.st_mtime;
  std::tm local{};
  localtime_r(&when, &local);
  return local.tm_year + 1900;
}

// Canonical records may carry a versioned arXiv id ("2403.12345v2"); the
// stored id never does, so that every version of a paper is one paper.
void split_versioned_id(Paper& paper) {
  const std::string& id = paper.id;
  if (id.size() < 3 || id.back() < '0' || id.back() > '9') return;
  if (id.find_last_of("vV") == std::string::npos) return;
  std::string base, version;
  if (!ingest::split_arxiv_id(id, base, version) || version.empty()) return;
  paper.id = std::move(base);
  paper.extra.emplace("version", std::move(version));
}

}  // namespace

std::unique_ptr<PaperReader::Impl> PaperReader::Impl::open(const std::string& path,
                                                           const ReaderOptions& options) {
  if (!is_known_format(options.format)) {
    throw Error(ErrorCode::invalid_argument,
                path + ": unknown input format " +
                    std::to_string(static_cast<int>(options.format)) +
                    "; use jsonl, oai, arxiv-json, bibtex, listing or auto");
  }
  if (options.listing_year < 0 || options.listing_year > 9999) {
    throw Error(ErrorCode::invalid_argument,
                "listing year " + std::to_string(options.listing_year) +
                    " is out of range; give a year such as 2025 (or 0 for the file's)");
  }
  std::unique_ptr<ingest::InputStream> input = ingest::InputStream::open(path);
  InputFormat format = options.format;
  if (format == InputFormat::automatic) {
    std::string head;
    input = ingest::peek(std::move(input), head);
    format = ingest::detect_format(head, path);
  }
  ingest::SourceOptions source_options;
  source_options.listing_year =
      options.listing_year > 0 ? options.listing_year : year_modified(path);
  auto impl = std::make_unique<Impl>(path, format);
  impl->source = ingest::open_source(format, std::move(input), source_options, *impl);
  return impl;
}

void PaperReader::Impl::reject(std::uint64_t line, std::string field, std::string reason) {
  ++rejected;
  if (on_issue) {
    on_issue(ImportIssue{path, line, std::move(field), std::move(reason), IssueSeverity::error});
  }
}

void PaperReader::Impl::warn(std::uint64_t line, std::string field, std::string reason) {
  ++warnings;
  if (on_issue) {
    on_issue(ImportIssue{path, line, std::move(field), std::move(reason), IssueSeverity::warning});
  }
}

bool PaperReader::Impl::next(Paper& paper) {
  std::uint64_t line = 0;
  if (!source->next(paper, line)) return false;
  last_line = line;
  ++read;
  split_versioned_id(paper);
  ingest::enforce_limits(paper, [&](const std::string& field, std::string reason) {
    warn(line, field, std::move(reason));
  });
  return true;
}

PaperReader::PaperReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PaperReader::PaperReader(PaperReader&&) noexcept = default;
PaperReader& PaperReader::operator=(PaperReader&&) noexcept = default;
PaperReader::~PaperReader() = default;

PaperReader PaperReader::open(const std::string& path, InputFormat format) {
  ReaderOptions options;
  options.format = format;
  return PaperReader(Impl::open(path, options));
}

PaperReader PaperReader::open(const std::string& path, const ReaderOptions& options) {
  return PaperReader(Impl::open(path, options));
}

bool PaperReader::next(Paper& paper) { return impl_->next(paper); }

void PaperReader::on_issue(std::function<void(const ImportIssue&)> callback) {
  impl_->on_issue = std::move(callback);
}

InputFormat PaperReader::format() const noexcept {
  return impl_ ? impl_->format : InputFormat::automatic;
}

std::uint64_t PaperReader::records_read() const noexcept { return impl_ ? impl_->read : 0; }

std::uint64_t PaperReader::records_rejected() const noexcept {
  return impl_ ? impl_->rejected : 0;
}

std::uint64_t PaperReader::warnings() const noexcept { return impl_ ? impl_->warnings : 0; }

std::uint64_t PaperReader::bytes_read() const noexcept {
  return impl_ ? impl_->bytes_consumed() : 0;
}

QUIRE_NAMESPACE_END
