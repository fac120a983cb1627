// Record rules for arXiv's snapshot:
//   id              required string; a version suffix is split off into
//                   extra["version"] ("2403.12345v2" -> "2403.12345")
//   title           required string; spaces folded (arXiv keeps the
//                   submitter's line breaks)
//   abstract        string or null; spaces folded
//   authors_parsed  list of [last, first, suffix] lists: the authors,
//                   "First Last Suffix", LaTeX decoded; when missing, the
//                   `authors` string is split at commas and "and"
//   categories      space-separated string (or a list)
//   versions        list of {"version", "created"}: kept whole as JSON in
//                   extra["versions"]; the latest tag goes to
//                   extra["version"], the first's date to `date`
//   update_date     extra["updated"]
//   journal-ref, report-no, comments
//                   extra["journal_ref"], ["report_no"], ["comment"]
//   any other key   extra under its own name (text, or JSON for non-strings)
// `date` falls back to the month the id encodes when no version has a date.
#include "ingest/arxiv_json_reader.h"

#include <simdjson.h>

#include <cstdio>
#include <utility>

#include "ingest/line_reader.h"
#include "ingest/line_source.h"
#include "ingest/text.h"

namespace quire::ingest {

namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

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

bool fail(RecordProblem& problem, std::string_view field, std::string reason) {
  problem.field.assign(field);
  problem.reason = std::move(reason);
  return false;
}

// The snapshot's hyphenated keys, renamed to the names the canonical corpus
// and the other readers use.
std::string_view extra_name(std::string_view key) {
  if (key == "journal-ref") return "journal_ref";
  if (key == "report-no") return "report_no";
  if (key == "comments") return "comment";
  if (key == "update_date") return "updated";
  return key;
}

}  // namespace

struct ArxivJsonParser::State {
  simdjson::dom::parser parser;
  JsonlParser describer;
};

ArxivJsonParser::ArxivJsonParser() : state_(std::make_unique<State>()) {}
ArxivJsonParser::~ArxivJsonParser() = default;

bool ArxivJsonParser::parse(std::string_view text, Paper& paper, RecordProblem& problem) {
  element root;
  const simdjson::error_code code = state_->parser.parse(text.data(), text.size(), false).get(root);
  if (code) {
    // The canonical parser words JSON errors for people; reuse it.
    Paper ignored;
    state_->describer.parse(text, ignored, problem);
    return false;
  }
  if (root.type() != element_type::OBJECT) {
    return fail(problem, "", std::string("a line must hold one JSON object, not ") +
                                 type_name(root.type()));
  }
  paper = Paper();
  bool has_id = false, has_title = false, has_parsed_authors = false;
  std::string_view authors_text;
  std::string first_created;
  std::string latest_version;
  std::string id_version;

  const simdjson::dom::object object = root.get_object().value_unsafe();
  for (simdjson::dom::key_value_pair field : object) {
    const std::string_view key = field.key;
    const element value = field.value;
    const element_type type = value.type();
    if (type == element_type::NULL_VALUE) continue;
    auto need_string = [&]() {
      return type == element_type::STRING
                 ? true
                 : fail(problem, key, std::string("must be a string, not ") + type_name(type));
    };

    if (key == "id") {
      if (!need_string()) return false;
      const std::string_view id = trim(value.get_string().value_unsafe());
      if (id.empty()) return fail(problem, key, "must not be empty");
      std::string base;
      if (split_arxiv_id(id, base, id_version)) {
        paper.id = std::move(base);
      } else {
        paper.id.assign(id);
      }
      has_id = true;
    } else if (key == "title") {
      if (!need_string()) return false;
      fold_spaces(value.get_string().value_unsafe(), paper.title);
      has_title = true;
    } else if (key == "abstract") {
      if (!need_string()) return false;
      fold_spaces(value.get_string().value_unsafe(), paper.abstract);
    } else if (key == "authors") {
      if (!need_string()) return false;
      authors_text = value.get_string().value_unsafe();
    } else if (key == "authors_parsed") {
      if (type != element_type::ARRAY) {
        return fail(problem, key, std::string("must be a list of [last, first, suffix] lists, not ") +
                                      type_name(type));
      }
      paper.authors.clear();
      std::size_t position = 0;
      const simdjson::dom::array items = value.get_array().value_unsafe();
      for (element item : items) {
        ++position;
        if (item.type() != element_type::ARRAY) {
          return fail(problem, key, "element " + std::to_string(position) +
                                        " must be a [last, first, suffix] list, not " +
                                        type_name(item.type()));
        }
        std::string_view parts[3];
        std::size_t count = 0;
        const simdjson::dom::array parts_list = item.get_array().value_unsafe();
        for (element part : parts_list) {
          if (part.type() == element_type::NULL_VALUE) {
            ++count;
            continue;
          }
          if (part.type() != element_type::STRING) {
            return fail(problem, key, "element " + std::to_string(position) +
                                          " must hold strings, not " + type_name(part.type()));
          }
          if (count < 3) parts[count] = part.get_string().value_unsafe();
          ++count;
        }
        std::string name = arxiv_author_name(parts[0], parts[1], parts[2]);
        if (!name.empty()) paper.authors.push_back(std::move(name));
      }
      has_parsed_authors = true;
    } else if (key == "categories") {
      paper.categories.clear();
      auto add_words = [&](std::string_view words) {
        std::size_t pos = 0;
        while (pos < words.size()) {
          while (pos < words.size() && is_space(words[pos])) ++pos;
          std::size_t end = pos;
          while (end < words.size() && !is_space(words[end])) ++end;
          if (end > pos) paper.categories.emplace_back(words.substr(pos, end - pos));
          pos = end;
        }
      };
      if (type == element_type::STRING) {
        add_words(value.get_string().value_unsafe());
      } else if (type == element_type::ARRAY) {
        const simdjson::dom::array items = value.get_array().value_unsafe();
      for (element item : items) {
          if (item.type() != element_type::STRING) {
            return fail(problem, key, std::string("must hold strings, not ") + type_name(item.type()));
          }
          add_words(item.get_string().value_unsafe());
        }
      } else {
        return fail(problem, key, std::string("must be a space-separated string, not ") +
                                      type_name(type));
      }
    } else if (key == "versions") {
      if (type != element_type::ARRAY) {
        return fail(problem, key, std::string("must be a list of {\"version\", \"created\"}, not ") +
                                      type_name(type));
      }
      int best = 0;
      std::size_t position = 0;
      const simdjson::dom::array items = value.get_array().value_unsafe();
      for (element item : items) {
        ++position;
        if (item.type() != element_type::OBJECT) {
          return fail(problem, key, "element " + std::to_string(position) +
                                        " must be an object, not " + type_name(item.type()));
        }
        std::string_view tag, created;
        element part;
        if (item["version"].get(part) == simdjson::SUCCESS && part.is_string()) {
          tag = part.get_string().value_unsafe();
        }
        if (item["created"].get(part) == simdjson::SUCCESS && part.is_string()) {
          created = part.get_string().value_unsafe();
        }
        if (const int number = version_number(tag); number > best) {
          best = number;
          latest_version.assign(tag);
        }
        if (first_created.empty() && !created.empty()) first_created = rfc2822_to_iso_date(created);
      }
      paper.extra["versions"] = simdjson::minify(value);
    } else if (type == element_type::STRING) {
      paper.extra[std::string(extra_name(key))] = fold_spaces(value.get_string().value_unsafe());
    } else {
      paper.extra[std::string(extra_name(key))] = simdjson::minify(value);
    }
  }

  if (!has_id) return fail(problem, "id", "required field is missing");
  if (!has_title) return fail(problem, "title", "required field is missing");
  if (!has_parsed_authors && !authors_text.empty()) paper.authors = split_arxiv_authors(authors_text);
  if (!latest_version.empty()) {
    paper.extra["version"] = latest_version;
  } else if (!id_version.empty()) {
    paper.extra["version"] = id_version;
  }
  paper.date = is_valid_date(first_created) ? first_created : date_from_arxiv_id(paper.id);
  paper.extra.emplace("source", "arxiv");
  return true;
}

