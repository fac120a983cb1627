// Record rules:
//   profile paper   `title` the first paragraph after its first line;
//                   `authors` the next paragraph when it reads as an author
//                   line ("et al." sets extra["authors_truncated"] =
//                   "true"; " · X" sets extra["affiliation"] = "X");
//                   `abstract` the remaining paragraphs; `categories` the
//                   category code; `date` YYYY-MM-DD, taking the listing's
//                   year when the line shows none (and then
//                   extra["year_assumed"] = "true"); extra["score"],
//                   extra["has_code"] = "true" for the Code flag, other
//                   flags in extra["flags"] (a JSON list)
//   Abstract: para  `abstract` its text; `title` derived from its first
//                   sentence, with extra["title_derived"] = "true" (an
//                   import merges such a record into the paper it belongs
//                   to when there is one)
//   every record    extra["listing"] = the listing's first line (the
//                   person or institution), extra["source"] = "listing";
//                   `id` = "listing-" and a hash of the listing name and the
//                   normalised title + first author (or abstract), so
//                   importing a listing again replaces its records while two
//                   listings of one paper keep one record each
#include "ingest/listing_reader.h"

#include <cstdio>
#include <cstring>
#include <optional>
#include <utility>

#include "ingest/jsonl_reader.h"
#include "ingest/line_reader.h"
#include "ingest/source.h"
#include "ingest/text.h"

