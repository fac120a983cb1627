// Entry rules:
//   id        the DOI when there is one, else the entry key, else
//             "bibtex-" and a hash of the title
//   title     required; LaTeX decoded ({\"a} -> ä, {GAN} -> GAN), spaces
//             folded. So are abstract, the venue and every name.
//   author    split at top-level "and"; "Last, First" kept as written,
//             "von Last, Jr, First" turned into "First von Last Jr";
//             "and others" sets extra["authors_truncated"] = "true"
//   year, month, date
//             `date` = "YYYY" or "YYYY-MM" (month as a name, an
//             abbreviation, a number or a macro such as aug; the first
//             month named in "17--19 Jun"); biblatex's date = {YYYY-MM-DD}
//             wins when valid
//   booktitle, journal
//             the venue (booktitle first)
//   doi       extra["doi"], without a resolver prefix
//   eprint    with archiveprefix = arXiv: extra["arxiv"] (version-less)
//   every other field goes to extra under its lowercased name: text-like
//   fields (editor, publisher, note, ...) decoded, the rest (url, pages,
//   ...) as written; plus extra["bibtex_key"] and extra["entry_type"].
// @string macros (and the month macros jan..dec) are expanded; # joins
// parts. Bytes that are not UTF-8 are read as Windows-1252, with a warning.
#include "ingest/bibtex_reader.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <map>
#include <optional>
#include <utility>

#include "ingest/jsonl_reader.h"
#include "ingest/line_reader.h"
#include "ingest/source.h"
#include "ingest/text.h"

namespace quire::ingest {

namespace {

// An entry larger than this is not a bibliography entry but a runaway brace.
constexpr std::size_t kMaxEntryBytes = std::size_t{16} << 20;

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = lower(c);
  return out;
}

// Where an entry header ("@type{" or "@type(") starts in `text` at or after
// `from`; npos if none.
std::size_t find_entry_start(std::string_view text, std::size_t from) {
  for (std::size_t at = text.find('@', from); at != std::string_view::npos;
       at = text.find('@', at + 1)) {
    std::size_t i = at + 1;
    while (i < text.size() && is_space(text[i])) ++i;
    const std::size_t word = i;
    while (i < text.size() && is_alpha(text[i])) ++i;
    if (i == word) continue;
    while (i < text.size() && is_space(text[i])) ++i;
    if (i < text.size() && (text[i] == '{' || text[i] == '(')) return at;
  }
  return std::string_view::npos;
}

bool line_starts_entry(std::string_view line) {
  const std::size_t first = line.find_first_not_of(" \t");
  return first != std::string_view::npos && line[first] == '@' &&
         find_entry_start(line, first) == first;
}

// Fields whose value is prose, decoded like the title.
bool is_text_field(std::string_view name) {
  static constexpr std::string_view kText[] = {
      "editor", "publisher", "address", "note", "series", "school", "institution",
      "organization", "howpublished", "keywords", "annote", "location", "subtitle"};
  for (std::string_view text : kText) {
    if (name == text) return true;
  }
  return false;
}

std::string strip_doi(std::string_view doi) {
  doi = trim(doi);
  for (std::string_view prefix : {"https://doi.org/", "http://doi.org/", "https://dx.doi.org/",
                                  "http://dx.doi.org/", "doi:", "DOI:"}) {
    if (starts_with(doi, prefix)) {
      doi.remove_prefix(prefix.size());
      break;
    }
  }
  return std::string(trim(doi));
}

// One entry's text, parsed.
struct Entry {
  std::string type;  // lowercased
  std::string key;
  std::vector<std::pair<std::string, std::string>> fields;  // name lowercased, raw value
  std::vector<std::string> notes;                           // warnings
};

class EntryParser {
 public:
  // With `salvage`, a value the text ends inside is taken as it stands:
  // for entries whose closing brace never came.
  EntryParser(std::string_view text, const std::map<std::string, std::string>& macros,
              bool salvage)
      : s_(text), macros_(macros), salvage_(salvage) {}

