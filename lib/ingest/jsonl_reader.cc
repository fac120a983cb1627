// Record rules:
//   id          required; a non-empty string, or an integer (kept as its
//               decimal text, for sources that number their records)
//   title       required; a string, possibly empty
//   abstract, venue
//               a string, or null/missing for none
//   date        "YYYY", "YYYY-MM" or "YYYY-MM-DD" with a real month and day;
//               empty, null or missing for unknown
//   authors     a list of strings, or one string for a single author
//   categories  a list of strings, or one string of space-separated
//               categories (as arXiv writes them); runs of whitespace
//               inside a category are folded to one space
//   _id, text   BEIR's names: `_id` stands in for `id` and `text` for
//               `abstract` where the record has no key of that name
//   any other key goes to Paper::extra: a string as its text, anything
//               else as minified JSON; null leaves the key out
// Blank list elements are dropped. A key given twice takes its last value.
#include "ingest/jsonl_reader.h"

#include <simdjson.h>

#include <cstring>
#include <map>
#include <new>
#include <utility>
#include <vector>

#include "ingest/line_reader.h"

namespace quire::ingest {

static_assert(kLinePadding >= simdjson::SIMDJSON_PADDING,
              "lines must carry the padding simdjson reads past their end");

namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;
using ExtraMap = std::map<std::string, std::string>;

const char* type_name(element_type type) {
  switch (type) {
    case element_type::ARRAY: return "a list";
    case element_type::OBJECT: return "an object";
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE: return "a number";
    case element_type::STRING: return "a string";
    case element_type::BOOL: return "true or false";
    case element_type::NULL_VALUE: return "null";
  }
  return "an unknown value";
}

std::string json_error_reason(simdjson::error_code code, std::string_view text) {
  // Checked first: simdjson reports a NUL as whatever JSON error it causes,
  // which would hide the likelier story of binary data in the file.
  if (std::memchr(text.data(), '\0', text.size())) return "NUL byte in the line (binary data?)";
  switch (code) {
    case simdjson::UTF8_ERROR: return "invalid UTF-8";
    case simdjson::UNESCAPED_CHARS:
      return "not valid JSON: a string holds a raw control character (it must be escaped)";
    case simdjson::UNCLOSED_STRING: return "not valid JSON: a string is not closed";
    case simdjson::STRING_ERROR: return "not valid JSON: bad escape sequence in a string";
    case simdjson::NUMBER_ERROR: return "not valid JSON: malformed or out-of-range number";
    case simdjson::T_ATOM_ERROR:
    case simdjson::F_ATOM_ERROR:
    case simdjson::N_ATOM_ERROR:
      return "not valid JSON: a bare word other than true, false or null";
    case simdjson::TAPE_ERROR:
      return "not valid JSON: missing or misplaced brace, bracket, comma, colon or quote";
    case simdjson::DEPTH_ERROR: return "not valid JSON: nested too deeply";
    case simdjson::CAPACITY: return "the line is too long to parse";
    case simdjson::MEMALLOC: throw std::bad_alloc();
    default: break;
  }
  return std::string("not valid JSON: ") + simdjson::error_message(code);
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// `text` with runs of whitespace made one space and the ends trimmed.
void fold_spaces(std::string_view text, std::string& out) {
  text = trim(text);
  out.clear();
  bool in_space = false;
  for (char c : text) {
    if (is_space(c)) {
      in_space = true;
      continue;
    }
    if (in_space) out.push_back(' ');
    in_space = false;
    out.push_back(c);
  }
}

// Appends into a list that keeps its strings' storage from the last record:
// `used` counts the slots filled so far.
std::string& next_slot(std::vector<std::string>& list, std::size_t& used) {
  if (used == list.size()) list.emplace_back();
  return list[used++];
}

// A value quoted in a reason, cut short on a character boundary.
std::string quote(std::string_view value) {
  constexpr std::size_t kMax = 40;
  if (value.size() <= kMax) return "\"" + std::string(value) + "\"";
  std::size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xc0) == 0x80) --cut;
  return "\"" + std::string(value.substr(0, cut)) + "...\"";
}