namespace quire::ingest {

namespace {

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

constexpr std::string_view kMiddleDot = "\xC2\xB7";  // U+00B7, between authors and affiliation

// "Abstract:" (any case, optional space before the colon) at the start.
bool strip_abstract_label(std::string_view& line) {
  std::string_view text = trim(line);
  if (text.size() < 9 || !iequals(text.substr(0, 8), "abstract")) return false;
  std::size_t i = 8;
  while (i < text.size() && text[i] == ' ') ++i;
  if (i >= text.size() || text[i] != ':') return false;
  line = trim(text.substr(i + 1));
  return true;
}

// Reads digits at `i`; returns the count read.
std::size_t read_number(std::string_view text, std::size_t& i, int& value, std::size_t max) {
  std::size_t count = 0;
  value = 0;
  while (i < text.size() && is_digit(text[i]) && count < max) {
    value = value * 10 + (text[i++] - '0');
    ++count;
  }
  return count;
}

}  // namespace

bool parse_listing_meta(std::string_view line, ListingMeta& meta) {
  const std::string_view text = trim(line);
  meta = ListingMeta();
  std::size_t i = 0;
  // Score: digits with an optional fraction.
  while (i < text.size() && is_digit(text[i])) ++i;
  if (i > 0 && i < text.size() && text[i] == '.') {
    ++i;
    const std::size_t fraction = i;
    while (i < text.size() && is_digit(text[i])) ++i;
    if (i == fraction) return false;
  }
  if (i > 6) return false;
  meta.score.assign(text.substr(0, i));
  // Category, then a month whose capital ends the run of capitals.
  const std::size_t caps = i;
  while (i < text.size() && is_upper(text[i])) ++i;
  const std::size_t run = i - caps;
  if (i < text.size() && is_digit(text[i])) {
    // ISO date right after the category: "ML2024-03-14".
    if (run < 1 || run > 6) return false;
    meta.category.assign(text.substr(caps, run));
    int year = 0, month = 0, day = 0;
    if (read_number(text, i, year, 4) != 4 || i >= text.size() || text[i++] != '-' ||
        read_number(text, i, month, 2) != 2 || i >= text.size() || text[i++] != '-' ||
        read_number(text, i, day, 2) != 2) {
      return false;
    }
    meta.year = year;
    meta.month = month;
    meta.day = day;
  } else {
    if (run < 2 || run > 7) return false;
    meta.category.assign(text.substr(caps, run - 1));
    const std::size_t month_start = i - 1;
    while (i < text.size() && is_lower(text[i])) ++i;
    if (i < text.size() && text[i] == '.') ++i;
    const std::string_view month_word = text.substr(month_start, i - month_start);
    if (month_word.size() < 3) return false;
    meta.month = month_number(month_word);
    if (meta.month == 0) return false;
    if (i >= text.size() || text[i] != ' ') return false;
    while (i < text.size() && text[i] == ' ') ++i;
    if (read_number(text, i, meta.day, 2) == 0) return false;
    // ", 2023" or " 2023"; a bare flag follows otherwise.
    std::size_t j = i;
    if (j < text.size() && text[j] == ',') ++j;
    while (j < text.size() && text[j] == ' ') ++j;
    int year = 0;
    std::size_t k = j;
    if (j > i && read_number(text, k, year, 4) == 4 && (k == text.size() || !is_digit(text[k]))) {
      meta.year = year;
      i = k;
    }
  }
  // Flags: capitalised words run together ("Code", "CodeData").
  while (i < text.size() && text[i] == ' ') ++i;
  while (i < text.size()) {
    if (!is_upper(text[i])) return false;
    const std::size_t start = i++;
    while (i < text.size() && is_lower(text[i])) ++i;
    meta.flags.emplace_back(text.substr(start, i - start));
    while (i < text.size() && text[i] == ' ') ++i;
  }
  if (meta.day < 1 || meta.day > 31) return false;
  return true;
}

bool looks_like_listing_line(std::string_view line) {
  ListingMeta meta;
  std::string_view rest = line;
  return parse_listing_meta(line, meta) || strip_abstract_label(rest);
}

bool parse_listing_authors(std::string_view line, ListingAuthors& out) {
  out = ListingAuthors();
  std::string_view text = trim(line);
  if (text.empty() || text.size() > 20000) return false;
  if (const std::size_t dot = text.find(kMiddleDot); dot != std::string_view::npos) {
    std::string_view places = text.substr(dot + kMiddleDot.size());
    text = trim(text.substr(0, dot));
    while (!places.empty()) {
      std::size_t end = places.find(kMiddleDot);
      const std::string_view place = trim(places.substr(0, end));
      if (!place.empty()) {
        if (!out.affiliation.empty()) out.affiliation += "; ";
        out.affiliation.append(place);
      }
      if (end == std::string_view::npos) break;
      places.remove_prefix(end + kMiddleDot.size());
    }
  }
  for (std::string_view suffix : {"et al.", "et al", "et. al."}) {
    if (ends_with(text, suffix)) {
      out.truncated = true;
      text = trim(text.substr(0, text.size() - suffix.size()));
      if (!text.empty() && text.back() == ',') text.remove_suffix(1);
      break;
    }
  }
  // Names: split at commas, and at " and " / " & " before the last one.
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == ',') {
      std::string_view part = trim(text.substr(start, i - start));
      for (std::string_view joiner : {" and ", " & "}) {
        if (const std::size_t at = part.find(joiner); at != std::string_view::npos) {
          parts.push_back(trim(part.substr(0, at)));
          part = trim(part.substr(at + joiner.size()));
        }
      }
      if (starts_with(part, "and ")) part = trim(part.substr(4));
      if (!part.empty()) parts.push_back(part);
      start = i + 1;
    }
  }
  if (parts.empty()) return false;
  for (std::string_view part : parts) {
    // A name: 1 to 8 words, no sentence punctuation, starting with a
    // capital or a non-ASCII letter (or a lowercase particle: "van Gogh").
    if (part.size() > 100) return false;
    std::size_t words = 1;
    for (char c : part) {
      if (c == ' ') ++words;
      if (c == ':' || c == ';' || c == '!' || c == '?' || c == '(' || c == ')' || c == '"') {
        return false;
      }
    }
    if (words > 8) return false;
    const auto first = static_cast<unsigned char>(part[0]);
    if (!(is_upper(part[0]) || first >= 0x80 || (is_lower(part[0]) && words > 1))) return false;
    // "We study X." is a sentence, "J. Smith" a name: a final period only
    // after an initial.
    if (part.back() == '.' && !(part.size() >= 2 && is_upper(part[part.size() - 2]))) {
      return false;
    }
  }
  for (std::string_view part : parts) out.names.emplace_back(part);
  return true;
}