  // Parses the whole entry; false with `field`/`reason` set when malformed.
  bool parse(Entry& entry) {
    i_ = 1;  // after '@'
    skip_spaces();
    const std::size_t type_start = i_;
    while (i_ < s_.size() && is_alpha(s_[i_])) ++i_;
    entry.type = lowercase(s_.substr(type_start, i_ - type_start));
    skip_spaces();
    close_ = s_[i_] == '(' ? ')' : '}';
    ++i_;
    if (entry.type == "comment" || entry.type == "preamble") return true;
    if (entry.type != "string") {
      // The key runs to the first top-level comma. Real files put braces
      // ("estap{\'e}2024") and even spaces in keys; text with '=' before
      // any comma is a field, and the entry has no key.
      skip_spaces();
      const std::size_t key_start = i_;
      int depth = 0;
      std::size_t k = i_;
      for (; k < s_.size(); ++k) {
        const char c = s_[k];
        if (c == '{') ++depth;
        if (c == '}' && depth > 0) {
          --depth;
          continue;
        }
        if (depth == 0 && (c == ',' || c == close_ || c == '=')) break;
      }
      if (k < s_.size() && s_[k] != '=') {
        entry.key = std::string(trim(s_.substr(key_start, k - key_start)));
        i_ = k;
        if (at(',')) ++i_;
      } else if (k >= s_.size() && !salvage_) {
        return fail("", "the entry has no fields after its key");
      }
    }
    for (;;) {
      skip_spaces_and_comments();
      if (i_ >= s_.size() || at(close_)) return true;
      const std::size_t name_start = i_;
      while (i_ < s_.size() && (is_alpha(s_[i_]) || is_digit(s_[i_]) ||
                                std::strchr("_-:.+/", s_[i_]) != nullptr)) {
        ++i_;
      }
      if (i_ == name_start) {
        return fail("", "expected a field name at line +" + std::to_string(line_at(i_)) +
                            ", found " + quote(s_.substr(i_, 10)));
      }
      const std::string name = lowercase(s_.substr(name_start, i_ - name_start));
      skip_spaces();
      if (!at('=')) {
        return fail(name, "expected '=' after the field name at line +" +
                              std::to_string(line_at(i_)));
      }
      ++i_;
      skip_spaces();
      const std::size_t value_start = i_;
      std::string value;
      if (!parse_value(name, value, entry)) return false;
      skip_spaces_and_comments();
      if (!at(',') && !at(close_) && i_ < s_.size()) {
        // A stray '}' inside a value ("(REFORM}) framework") ends it early.
        // Rather than lose the entry, take the raw text up to the next
        // "name =" line (or the entry's end) as the value.
        const std::size_t resume = next_field_line(i_);
        std::string_view raw = trim(s_.substr(value_start, resume - value_start));
        if (!raw.empty() && raw.back() == ',') raw = trim(raw.substr(0, raw.size() - 1));
        if (raw.size() >= 2 && ((raw.front() == '{' && raw.back() == '}') ||
                                (raw.front() == '"' && raw.back() == '"'))) {
          raw = raw.substr(1, raw.size() - 2);
        }
        entry.notes.push_back("field " + name + ": unbalanced braces or quotes in the value at line +" +
                              std::to_string(line_at(i_)) + "; read the raw text up to the next field");
        value.assign(raw);
        i_ = resume;
      }
      bool repeated = false;
      for (const auto& field : entry.fields) repeated = repeated || field.first == name;
      if (repeated) {
        entry.notes.push_back("field " + name + " is given twice; the first value is kept");
      } else {
        entry.fields.emplace_back(name, std::move(value));
      }
      if (at(',')) ++i_;
    }
  }