bool fail(RecordProblem& problem, std::string_view field, std::string reason) {
  problem.field.assign(field);
  problem.reason = std::move(reason);
  return false;
}

}  // namespace

struct JsonlParser::State {
  simdjson::dom::parser parser;
  // Map nodes of earlier records' extras, reused so that records with the
  // usual handful of extra fields allocate nothing for them.
  std::vector<ExtraMap::node_type> spare_nodes;

  void recycle_extras(ExtraMap& extra) {
    while (!extra.empty()) spare_nodes.push_back(extra.extract(extra.begin()));
  }

  std::string& extra_slot(ExtraMap& extra, std::string_view key) {
    ExtraMap::node_type node;
    if (spare_nodes.empty()) {
      ExtraMap one;
      one.emplace(std::string(key), std::string());
      node = one.extract(one.begin());
    } else {
      node = std::move(spare_nodes.back());
      spare_nodes.pop_back();
      node.key().assign(key);
    }
    auto inserted = extra.insert(std::move(node));
    if (!inserted.inserted) spare_nodes.push_back(std::move(inserted.node));
    return inserted.position->second;
  }

  // Reads a list field (authors, categories): a list of strings or a single
  // string. Returns false (with `problem` set) for any other shape.
  static bool read_list(std::string_view field, element value, bool is_categories,
                        std::vector<std::string>& out, RecordProblem& problem) {
    std::size_t used = 0;
    std::string_view text;
    switch (value.type()) {
      case element_type::NULL_VALUE: break;
      case element_type::STRING:
        text = value.get_string().value_unsafe();
        if (is_categories) {
          // arXiv writes a paper's categories as one space-separated string.
          std::size_t pos = 0;
          while (pos < text.size()) {
            while (pos < text.size() && is_space(text[pos])) ++pos;
            std::size_t end = pos;
            while (end < text.size() && !is_space(text[end])) ++end;
            if (end > pos) next_slot(out, used).assign(text.substr(pos, end - pos));
            pos = end;
          }
        } else if (!trim(text).empty()) {
          next_slot(out, used).assign(text);
        }
        break;
      case element_type::ARRAY: {
        std::size_t position = 0;
        const simdjson::dom::array items = value.get_array().value_unsafe();
        for (element item : items) {
          ++position;
          if (item.type() != element_type::STRING) {
            return fail(problem, field,
                        "element " + std::to_string(position) + " must be a string, not " +
                            type_name(item.type()));
          }
          text = item.get_string().value_unsafe();
          if (trim(text).empty()) continue;
          std::string& slot = next_slot(out, used);
          if (is_categories) {
            fold_spaces(text, slot);
          } else {
            slot.assign(text);
          }
        }
        break;
      }
      default:
        return fail(problem, field,
                    std::string("must be a list of strings or a string, not ") +
                        type_name(value.type()));
    }
    out.resize(used);
    return true;
  }

  // Reads abstract or venue: a string, or null for none.
  static bool read_text(std::string_view field, element value, std::string& out,
                        RecordProblem& problem) {
    switch (value.type()) {
      case element_type::STRING: out.assign(value.get_string().value_unsafe()); return true;
      case element_type::NULL_VALUE: out.clear(); return true;
      default:
        return fail(problem, field, std::string("must be a string, not ") + type_name(value.type()));
    }
  }
};

JsonlParser::JsonlParser() : state_(std::make_unique<State>()) {}
JsonlParser::~JsonlParser() = default;