std::string title_from_abstract(std::string_view abstract) {
  constexpr std::size_t kTitleBytes = 200;
  const std::string text = fold_spaces(abstract);
  std::size_t end = text.size();
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    const char c = text[i];
    if ((c == '.' || c == '?' || c == '!') && text[i + 1] == ' ') {
      // Not after "e.g", "i.e", "et al", "vs", an initial or a number.
      std::size_t word = i;
      while (word > 0 && text[word - 1] != ' ') --word;
      const std::string_view before(text.data() + word, i - word);
      if (c == '.' && (before.size() <= 1 || before == "e.g" || before == "i.e" ||
                       before == "al" || before == "vs" || before == "etc" ||
                       before == "Fig" || before == "Eq" || before == "cf")) {
        continue;
      }
      if (i + 2 < text.size() && is_lower(text[i + 2])) continue;
      end = c == '.' ? i : i + 1;
      break;
    }
  }
  if (end == text.size() && !text.empty() && text.back() == '.') end = text.size() - 1;
  std::string title = text.substr(0, end);
  if (title.size() > kTitleBytes) {
    std::size_t cut = utf8_cut(title, kTitleBytes);
    const std::size_t space = title.rfind(' ', cut);
    if (space != std::string::npos && space > kTitleBytes / 2) cut = space;
    title.resize(cut);
    title += "\xE2\x80\xA6";  // …
  }
  return title;
}

namespace {

// One record being gathered, line by line, until the next one starts.
struct PendingRecord {
  bool active = false;
  bool abstract_only = false;
  std::uint64_t line = 0;
  ListingMeta meta;
  std::vector<std::string> paragraphs;
  std::string current;  // the paragraph being read
  bool has_nul = false;
  std::size_t repaired = 0;

  void end_paragraph() {
    if (!current.empty()) paragraphs.push_back(std::move(current));
    current.clear();
  }
  void add_line(std::string_view text) {
    text = trim(text);
    if (text.empty()) {
      end_paragraph();
      return;
    }
    if (!current.empty()) current.push_back(' ');
    current.append(text);
  }
};

class ListingSource final : public RecordSource {
 public:
  ListingSource(std::unique_ptr<InputStream> input, const SourceOptions& options,
                IssueSink& issues)
      : lines_(std::move(input), options.buffer_bytes),
        issues_(issues),
        year_(options.listing_year) {}

  bool next(Paper& paper, std::uint64_t& line_number) override {
    Line line;
    for (;;) {
      if (at_end_) return false;
      if (!lines_.next(line)) {
        at_end_ = true;
        if (finish(paper, line_number)) return true;
        return false;
      }
      if (line.too_long) {
        issues_.reject(line.number, "", "the line is longer than 64 MiB; skipped");
        continue;
      }
      std::string_view text = line.text;
      if (line.number == 1 && starts_with(text, "\xEF\xBB\xBF")) text.remove_prefix(3);
      std::string repaired_line;
      std::size_t repaired = 0;
      const bool has_nul = std::memchr(text.data(), '\0', text.size()) != nullptr;
      if (!is_valid_utf8(text)) {
        repaired_line.assign(text);
        repaired = repair_utf8(repaired_line);
        text = repaired_line;
      }

      ListingMeta meta;
      std::string_view abstract_text = text;
      const bool meta_line = parse_listing_meta(text, meta);
      const bool abstract_line =
          !meta_line && strip_abstract_label(abstract_text) &&
          !(record_.active && !record_.abstract_only && record_.paragraphs.size() >= 1 &&
            record_abstract_missing());
      if (meta_line || abstract_line) {
        const bool ready = finish(paper, line_number);
        record_ = PendingRecord();
        record_.active = true;
        record_.line = line.number;
        record_.has_nul = has_nul;
        record_.repaired = repaired;
        if (meta_line) {
          record_.meta = std::move(meta);
        } else {
          record_.abstract_only = true;
          record_.add_line(abstract_text);
        }
        if (ready) return true;
        continue;
      }
      if (!record_.active) {
        // The header: its first line names the listing.
        if (listing_name_.empty()) listing_name_ = fold_spaces(text);
        continue;
      }
      record_.has_nul = record_.has_nul || has_nul;
      record_.repaired += repaired;
      std::string_view content = text;
      // "Abstract:" before a profile paper's abstract is a label, not text.
      if (!record_.abstract_only && record_abstract_missing()) strip_abstract_label(content);
      record_.add_line(content);
    }
  }

  std::uint64_t bytes_consumed() const noexcept override { return lines_.bytes_consumed(); }