  // Where the next line that starts "name =" begins after `from`, or the
  // entry's closing character when none does.
  std::size_t next_field_line(std::size_t from) const {
    for (std::size_t nl = s_.find('\n', from); nl != std::string_view::npos;
         nl = s_.find('\n', nl + 1)) {
      std::size_t k = nl + 1;
      while (k < s_.size() && (s_[k] == ' ' || s_[k] == '\t')) ++k;
      const std::size_t name = k;
      while (k < s_.size() && (is_alpha(s_[k]) || is_digit(s_[k]) || s_[k] == '_' || s_[k] == '-')) {
        ++k;
      }
      if (k == name || !is_alpha(s_[name])) continue;
      while (k < s_.size() && (s_[k] == ' ' || s_[k] == '\t')) ++k;
      if (k < s_.size() && s_[k] == '=') return nl + 1;
    }
    std::size_t end = s_.size();
    if (end > 0 && s_[end - 1] == close_) --end;
    return std::max(end, from);
  }

  std::string field;
  std::string reason;
  std::string cut_field;  // in salvage mode, the field the text ended inside

 private:
  bool at(char c) const { return i_ < s_.size() && s_[i_] == c; }

  // Lines into the entry, for reasons: +0 is the entry's first line.
  std::size_t line_at(std::size_t pos) const {
    std::size_t lines = 0;
    for (std::size_t k = 0; k < pos && k < s_.size(); ++k) lines += s_[k] == '\n';
    return lines;
  }

  void skip_spaces() {
    while (i_ < s_.size() && is_space(s_[i_])) ++i_;
  }

  // Many .bib files comment out fields with %, which BibTeX itself does not
  // know but every modern tool accepts between fields.
  void skip_spaces_and_comments() {
    for (;;) {
      skip_spaces();
      if (!at('%')) return;
      while (i_ < s_.size() && s_[i_] != '\n') ++i_;
    }
  }

  bool fail(std::string field_name, std::string why) {
    field = std::move(field_name);
    reason = std::move(why);
    return false;
  }

  bool parse_value(const std::string& name, std::string& value, Entry& entry) {
    for (;;) {
      skip_spaces();
      if (i_ >= s_.size()) return fail(name, "the value is missing");
      const char c = s_[i_];
      if (c == '{' || c == '"') {
        const char end = c == '{' ? '}' : '"';
        int depth = 0;
        const std::size_t start = ++i_;
        while (i_ < s_.size()) {
          const char d = s_[i_];
          if (d == '{') {
            ++depth;
          } else if (d == '}') {
            if (depth == 0) break;
            --depth;
          } else if (d == '"' && end == '"' && depth == 0) {
            break;
          }
          ++i_;
        }
        if (i_ >= s_.size() || s_[i_] != end) {
          if (!salvage_) {
            return fail(name, std::string("the value is not closed (a missing '") + end + "')");
          }
          value.append(trim(s_.substr(start)));
          cut_field = name;
          return true;
        }
        value.append(s_.substr(start, i_ - start));
        ++i_;
      } else if (is_digit(c)) {
        const std::size_t start = i_;
        while (i_ < s_.size() && is_digit(s_[i_])) ++i_;
        value.append(s_.substr(start, i_ - start));
      } else if (is_alpha(c)) {
        const std::size_t start = i_;
        while (i_ < s_.size() && (is_alpha(s_[i_]) || is_digit(s_[i_]) ||
                                  std::strchr("_-:.+/", s_[i_]) != nullptr)) {
          ++i_;
        }
        const std::string macro = lowercase(s_.substr(start, i_ - start));
        if (const auto found = macros_.find(macro); found != macros_.end()) {
          value.append(found->second);
        } else if (const int month = month_number(macro); month > 0 && macro.size() == 3) {
          static constexpr const char* kMonths[] = {"January", "February", "March", "April",
                                                    "May", "June", "July", "August",
                                                    "September", "October", "November",
                                                    "December"};
          value.append(kMonths[month - 1]);
        } else {
          entry.notes.push_back("field " + name + ": undefined @string macro " + quote(macro) +
                                "; kept its name");
          value.append(s_.substr(start, i_ - start));
        }
      } else {
        return fail(name, "expected a value ({...}, \"...\", a number or a @string name) at line +" +
                              std::to_string(line_at(i_)) + ", found " + quote(s_.substr(i_, 10)));
      }
      skip_spaces();
      if (!at('#')) return true;
      ++i_;
    }
  }