std::string arxiv_author_name(std::string_view last, std::string_view first,
                              std::string_view suffix) {
  std::string name;
  for (std::string_view part : {first, last, suffix}) {
    part = trim(part);
    if (part.empty()) continue;
    if (!name.empty()) name.push_back(' ');
    name.append(part);
  }
  return decode_tex(name);
}

std::vector<std::string> split_arxiv_authors(std::string_view text) {
  std::vector<std::string> names;
  std::string current;
  int depth = 0;
  auto flush = [&] {
    std::string name = decode_tex(current);
    if (!name.empty()) names.push_back(std::move(name));
    current.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '(') {
      ++depth;
      continue;
    }
    if (c == ')') {
      if (depth > 0) --depth;
      continue;
    }
    if (depth > 0) continue;
    if (c == ',' || c == ';' || c == '\n') {
      flush();
      continue;
    }
    // " and " between names (never inside one: names carry no lowercase
    // "and" as a word).
    if (is_space(c) && text.compare(i + 1, 4, "and ") == 0) {
      flush();
      i += 4;
      continue;
    }
    current.push_back(c);
  }
  flush();
  return names;
}

std::string date_from_arxiv_id(std::string_view id) {
  std::string_view digits;
  if (const std::size_t slash = id.find('/'); slash != std::string_view::npos) {
    digits = id.substr(slash + 1, 4);
  } else if (id.size() >= 9 && id[4] == '.') {
    digits = id.substr(0, 4);
  }
  if (digits.size() != 4) return {};
  for (char c : digits) {
    if (c < '0' || c > '9') return {};
  }
  const int yy = (digits[0] - '0') * 10 + (digits[1] - '0');
  const int mm = (digits[2] - '0') * 10 + (digits[3] - '0');
  if (mm < 1 || mm > 12) return {};
  // arXiv started in 1991: 91-99 are the 1990s.
  const int year = yy >= 91 ? 1900 + yy : 2000 + yy;
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d", year, mm);
  return buffer;
}

std::unique_ptr<RecordSource> open_arxiv_json_source(std::unique_ptr<InputStream> input,
                                                     const SourceOptions& options,
                                                     IssueSink& issues) {
  return std::make_unique<ParserLineSource<ArxivJsonParser>>(std::move(input), options, issues);
}

}  // namespace quire::ingest
