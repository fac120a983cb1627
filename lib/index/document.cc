#include "index/document.h"

#include <cstdint>

#include "index/schema.h"
#include "quire/error.h"

namespace quire::index {

namespace {

constexpr std::size_t kMaxIdBytes = 1024;
constexpr unsigned char kFormatVersion = 1;

void reject(const std::string& field, const std::string& reason) {
  throw Error(ErrorCode::invalid_argument, "paper field '" + field + "': " + reason);
}

// Text fields feed positional terms: analyse and add raw words with
// positions, stems without; title and abstract stems also go to the one
// text both make, counted `text_wdf` times (0: not part of it).
void add_text(Xapian::Document& doc, std::string_view raw_prefix,
              std::string_view stem_prefix, std::vector<analysis::Token>& tokens,
              unsigned text_wdf = 0) {
  std::string term;
  for (const auto& token : tokens) {
    term.assign(raw_prefix).append(token.term);
    if (token.alternative)
      doc.add_term(term);
    else
      doc.add_posting(term, token.position + 1);
    if (!stem_prefix.empty()) {
      term.assign(stem_prefix).append(token.stem);
      doc.add_term(term);
    }
    if (text_wdf) {
      term.assign(schema::prefix::kTextStem).append(token.stem);
      doc.add_term(term, text_wdf);
    }
  }
}

// Returns the first author's normalised surname.
std::string add_authors(Xapian::Document& doc, const Paper& paper,
                        const analysis::Analyzer& analyzer,
                        std::vector<analysis::Token>& tokens) {
  namespace p = schema::prefix;
  std::string first_surname;
  std::string facet_lines;
  std::uint32_t position = 0;
  for (const auto& author : paper.authors) {
    tokens.clear();
    position = analyzer.analyze(author, tokens, position) + schema::kAuthorGap;
    add_text(doc, p::kAuthor, {}, tokens);

    analysis::AuthorName name = analysis::parse_author(analyzer, author);
    if (name.surname.empty()) continue;
    if (first_surname.empty()) first_surname = name.surname;
    if (!facet_lines.empty()) facet_lines += '\n';
    facet_lines.append(name.full_key).append(1, '\t').append(name.initial_key).append(1, '\t');
    for (char c : author) facet_lines += (c == '\n' || c == '\t') ? ' ' : c;
    auto add_keys = [&](const std::string& full, const std::string& initial) {
      if (!full.empty()) doc.add_boolean_term(schema::term(p::kAuthorFull, full));
      if (initial.empty()) return;
      doc.add_boolean_term(schema::term(p::kAuthorInitial, initial));
      if (full.empty()) doc.add_boolean_term(schema::term(p::kAuthorInitialOnly, initial));
    };
    doc.add_boolean_term(schema::term(p::kAuthorSurname, name.surname));
    if (!name.surname_alt.empty())
      doc.add_boolean_term(schema::term(p::kAuthorSurname, name.surname_alt));
    add_keys(name.full_key, name.initial_key);
    if (!name.initial_key_alt.empty()) add_keys(name.full_key_alt, name.initial_key_alt);
  }
  if (!facet_lines.empty()) doc.add_value(schema::slot::kAuthors, facet_lines);
  return first_surname;
}

void put_varint(std::string& out, std::uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

void put_string(std::string& out, std::string_view s) {
  put_varint(out, s.size());
  out.append(s);
}

class Decoder {
 public:
  explicit Decoder(std::string_view data) : data_(data) {}

  std::uint64_t varint() {
    std::uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= data_.size()) fail();
      auto byte = static_cast<unsigned char>(data_[pos_++]);
      value |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
      if (!(byte & 0x80)) return value;
    }
    fail();
  }

  void string(std::string& out) {
    std::uint64_t size = varint();
    if (size > data_.size() - pos_) fail();
    out.assign(data_.substr(pos_, size));
    pos_ += size;
  }

  void strings(std::vector<std::string>& out) {
    std::uint64_t count = varint();
    if (count > data_.size() - pos_) fail();
    out.resize(count);
    for (auto& s : out) string(s);
  }

  bool done() const { return pos_ == data_.size(); }

  [[noreturn]] void fail() const {
    throw Error(ErrorCode::corrupt,
                "a stored paper record is damaged; rebuild the index from its sources");
  }

 private:
  std::string_view data_;
  std::size_t pos_ = 0;
};

bool has_control_char(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7f) return true;
  return false;
}

}  // namespace