  std::string_view s_;
  const std::map<std::string, std::string>& macros_;
  bool salvage_;
  std::size_t i_ = 0;
  char close_ = '}';
};

class BibtexSource final : public RecordSource {
 public:
  BibtexSource(std::unique_ptr<InputStream> input, const SourceOptions& options,
               IssueSink& issues)
      : lines_(std::move(input), options.buffer_bytes), issues_(issues) {}

  bool next(Paper& paper, std::uint64_t& line) override {
    for (;;) {
      if (rest_.empty()) {
        if (!next_line()) {
          if (!inside_) return false;
          inside_ = false;
          cut_short_ = "the entry is not closed at the end of the file (a missing '" +
                       std::string(1, close_) + "', or the file is truncated)";
        }
        if (!cut_short_.empty()) {
          const std::string reason = std::move(cut_short_);
          cut_short_.clear();
          if (finish_entry(paper, reason)) {
            line = entry_line_;
            return true;
          }
          continue;
        }
      }
      if (!inside_) {
        const std::size_t start = find_entry_start(rest_, 0);
        if (start == std::string_view::npos) {
          rest_ = {};
          continue;
        }
        begin_entry(start);
      }
      if (!scan_entry()) continue;
      if (finish_entry(paper, {})) {
        line = entry_line_;
        return true;
      }
    }
  }

  std::uint64_t bytes_consumed() const noexcept override { return lines_.bytes_consumed(); }

 private:
  bool next_line() {
    Line line;
    if (!lines_.next(line)) return false;
    line_number_ = line.number;
    rest_ = line.text;
    if (line.too_long) {
      // A line over the LineReader's limit (64 MiB) is dropped whole.
      if (inside_) {
        inside_ = false;
        issues_.reject(entry_line_, "", "the entry holds a line longer than 64 MiB");
      }
      rest_ = {};
      return true;
    }
    if (inside_ && line_starts_entry(rest_)) {
      inside_ = false;
      cut_short_ = "the entry is not closed before the next one starts at line " +
                   std::to_string(line_number_) + " (a missing '" + std::string(1, close_) +
                   "'?)";
    }
    return true;
  }

  void begin_entry(std::size_t start) {
    inside_ = true;
    entry_line_ = line_number_;
    entry_.clear();
    oversized_ = false;
    depth_ = 0;
    in_quote_ = false;
    opened_ = false;
    rest_.remove_prefix(start);
  }

  // Consumes rest_ up to the end of the entry; true when the entry closed.
  bool scan_entry() {
    std::size_t i = 0;
    bool closed = false;
    for (; i < rest_.size(); ++i) {
      const char c = rest_[i];
      if (!opened_) {
        if (c == '{' || c == '(') {
          opened_ = true;
          close_ = c == '{' ? '}' : ')';
        }
        continue;
      }
      if (c == '{') {
        ++depth_;
      } else if (c == '}') {
        if (depth_ == 0 && close_ == '}') {
          closed = true;
          break;
        }
        if (depth_ > 0) --depth_;
      } else if (c == '"' && close_ == ')' && depth_ == 0) {
        in_quote_ = !in_quote_;
      } else if (c == ')' && close_ == ')' && depth_ == 0 && !in_quote_) {
        closed = true;
        break;
      }
    }
    const std::size_t take = closed ? i + 1 : rest_.size();
    if (entry_.size() + take + 1 > kMaxEntryBytes) {
      oversized_ = true;
    } else {
      entry_.append(rest_.data(), take);
      if (!closed) entry_.push_back('\n');
    }
    rest_.remove_prefix(take);
    if (closed) inside_ = false;
    return closed;
  }