 private:
  // Whether the pending profile record has its title (and maybe authors)
  // but no abstract yet.
  bool record_abstract_missing() const {
    std::size_t count = record_.paragraphs.size() + (record_.current.empty() ? 0 : 1);
    if (count == 0) return false;
    if (count == 1) return record_.current.empty();
    ListingAuthors authors;
    return count == 2 && record_.current.empty() &&
           parse_listing_authors(record_.paragraphs[1], authors);
  }

  // Turns the pending record into `paper`; false when there is none or it
  // is bad (then it is reported).
  bool finish(Paper& paper, std::uint64_t& line_number) {
    if (!record_.active) return false;
    record_.active = false;
    record_.end_paragraph();
    if (record_.has_nul) {
      issues_.reject(record_.line, "", "NUL byte in the record (binary data?)");
      return false;
    }
    paper = Paper();
    std::vector<std::string>& paragraphs = record_.paragraphs;
    if (record_.abstract_only) {
      if (paragraphs.empty()) {
        issues_.reject(record_.line, "abstract", "the Abstract: paragraph is empty");
        return false;
      }
      paper.abstract = join(paragraphs, 0);
      paper.title = title_from_abstract(paper.abstract);
      paper.extra["title_derived"] = "true";
      paper.id = "listing-" + hex64(stable_hash(listing_name_ + "\n" +
                                                comparison_words(paper.abstract)));
    } else {
      if (paragraphs.empty()) {
        issues_.reject(record_.line, "title",
                       "required field is missing: nothing follows the paper's first line");
        return false;
      }
      paper.title = paragraphs[0];
      std::size_t next = 1;
      ListingAuthors authors;
      if (paragraphs.size() > 1 && parse_listing_authors(paragraphs[1], authors)) {
        paper.authors = std::move(authors.names);
        if (authors.truncated) paper.extra["authors_truncated"] = "true";
        if (!authors.affiliation.empty()) paper.extra["affiliation"] = authors.affiliation;
        next = 2;
      }
      paper.abstract = join(paragraphs, next);
      const ListingMeta& meta = record_.meta;
      int year = meta.year;
      if (year == 0) {
        year = year_;
        paper.extra["year_assumed"] = "true";
      }
      char date[16];
      std::snprintf(date, sizeof date, "%04d-%02d-%02d", year % 10000, meta.month, meta.day);
      if (year < 1 || !is_valid_date(date)) {
        issues_.reject(record_.line, "date",
                       "not a real date: " + std::string(date) + " (from the paper's first line)");
        return false;
      }
      paper.date = date;
      paper.categories.push_back(meta.category);
      if (!meta.score.empty()) paper.extra["score"] = meta.score;
      std::vector<std::string> flags;
      for (const std::string& flag : meta.flags) {
        if (flag == "Code") {
          paper.extra["has_code"] = "true";
        } else {
          flags.push_back(flag);
        }
      }
      if (!flags.empty()) paper.extra["flags"] = json_string_list(flags);
      const std::string first_author = paper.authors.empty() ? "" : paper.authors[0];
      paper.id = "listing-" + hex64(stable_hash(listing_name_ + "\n" +
                                                comparison_words(paper.title) + "\n" +
                                                comparison_words(first_author)));
    }
    if (!listing_name_.empty()) paper.extra["listing"] = listing_name_;
    paper.extra["source"] = "listing";
    if (record_.repaired > 0) {
      issues_.warn(record_.line, "", "invalid UTF-8: " + std::to_string(record_.repaired) +
                                         " byte(s) read as Windows-1252");
    }
    line_number = record_.line;
    return true;
  }

  static std::string join(const std::vector<std::string>& paragraphs, std::size_t from) {
    std::string text;
    for (std::size_t i = from; i < paragraphs.size(); ++i) {
      if (!text.empty()) text += "\n\n";
      text += paragraphs[i];
    }
    return text;
  }

  LineReader lines_;
  IssueSink& issues_;
  int year_;
  bool at_end_ = false;
  std::string listing_name_;
  PendingRecord record_;
};

}  // namespace

std::unique_ptr<RecordSource> open_listing_source(std::unique_ptr<InputStream> input,
                                                  const SourceOptions& options,
                                                  IssueSink& issues) {
  return std::make_unique<ListingSource>(std::move(input), options, issues);
}

}  // namespace quire::ingest