void validate(const Paper& paper) {
  if (paper.id.empty()) reject("id", "must not be empty");
  if (paper.id.size() > kMaxIdBytes)
    reject("id", "is " + std::to_string(paper.id.size()) + " bytes long; the limit is " +
                     std::to_string(kMaxIdBytes));
  if (has_control_char(paper.id)) reject("id", "contains a control character");
  if (!paper.date.empty() && !schema::valid_date(paper.date))
    reject("date", "'" + paper.date + "' is not YYYY, YYYY-MM or YYYY-MM-DD");
}

Xapian::Document encode(const Paper& paper, const analysis::Analyzer& analyzer,
                        std::vector<analysis::Token>& tokens) {
  namespace p = schema::prefix;
  Xapian::Document doc;
  doc.add_boolean_term(schema::id_term(paper.id));

  tokens.clear();
  analyzer.analyze(paper.title, tokens);
  add_text(doc, p::kTitle, p::kTitleStem, tokens, schema::kTitleRepeat);

  tokens.clear();
  analyzer.analyze(paper.abstract, tokens);
  add_text(doc, p::kAbstract, p::kAbstractStem, tokens, 1);

  std::string first_surname = add_authors(doc, paper, analyzer, tokens);
  std::string work = schema::work_key(analyzer.normalize_key(paper.title), first_surname);
  if (!work.empty()) {
    doc.add_boolean_term(schema::term(p::kWork, work));
    doc.add_value(schema::slot::kWork, work);
  }

  std::string joined;
  for (const auto& category : paper.categories) {
    std::string key = schema::category_key(category);
    if (key.empty()) continue;
    doc.add_boolean_term(schema::term(p::kCategory, key));
    std::string archive = schema::archive_of(key);
    if (!archive.empty()) doc.add_boolean_term(schema::term(p::kArchive, archive));
    if (!joined.empty()) joined += '\n';
    joined += category;
  }
  if (!joined.empty()) doc.add_value(schema::slot::kCategories, joined);

  if (!paper.venue.empty()) {
    std::string key = analyzer.normalize_key(paper.venue);
    if (!key.empty()) doc.add_boolean_term(schema::term(p::kVenue, key));
    doc.add_value(schema::slot::kVenue, paper.venue);
  }

  if (!paper.date.empty()) {
    doc.add_value(schema::slot::kDate, schema::date_value(paper.date));
    doc.add_value(schema::slot::kYear, paper.date.substr(0, 4));
    doc.add_boolean_term(schema::term(p::kYear, paper.date.substr(0, 4)));
    if (paper.date.size() >= 7)
      doc.add_boolean_term(schema::term(p::kMonth, paper.date.substr(0, 7)));
  }

  if (auto doi = paper.extra.find("doi"); doi != paper.extra.end() && !doi->second.empty())
    doc.add_boolean_term(schema::doi_term(doi->second));

  doc.set_data(serialize(paper));
  return doc;
}

std::string serialize(const Paper& paper) {
  std::string out;
  out.reserve(64 + paper.title.size() + paper.abstract.size());
  out.push_back(static_cast<char>(kFormatVersion));
  put_string(out, paper.id);
  put_string(out, paper.title);
  put_string(out, paper.abstract);
  put_varint(out, paper.authors.size());
  for (const auto& a : paper.authors) put_string(out, a);
  put_varint(out, paper.categories.size());
  for (const auto& c : paper.categories) put_string(out, c);
  put_string(out, paper.date);
  put_string(out, paper.venue);
  put_varint(out, paper.extra.size());
  for (const auto& [key, value] : paper.extra) {
    put_string(out, key);
    put_string(out, value);
  }
  return out;
}

Paper deserialize(std::string_view data) {
  Decoder in(data.empty() ? data : data.substr(1));
  if (data.empty() || static_cast<unsigned char>(data[0]) != kFormatVersion) in.fail();
  Paper paper;
  in.string(paper.id);
  in.string(paper.title);
  in.string(paper.abstract);
  in.strings(paper.authors);
  in.strings(paper.categories);
  in.string(paper.date);
  in.string(paper.venue);
  std::uint64_t extras = in.varint();
  std::string key, value;
  for (std::uint64_t i = 0; i < extras; ++i) {
    in.string(key);
    in.string(value);
    paper.extra.emplace(key, value);
  }
  if (!in.done()) in.fail();
  return paper;
}

}  // namespace quire::index
