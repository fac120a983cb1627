// arXiv's OAI-PMH records (ListRecords with metadataPrefix=arXiv), read
// with expat as a stream. Elements are matched by their local names, never
// by namespace: real harvests put <arXiv> in the OAI namespace, or in none.
//
// Record rules (inside <record><metadata><arXiv>):
//   id          the paper's id (version split off into extra["version"]);
//               when missing, the header's oai:arXiv.org:ID identifier
//   title       required; spaces folded
//   abstract    spaces folded
//   authors     <author><keyname/><forenames/><suffix/><affiliation/>...:
//               "Forenames Keyname Suffix"; affiliations, when any author
//               has one, go to extra["affiliations"] as a JSON list of
//               strings aligned with the authors ("; " between several)
//   categories  space-separated
//   created     `date`; updated -> extra["updated"]
//   comments -> extra["comment"]; journal-ref, report-no, msc-class,
//               acm-class -> extra["journal_ref"], ...; any other element
//               -> extra under its name with '-' made '_'
// A record whose header says status="deleted" carries no metadata and is
// skipped. An OAI-PMH <error> is reported. An XML error inside a record
// rejects that record and reading resumes at the next <record>.
#include <expat.h>

#include <algorithm>
#include <cstring>
#include <deque>
#include <exception>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ingest/arxiv_json_reader.h"
#include "ingest/jsonl_reader.h"
#include "ingest/source.h"
#include "ingest/text.h"

namespace quire::ingest {

namespace {

// Text of one element kept at most; a larger one is cut here already (the
// record limits cut further) so a runaway element cannot exhaust memory.
constexpr std::size_t kMaxElementText = std::size_t{16} << 20;
constexpr std::size_t kFeedBytes = std::size_t{64} << 10;

std::string_view local_name(const XML_Char* name) {
  std::string_view text(name);
  const std::size_t colon = text.rfind(':');
  return colon == std::string_view::npos ? text : text.substr(colon + 1);
}

struct Author {
  std::string keyname, forenames, suffix;
  std::vector<std::string> affiliations;
};

// What parsing produced, in input order: a paper, or a problem.
struct Event {
  std::uint64_t line = 0;
  std::optional<Paper> paper;
  std::string field;
  std::string reason;
  bool warning = false;
};

class OaiSource final : public RecordSource {
 public:
  OaiSource(std::unique_ptr<InputStream> input, IssueSink& issues)
      : input_(std::move(input)), issues_(issues), chunk_(kFeedBytes, '\0') {
    start_parser();
  }
  ~OaiSource() override {
    if (parser_) XML_ParserFree(parser_);
  }

  bool next(Paper& paper, std::uint64_t& line) override {
    for (;;) {
      while (!events_.empty()) {
        Event event = std::move(events_.front());
        events_.pop_front();
        if (event.paper) {
          paper = std::move(*event.paper);
          line = event.line;
          return true;
        }
        if (event.warning) {
          issues_.warn(event.line, std::move(event.field), std::move(event.reason));
        } else {
          issues_.reject(event.line, std::move(event.field), std::move(event.reason));
        }
      }
      if (finished_) return false;
      feed();
    }
  }

  std::uint64_t bytes_consumed() const noexcept override { return input_->bytes_consumed(); }

 private:
  void start_parser() {
    if (parser_) XML_ParserFree(parser_);
    // Not the namespace-aware parser: names arrive as written ("oai:record"),
    // and local_name() drops any prefix.
    parser_ = XML_ParserCreate(nullptr);
    if (!parser_) throw std::bad_alloc();
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(parser_, &OaiSource::on_start, &OaiSource::on_end);
    XML_SetCharacterDataHandler(parser_, &OaiSource::on_text);
    depth_ = 0;
    fed_to_parser_ = 0;
  }

  std::uint64_t line_now() const {
    return line_offset_ + static_cast<std::uint64_t>(XML_GetCurrentLineNumber(parser_));
  }

  // Reads the next piece of input and parses it.
  void feed() {
    std::size_t size = 0;
    while (size < chunk_.size()) {
      const std::size_t got = input_->read(chunk_.data() + size, chunk_.size() - size);
      if (got == 0) break;
      size += got;
    }
    if (size == 0) {
      finish();
      return;
    }
    seen_data_ = true;
    parse(size);
  }