bool JsonlParser::parse(std::string_view text, Paper& paper, RecordProblem& problem) {
  element root;
  simdjson::error_code code = state_->parser.parse(text.data(), text.size(), false).get(root);
  if (code) return fail(problem, "", json_error_reason(code, text));
  if (root.type() != element_type::OBJECT) {
    return fail(problem, "",
                std::string("a line must hold one JSON object (a paper), not ") +
                    type_name(root.type()));
  }

  bool has_id = false;
  bool has_title = false;
  bool has_authors = false;
  bool has_categories = false;
  paper.abstract.clear();
  paper.date.clear();
  paper.venue.clear();
  state_->recycle_extras(paper.extra);

  const simdjson::dom::object object = root.get_object().value_unsafe();
  // BEIR's `_id` and `text` count only where the record has no `id` or
  // `abstract` of its own.
  const bool has_id_key = object.at_key("id").error() == simdjson::SUCCESS;
  const bool has_abstract_key = object.at_key("abstract").error() == simdjson::SUCCESS;
  for (simdjson::dom::key_value_pair field : object) {
    const std::string_view key = field.key;
    const element value = field.value;
    const element_type type = value.type();

    if (key == "id" || (key == "_id" && !has_id_key)) {
      if (type == element_type::STRING) {
        std::string_view id = value.get_string().value_unsafe();
        if (id.empty()) return fail(problem, key, "must not be empty");
        paper.id.assign(id);
      } else if (type == element_type::INT64) {
        paper.id = std::to_string(value.get_int64().value_unsafe());
      } else if (type == element_type::UINT64) {
        paper.id = std::to_string(value.get_uint64().value_unsafe());
      } else {
        return fail(problem, key,
                    std::string("must be a non-empty string (or an integer), not ") +
                        (type == element_type::DOUBLE ? "a fractional number" : type_name(type)));
      }
      has_id = true;
    } else if (key == "title") {
      if (type != element_type::STRING) {
        return fail(problem, key, std::string("must be a string, not ") + type_name(type));
      }
      paper.title.assign(value.get_string().value_unsafe());
      has_title = true;
    } else if (key == "abstract" || (key == "text" && !has_abstract_key)) {
      if (!State::read_text(key, value, paper.abstract, problem)) return false;
    } else if (key == "venue") {
      if (!State::read_text(key, value, paper.venue, problem)) return false;
    } else if (key == "authors") {
      if (!State::read_list(key, value, false, paper.authors, problem)) return false;
      has_authors = true;
    } else if (key == "categories") {
      if (!State::read_list(key, value, true, paper.categories, problem)) return false;
      has_categories = true;
    } else if (key == "date") {
      if (type == element_type::NULL_VALUE) {
        paper.date.clear();
        continue;
      }
      if (type != element_type::STRING) {
        return fail(problem, key,
                    std::string("must be a string such as \"2024-03-18\", not ") + type_name(type));
      }
      std::string_view date = trim(value.get_string().value_unsafe());
      if (!date.empty() && !is_valid_date(date)) {
        return fail(problem, key,
                    "must be YYYY, YYYY-MM or YYYY-MM-DD with a real month and day, not " +
                        quote(date));
      }
      paper.date.assign(date);
    } else if (type == element_type::NULL_VALUE) {
      // A null cancels an earlier value of the same key.
      if (!paper.extra.empty()) {
        auto found = paper.extra.find(std::string(key));
        if (found != paper.extra.end()) paper.extra.erase(found);
      }
    } else if (type == element_type::STRING) {
      state_->extra_slot(paper.extra, key).assign(value.get_string().value_unsafe());
    } else {
      state_->extra_slot(paper.extra, key) = simdjson::minify(value);
    }
  }

  if (!has_id) return fail(problem, "id", "required field is missing");
  if (!has_title) return fail(problem, "title", "required field is missing");
  if (!has_authors) paper.authors.clear();
  if (!has_categories) paper.categories.clear();
  return true;
}

bool is_blank(std::string_view text) noexcept {
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

bool is_valid_date(std::string_view date) noexcept {
  auto number = [&](std::size_t pos, std::size_t count) {
    int value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
      if (date[i] < '0' || date[i] > '9') return -1;
      value = value * 10 + (date[i] - '0');
    }
    return value;
  };
  if (date.size() != 4 && date.size() != 7 && date.size() != 10) return false;
  const int year = number(0, 4);
  if (year < 1) return false;
  if (date.size() == 4) return true;
  const int month = date[4] == '-' ? number(5, 2) : -1;
  if (month < 1 || month > 12) return false;
  if (date.size() == 7) return true;
  const int day = date[7] == '-' ? number(8, 2) : -1;
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (day < 1 || day > kDays[month - 1]) return false;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return !(month == 2 && day == 29 && !leap);
}

}  // namespace quire::ingest