  // Turns the entry text into a paper; false when it yields none (a macro
  // definition, a comment, or a bad entry, which is reported). `cut_short`
  // says why an entry never closed: it is then read as far as it goes, and
  // kept with a warning when it has a title.
  bool finish_entry(Paper& paper, const std::string& cut_short) {
    if (oversized_) {
      issues_.reject(entry_line_, "", "the entry is larger than " +
                                          std::to_string(kMaxEntryBytes >> 20) +
                                          " MiB (an unbalanced brace?)");
      return false;
    }
    if (std::memchr(entry_.data(), '\0', entry_.size())) {
      issues_.reject(entry_line_, "", "NUL byte in the entry (binary data?)");
      return false;
    }
    const std::size_t repaired = repair_utf8(entry_);
    Entry entry;
    EntryParser parser(entry_, macros_, !cut_short.empty());
    if (!parser.parse(entry)) {
      issues_.reject(entry_line_, parser.field,
                     cut_short.empty() ? parser.reason : cut_short + "; " + parser.reason);
      return false;
    }
    if (entry.type == "string") {
      for (auto& [name, value] : entry.fields) macros_[name] = std::move(value);
      return false;
    }
    if (entry.type == "comment" || entry.type == "preamble") return false;

    paper = Paper();
    std::string year, month, date, booktitle, journal, archive, eprint;
    bool has_title = false;
    for (auto& [name, value] : entry.fields) {
      if (name == "title") {
        paper.title = decode_tex(value);
        has_title = true;
      } else if (name == "author") {
        bool truncated = false;
        paper.authors = split_bibtex_names(value, truncated);
        if (truncated) paper.extra["authors_truncated"] = "true";
      } else if (name == "abstract") {
        paper.abstract = decode_tex(value);
      } else if (name == "year") {
        year = fold_spaces(value);
      } else if (name == "month") {
        month = fold_spaces(value);
      } else if (name == "date") {
        date = fold_spaces(value);
      } else if (name == "booktitle") {
        booktitle = decode_tex(value);
      } else if (name == "journal" || name == "journaltitle") {
        journal = decode_tex(value);
      } else if (name == "doi") {
        paper.extra["doi"] = strip_doi(value);
      } else if (name == "archiveprefix" || name == "eprinttype") {
        archive = lowercase(trim(value));
      } else if (name == "eprint") {
        eprint = fold_spaces(value);
      } else {
        std::string text = is_text_field(name) ? decode_tex(value) : fold_spaces(value);
        if (!text.empty()) paper.extra[name] = std::move(text);
      }
    }
    if (!has_title) {
      issues_.reject(entry_line_, cut_short.empty() ? "title" : "",
                     cut_short.empty() ? "required field is missing"
                                       : cut_short + "; no title before the break");
      return false;
    }
    if (!cut_short.empty()) {
      issues_.warn(entry_line_, parser.cut_field,
                   cut_short + "; read as far as it goes" +
                       (parser.cut_field.empty() ? std::string()
                                                 : ", this field may be cut short"));
    }
    if (repaired > 0) {
      issues_.warn(entry_line_, "", "invalid UTF-8: " + std::to_string(repaired) +
                                        " byte(s) read as Windows-1252");
    }
    for (std::string& note : entry.notes) issues_.warn(entry_line_, "", std::move(note));

    paper.venue = !booktitle.empty() ? booktitle : journal;
    if (!booktitle.empty() && !journal.empty()) paper.extra["journal"] = journal;
    set_date(paper, year, month, date);
    if (!eprint.empty()) {
      std::string base, version;
      if ((archive.empty() || archive == "arxiv") && split_arxiv_id(eprint, base, version)) {
        paper.extra["arxiv"] = base;
      } else {
        paper.extra["eprint"] = eprint;
        if (!archive.empty()) paper.extra["archiveprefix"] = archive;
      }
    }
    const auto doi = paper.extra.find("doi");
    if (doi != paper.extra.end() && !doi->second.empty()) {
      paper.id = doi->second;
    } else if (!entry.key.empty()) {
      paper.id = entry.key;
    } else {
      paper.id = "bibtex-" + hex64(stable_hash(paper.title));
    }
    if (!entry.key.empty()) paper.extra["bibtex_key"] = entry.key;
    paper.extra["entry_type"] = entry.type;
    return true;
  }