  // Parses chunk_[0, to), resuming after each XML error at the next
  // record.
  void parse(std::size_t to) {
    for (;;) {
      const std::uint64_t chunk_base = fed_to_parser_;  // parser offset of chunk_[0]
      fed_to_parser_ += to;
      const XML_Status status = XML_Parse(parser_, chunk_.data(), static_cast<int>(to), XML_FALSE);
      rethrow_handler_failure();
      if (status != XML_STATUS_ERROR) {
        lines_before_chunk_ += count_lines(0, to);
        return;
      }
      const XML_Index at = XML_GetCurrentByteIndex(parser_);
      std::size_t error_pos = 0;
      if (at >= 0 && static_cast<std::uint64_t>(at) >= chunk_base) {
        error_pos = std::min<std::size_t>(to, static_cast<std::size_t>(at - chunk_base));
      }
      report_xml_error();
      to = skip_to_next_record(error_pos + 1, to);
      if (to == 0) return;
    }
  }

  std::uint64_t count_lines(std::size_t from, std::size_t to) const {
    std::uint64_t lines = 0;
    for (std::size_t i = from; i < to; ++i) lines += chunk_[i] == '\n';
    return lines;
  }

  void report_xml_error() {
    const std::string message = XML_ErrorString(XML_GetErrorCode(parser_));
    const std::uint64_t line = line_now();
    if (in_record_) {
      push_problem(record_line_, "", "XML error at line " + std::to_string(line) + ": " +
                                         message + "; the record is skipped");
    } else {
      push_problem(line, "", "XML error: " + message + "; skipped to the next <record>");
    }
    in_record_ = false;
  }

  // Skips input from chunk_[from, to) (and later pieces) to the next
  // record's start tag, moves it to chunk_[0], starts a fresh parser there
  // and returns the bytes in chunk_ to parse; 0 at the end of the input.
  std::size_t skip_to_next_record(std::size_t from, std::size_t to) {
    const std::string tag = "<" + record_qname_;
    for (;;) {
      std::size_t found = std::string::npos;
      for (std::size_t pos = from; pos < to;) {
        pos = chunk_.find(tag, pos);
        if (pos == std::string::npos || pos + tag.size() > to) break;
        const char after = pos + tag.size() < to ? chunk_[pos + tag.size()] : '>';
        if (after == '>' || is_space(after)) {
          found = pos;
          break;
        }
        ++pos;
      }
      if (found != std::string::npos) {
        lines_before_chunk_ += count_lines(0, found);
        start_parser();
        // The elements the records sit in, opened again so that the records
        // and the closing tags that follow parse as a document.
        std::string wrapper;
        const std::vector<std::string> ancestors = record_ancestors_;
        open_.clear();
        for (const std::string& name : ancestors) wrapper += "<" + name + ">";
        XML_Parse(parser_, wrapper.data(), static_cast<int>(wrapper.size()), XML_FALSE);
        rethrow_handler_failure();
        fed_to_parser_ = wrapper.size();
        line_offset_ = lines_before_chunk_;
        std::memmove(chunk_.data(), chunk_.data() + found, to - found);
        return to - found;
      }
      // Keep the tail that might hold the start of the tag.
      const std::size_t keep = std::min(to, tag.size());
      lines_before_chunk_ += count_lines(0, to - keep);
      std::memmove(chunk_.data(), chunk_.data() + to - keep, keep);
      std::size_t size = keep;
      while (size < chunk_.size()) {
        const std::size_t got = input_->read(chunk_.data() + size, chunk_.size() - size);
        if (got == 0) break;
        size += got;
      }
      if (size == keep) {
        finished_ = true;
        XML_ParserFree(parser_);
        parser_ = nullptr;
        return 0;
      }
      from = 0;
      to = size;
    }
  }

  void finish() {
    finished_ = true;
    if (!parser_ || !seen_data_) return;
    const XML_Status status = XML_Parse(parser_, nullptr, 0, XML_TRUE);
    rethrow_handler_failure();
    if (status != XML_STATUS_ERROR) return;
    if (in_record_) {
      push_problem(record_line_, "",
                   "the file ends inside this record; it may be truncated (" +
                       std::string(XML_ErrorString(XML_GetErrorCode(parser_))) + ")");
    } else if (!root_closed_) {
      Event event;
      event.line = line_now();
      event.reason = saw_root_ ? "the file ends before the document does; it may be truncated"
                               : std::string("not an XML document: ") +
                                     XML_ErrorString(XML_GetErrorCode(parser_));
      event.warning = saw_root_;
      events_.push_back(std::move(event));
    }
  }

