#include "ingest/reader.h"

#include <string_view>
#include <utility>

#include "quire/error.h"

QUIRE_NAMESPACE_BEGIN

std::string to_string(const ImportIssue& issue) {
  std::string text = issue.file + ":" + std::to_string(issue.line) + ": ";
  if (!issue.field.empty()) text += "field " + issue.field + ": ";
  text += issue.reason;
  return text;
}

std::unique_ptr<PaperReader::Impl> PaperReader::Impl::open(const std::string& path,
                                                           InputFormat format) {
  if (format != InputFormat::jsonl) {
    throw Error(ErrorCode::invalid_argument,
                path + ": unknown input format " + std::to_string(static_cast<int>(format)) +
                    "; use InputFormat::jsonl");
  }
  return std::make_unique<Impl>(path);
}

PaperReader::Impl::Impl(const std::string& path)
    : path(path), lines(ingest::InputStream::open(path)) {}

void PaperReader::Impl::reject(std::uint64_t line, std::string field, std::string reason) {
  ++rejected;
  if (on_issue) on_issue(ImportIssue{path, line, std::move(field), std::move(reason)});
}

bool PaperReader::Impl::next(Paper& paper) {
  ingest::Line line;
  while (lines.next(line)) {
    if (line.too_long) {
      reject(line.number, "",
             "the line is longer than " +
                 std::to_string(ingest::LineReader::kDefaultMaxLineBytes >> 20) +
                 " MiB; it cannot be one paper");
      continue;
    }
    std::string_view text = line.text;
    // Editors on Windows start UTF-8 files with a byte order mark.
    if (line.number == 1 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    if (ingest::is_blank(text)) continue;
    if (parser.parse(text, scratch_, problem_)) {
      std::swap(scratch_, paper);
      ++read;
      last_line = line.number;
      return true;
    }
    if (!line.terminated && problem_.reason.rfind("not valid JSON", 0) == 0) {
      problem_.reason += "; the last line has no newline, so the file may be truncated";
    }
    reject(line.number, std::move(problem_.field), std::move(problem_.reason));
  }
  return false;
}

PaperReader::PaperReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PaperReader::PaperReader(PaperReader&&) noexcept = default;
PaperReader& PaperReader::operator=(PaperReader&&) noexcept = default;
PaperReader::~PaperReader() = default;

PaperReader PaperReader::open(const std::string& path, InputFormat format) {
  return PaperReader(Impl::open(path, format));
}

bool PaperReader::next(Paper& paper) { return impl_->next(paper); }

void PaperReader::on_issue(std::function<void(const ImportIssue&)> callback) {
  impl_->on_issue = std::move(callback);
}

std::uint64_t PaperReader::records_read() const noexcept { return impl_ ? impl_->read : 0; }

std::uint64_t PaperReader::records_rejected() const noexcept {
  return impl_ ? impl_->rejected : 0;
}

std::uint64_t PaperReader::bytes_read() const noexcept {
  return impl_ ? impl_->lines.bytes_consumed() : 0;
}

QUIRE_NAMESPACE_END