  void set_date(Paper& paper, const std::string& year, const std::string& month,
                const std::string& date) {
    if (!date.empty() && is_valid_date(date)) {
      paper.date = date;
      return;
    }
    if (!date.empty()) paper.extra["date"] = date;
    if (year.empty()) return;
    if (year.size() != 4 || !is_valid_date(year)) {
      paper.extra["year"] = year;
      issues_.warn(entry_line_, "year", "not a year: " + quote(year) + "; the date is left empty");
      return;
    }
    paper.date = year;
    if (month.empty()) return;
    // The first word that names a month: "aug", "June", "7", "17--19 Jun".
    int number = month_number(month);
    for (std::size_t pos = 0; number == 0 && pos < month.size();) {
      while (pos < month.size() && !is_alpha(month[pos])) ++pos;
      std::size_t end = pos;
      while (end < month.size() && is_alpha(month[end])) ++end;
      if (end > pos) number = month_number(month.substr(pos, end - pos));
      pos = end;
    }
    if (number > 0) {
      char buffer[16];
      std::snprintf(buffer, sizeof buffer, "-%02d", number);
      paper.date += buffer;
    } else {
      paper.extra["month"] = month;
    }
  }

  LineReader lines_;
  IssueSink& issues_;
  std::map<std::string, std::string> macros_;
  std::string_view rest_;  // the unread part of the current line
  std::string cut_short_;  // why the entry just ended without closing
  std::uint64_t line_number_ = 0;

  bool inside_ = false;
  bool opened_ = false;
  bool oversized_ = false;
  bool in_quote_ = false;
  int depth_ = 0;
  char close_ = '}';
  std::uint64_t entry_line_ = 0;
  std::string entry_;
};

// Splits at top-level commas.
std::vector<std::string_view> comma_parts(std::string_view name) {
  std::vector<std::string_view> parts;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (name[i] == '{') ++depth;
    if (name[i] == '}' && depth > 0) --depth;
    if (name[i] == ',' && depth == 0) {
      parts.push_back(trim(name.substr(start, i - start)));
      start = i + 1;
    }
  }
  parts.push_back(trim(name.substr(start)));
  return parts;
}

}  // namespace

std::vector<std::string> split_bibtex_names(std::string_view text, bool& truncated) {
  std::vector<std::string> names;
  truncated = false;
  auto add = [&](std::string_view raw) {
    raw = trim(raw);
    if (raw.empty()) return;
    if (iequals(raw, "others")) {
      truncated = true;
      return;
    }
    std::vector<std::string_view> parts = comma_parts(raw);
    std::string name;
    if (parts.size() >= 3) {
      // von Last, Jr, First
      name = std::string(parts[2]) + " " + std::string(parts[0]) + " " + std::string(parts[1]);
    } else {
      name = std::string(raw);
    }
    name = decode_tex(name);
    if (!name.empty()) names.push_back(std::move(name));
  };
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '{') ++depth;
    if (c == '}' && depth > 0) --depth;
    if (depth == 0 && is_space(c) && i + 4 < text.size() && lower(text[i + 1]) == 'a' &&
        lower(text[i + 2]) == 'n' && lower(text[i + 3]) == 'd' && is_space(text[i + 4])) {
      add(text.substr(start, i - start));
      start = i + 5;
      i += 4;
    }
  }
  add(text.substr(start));
  return names;
}

std::unique_ptr<RecordSource> open_bibtex_source(std::unique_ptr<InputStream> input,
                                                 const SourceOptions& options, IssueSink& issues) {
  return std::make_unique<BibtexSource>(std::move(input), options, issues);
}

}  // namespace quire::ingest