  void push_problem(std::uint64_t line, std::string field, std::string reason) {
    Event event;
    event.line = line;
    event.field = std::move(field);
    event.reason = std::move(reason);
    events_.push_back(std::move(event));
  }

  // Handlers run inside expat's C frames, which an exception must not
  // cross: a failure is kept and rethrown once XML_Parse returns.
  void rethrow_handler_failure() {
    if (failure_) {
      std::exception_ptr failure = failure_;
      failure_ = nullptr;
      std::rethrow_exception(failure);
    }
  }

  template <typename F>
  static void guarded(void* data, F&& body) {
    auto* self = static_cast<OaiSource*>(data);
    if (self->failure_) return;
    try {
      body(*self);
    } catch (...) {
      self->failure_ = std::current_exception();
      XML_StopParser(self->parser_, XML_FALSE);
    }
  }

  static void on_start(void* data, const XML_Char* name, const XML_Char** attributes) {
    guarded(data, [&](OaiSource& self) { self.start(name, attributes); });
  }
  static void on_end(void* data, const XML_Char* name) {
    guarded(data, [&](OaiSource& self) { self.end(name); });
  }
  static void on_text(void* data, const XML_Char* text, int length) {
    guarded(data, [&](OaiSource& self) {
      if (self.text_.size() < kMaxElementText) {
        self.text_.append(text, std::min<std::size_t>(static_cast<std::size_t>(length),
                                                      kMaxElementText - self.text_.size()));
      }
    });
  }

  void start(const XML_Char* qname, const XML_Char** attributes) {
    const std::string_view name = local_name(qname);
    ++depth_;
    saw_root_ = true;
    text_.clear();
    if (!in_record_) open_.emplace_back(qname);
    if (name == "record") {
      record_ancestors_.assign(open_.begin(), open_.end() - 1);
      in_record_ = true;
      record_qname_ = qname;
      record_line_ = line_now();
      deleted_ = in_arxiv_ = saw_arxiv_ = has_title_ = false;
      created_.clear();
      metadata_other_.clear();
      header_id_.clear();
      authors_.clear();
      paper_ = Paper();
      return;
    }
    if (name == "error" && !in_record_) {
      error_code_.clear();
      for (const XML_Char** a = attributes; *a; a += 2) {
        if (local_name(a[0]) == "code") error_code_ = a[1];
      }
      return;
    }
    if (!in_record_) return;
    if (name == "header") {
      for (const XML_Char** a = attributes; *a; a += 2) {
        if (local_name(a[0]) == "status" && std::string_view(a[1]) == "deleted") deleted_ = true;
      }
    } else if (name == "arXiv") {
      in_arxiv_ = saw_arxiv_ = true;
    } else if (name == "author" && in_arxiv_) {
      authors_.emplace_back();
    } else if (parent_is_metadata_ && !in_arxiv_ && metadata_other_.empty()) {
      metadata_other_ = std::string(name);
    }
    parent_is_metadata_ = name == "metadata";
  }

  void end(const XML_Char* qname) {
    const std::string_view name = local_name(qname);
    --depth_;
    parent_is_metadata_ = false;
    if (depth_ == 0) root_closed_ = true;
    if (!open_.empty() && (!in_record_ || name == "record")) open_.pop_back();
    if (!in_record_) {
      if (name == "error") {
        push_problem(line_now(), "",
                     "the OAI-PMH server answered with an error" +
                         (error_code_.empty() ? std::string() : " (" + error_code_ + ")") +
                         ": " + fold_spaces(text_));
      }
      return;
    }
    if (name == "record") {
      finish_record();
      in_record_ = false;
    } else if (name == "identifier" && !in_arxiv_) {
      header_id_ = std::string(trim(text_));
    } else if (name == "arXiv") {
      in_arxiv_ = false;
    } else if (in_arxiv_) {
      arxiv_field(name);
    }
    text_.clear();
  }

  void arxiv_field(std::string_view name) {
    if (!authors_.empty() && (name == "keyname" || name == "forenames" || name == "suffix" ||
                              name == "affiliation")) {
      Author& author = authors_.back();
      std::string value = fold_spaces(text_);
      if (name == "keyname") author.keyname = std::move(value);
      if (name == "forenames") author.forenames = std::move(value);
      if (name == "suffix") author.suffix = std::move(value);
      if (name == "affiliation" && !value.empty()) author.affiliations.push_back(std::move(value));
      return;
    }
    if (name == "author" || name == "authors") return;
    if (name == "id") {
      paper_.id = std::string(trim(text_));
    } else if (name == "title") {
      fold_spaces(text_, paper_.title);
      has_title_ = true;
    } else if (name == "abstract") {
      fold_spaces(text_, paper_.abstract);
    } else if (name == "categories") {
      const std::string words = fold_spaces(text_);
      std::size_t pos = 0;
      while (pos < words.size()) {
        std::size_t end = words.find(' ', pos);
        if (end == std::string::npos) end = words.size();
        paper_.categories.push_back(words.substr(pos, end - pos));
        pos = end + 1;
      }
    } else if (name == "created") {
      created_ = std::string(trim(text_));
    } else {
      std::string key(name == "comments" ? "comment" : name == "updated" ? "updated" : name);
      for (char& c : key) {
        if (c == '-') c = '_';
      }
      std::string value = fold_spaces(text_);
      if (!value.empty()) paper_.extra[key] = std::move(value);
    }
  }

  void finish_record() {
    const bool had_title = has_title_;
    has_title_ = false;
    std::string created = std::move(created_);
    created_.clear();
    if (deleted_) return;
    if (!saw_arxiv_) {
      push_problem(record_line_, "metadata",
                   metadata_other_.empty()
                       ? "the record has no arXiv metadata"
                       : "the metadata is <" + metadata_other_ +
                             ">, not <arXiv>; harvest with metadataPrefix=arXiv");
      return;
    }
    std::string id = paper_.id;
    if (id.empty() && starts_with(header_id_, "oai:arXiv.org:")) {
      id = header_id_.substr(14);
    }
    if (id.empty()) {
      push_problem(record_line_, "id", "required field is missing");
      return;
    }
    if (!had_title) {
      push_problem(record_line_, "title", "required field is missing");
      return;
    }
    std::string base, version;
    if (split_arxiv_id(id, base, version)) {
      paper_.id = std::move(base);
      if (!version.empty()) paper_.extra["version"] = version;
    } else {
      paper_.id = std::move(id);
    }
    if (!created.empty() && !is_valid_date(created)) {
      push_problem(record_line_, "created",
                   "must be a date YYYY-MM-DD, not " + quote(created));
      return;
    }
    paper_.date = created.empty() ? date_from_arxiv_id(paper_.id) : created;

    bool any_affiliation = false;
    std::vector<std::string> affiliations;
    for (Author& author : authors_) {
      std::string name = arxiv_author_name(author.keyname, author.forenames, author.suffix);
      if (name.empty()) continue;
      paper_.authors.push_back(std::move(name));
      std::string joined;
      for (const std::string& place : author.affiliations) {
        if (!joined.empty()) joined += "; ";
        joined += place;
      }
      any_affiliation = any_affiliation || !joined.empty();
      affiliations.push_back(std::move(joined));
    }
    if (any_affiliation) paper_.extra["affiliations"] = json_string_list(affiliations);
    paper_.extra.emplace("source", "arxiv");

    Event event;
    event.line = record_line_;
    event.paper = std::move(paper_);
    events_.push_back(std::move(event));
    paper_ = Paper();
  }

  std::unique_ptr<InputStream> input_;
  IssueSink& issues_;
  XML_Parser parser_ = nullptr;
  std::exception_ptr failure_;
  std::string chunk_;
  std::deque<Event> events_;
  bool finished_ = false;
  bool seen_data_ = false;
  bool saw_root_ = false;
  bool root_closed_ = false;
  std::uint64_t fed_to_parser_ = 0;
  std::uint64_t lines_before_chunk_ = 0;
  std::uint64_t line_offset_ = 0;
  int depth_ = 0;

  std::string text_;
  std::string record_qname_ = "record";
  // Elements open outside any record, and those around the last record.
  std::vector<std::string> open_;
  std::vector<std::string> record_ancestors_ = {"OAI-PMH", "ListRecords"};
  std::string error_code_;
  bool in_record_ = false;
  bool in_arxiv_ = false;
  bool saw_arxiv_ = false;
  bool deleted_ = false;
  bool has_title_ = false;
  bool parent_is_metadata_ = false;
  std::string metadata_other_;
  std::uint64_t record_line_ = 0;
  std::string header_id_;
  std::string created_;
  std::vector<Author> authors_;
  Paper paper_;
};

}  // namespace

std::unique_ptr<RecordSource> open_oai_source(std::unique_ptr<InputStream> input,
                                              IssueSink& issues) {
  return std::make_unique<OaiSource>(std::move(input), issues);
}

}  // namespace quire::ingest
