// Ranking quality: trec_eval's measures over judged answers, and running a
// BEIR-layout test collection through a fresh index.
#include "quire/evaluation.h"

#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <unordered_map>
#include <utility>

#include "ingest/line_reader.h"
#include "quire/error.h"
#include "quire/import.h"
#include "quire/index.h"

QUIRE_NAMESPACE_BEGIN

namespace {

namespace fs = std::filesystem;

using Grades = std::unordered_map<std::string, int>;

// The answer in trec_eval's order: score descending, ties by id
// descending; each paper once, with its best score.
std::vector<std::string> trec_order(const std::vector<RankedPaper>& answer) {
  std::unordered_map<std::string, double> best;
  for (const RankedPaper& p : answer) {
    auto [it, added] = best.emplace(p.paper_id, p.score);
    if (!added) it->second = std::max(it->second, p.score);
  }
  std::vector<std::pair<double, std::string>> order;
  order.reserve(best.size());
  for (auto& [id, score] : best) order.emplace_back(score, id);
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first > b.first;
    return a.second > b.second;
  });
  std::vector<std::string> ids;
  ids.reserve(order.size());
  for (auto& entry : order) ids.push_back(std::move(entry.second));
  return ids;
}

QueryEvaluation evaluate_query(const std::string& query_id, const Grades& grades,
                               const std::vector<std::string>& ranked) {
  QueryEvaluation q;
  q.query_id = query_id;
  q.retrieved = ranked.size();
  std::vector<int> ideal;
  for (const auto& [paper, grade] : grades)
    if (grade > 0) ideal.push_back(grade);
  q.relevant = ideal.size();
  if (q.relevant == 0) return q;

  auto grade_of = [&](const std::string& id) {
    auto it = grades.find(id);
    return it == grades.end() ? 0 : std::max(it->second, 0);
  };
  auto discount = [](std::size_t rank) { return 1.0 / std::log2(static_cast<double>(rank) + 1); };

  std::sort(ideal.begin(), ideal.end(), std::greater<>());
  double dcg = 0, idcg = 0;
  for (std::size_t i = 0; i < ideal.size() && i < 10; ++i) idcg += ideal[i] * discount(i + 1);
  std::size_t found = 0;
  double precisions = 0;
  for (std::size_t i = 0; i < ranked.size() && i < 100; ++i) {
    const int grade = grade_of(ranked[i]);
    if (i < 10) dcg += grade * discount(i + 1);
    if (grade > 0) {
      ++found;
      precisions += static_cast<double>(found) / static_cast<double>(i + 1);
      if (found == 1 && i < 10) q.mrr_at_10 = 1.0 / static_cast<double>(i + 1);
    }
  }
  q.ndcg_at_10 = dcg / idcg;
  q.map_at_100 = precisions / static_cast<double>(q.relevant);
  q.recall_at_100 = static_cast<double>(found) / static_cast<double>(q.relevant);
  return q;
}

[[noreturn]] void bad_line(const std::string& path, std::uint64_t line, const std::string& field,
                           const std::string& reason) {
  std::string where = path + ":" + std::to_string(line);
  if (!field.empty()) where += ": field '" + field + "'";
  throw Error(ErrorCode::parse, where + ": " + reason);
}

// A file of the collection, plain or compressed: DIR/NAME or DIR/NAME.zst
// or DIR/NAME.gz.
std::string collection_file(const fs::path& dir, const std::string& name) {
  for (const char* suffix : {"", ".zst", ".gz"}) {
    fs::path candidate = dir / (name + suffix);
    if (fs::is_regular_file(candidate)) return candidate.string();
  }
  throw Error(ErrorCode::not_found,
              (dir / name).string() + " is missing (is " + dir.string() +
                  " a test collection in BEIR layout?)");
}

std::vector<Judgment> read_judgments(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Error(ErrorCode::not_found, "cannot open " + path);
  std::vector<Judgment> judgments;
  std::string line;
  for (std::uint64_t number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::istringstream fields(line);
    std::vector<std::string> parts;
    for (std::string part; fields >> part;) parts.push_back(part);
    if (parts.empty()) continue;
    if (parts.size() == 4) parts.erase(parts.begin() + 1);  // TREC: qid iter docid grade
    if (parts.size() != 3)
      bad_line(path, number, "", "expected query-id, corpus-id and grade, found " +
                                     std::to_string(parts.size()) + " fields");
    int grade = 0;
    try {
      std::size_t used = 0;
      grade = std::stoi(parts[2], &used);
      if (used != parts[2].size()) throw std::invalid_argument("trailing text");
    } catch (const std::exception&) {
      if (number == 1) continue;  // the header line
      bad_line(path, number, "grade", "'" + parts[2] + "' is not an integer");
    }
    judgments.push_back({parts[0], parts[1], grade});
  }
  return judgments;
}

// An `_id` as text: a string, or an integer written as digits.
bool json_id(simdjson::dom::element value, std::string& out) {
  switch (value.type()) {
    case simdjson::dom::element_type::STRING:
      out.assign(value.get_string().value_unsafe());
      return !out.empty();
    case simdjson::dom::element_type::INT64:
      out = std::to_string(value.get_int64().value_unsafe());
      return true;
    case simdjson::dom::element_type::UINT64:
      out = std::to_string(value.get_uint64().value_unsafe());
      return true;
    default: return false;
  }
}

std::vector<TestQuery> read_queries(const std::string& path, const std::set<std::string>& judged) {
  ingest::LineReader lines(ingest::InputStream::open(path));
  simdjson::dom::parser parser;
  std::vector<TestQuery> queries;
  ingest::Line line;
  while (lines.next(line)) {
    if (line.too_long) bad_line(path, line.number, "", "the line is too long");
    std::string_view text = line.text;
    if (text.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    simdjson::dom::element root;
    if (parser.parse(text.data(), text.size(), false).get(root) ||
        root.type() != simdjson::dom::element_type::OBJECT)
      bad_line(path, line.number, "", "not a JSON object");
    TestQuery query;
    simdjson::dom::element value;
    if (root["_id"].get(value) || !json_id(value, query.id))
      bad_line(path, line.number, "_id", "must be a non-empty string or an integer");
    if (root["text"].get(value) || value.type() != simdjson::dom::element_type::STRING)
      bad_line(path, line.number, "text", "must be a string");
    query.text.assign(value.get_string().value_unsafe());
    if (judged.count(query.id)) queries.push_back(std::move(query));
  }
  return queries;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// A folder removed with everything in it when the evaluation ends.
class ScratchDir {
 public:
  ScratchDir() {
    std::random_device random;
    for (int attempt = 0; attempt < 100; ++attempt) {
      fs::path candidate =
          fs::temp_directory_path() / ("quire-eval-" + std::to_string(random()));
      std::error_code ec;
      if (fs::create_directory(candidate, ec)) {
        path_ = candidate;
        return;
      }
    }
    throw Error(ErrorCode::io, "cannot create a temporary folder in " +
                                   fs::temp_directory_path().string());
  }
  ~ScratchDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  std::string path() const { return (path_ / "index").string(); }

 private:
  fs::path path_;
};

}  // namespace

Evaluation evaluate_run(const std::vector<Judgment>& judgments, const Run& run) {
  std::map<std::string, Grades> by_query;
  for (const Judgment& j : judgments) by_query[j.query_id][j.paper_id] = j.grade;
  Evaluation result;
  for (const auto& [query_id, grades] : by_query) {
    auto answer = run.find(query_id);
    QueryEvaluation q =
        evaluate_query(query_id, grades,
                       answer == run.end() ? std::vector<std::string>{} : trec_order(answer->second));
    if (q.relevant == 0) continue;
    result.ndcg_at_10 += q.ndcg_at_10;
    result.map_at_100 += q.map_at_100;
    result.recall_at_100 += q.recall_at_100;
    result.mrr_at_10 += q.mrr_at_10;
    result.per_query.push_back(std::move(q));
  }
  result.queries = result.per_query.size();
  if (result.queries) {
    const auto n = static_cast<double>(result.queries);
    result.ndcg_at_10 /= n;
    result.map_at_100 /= n;
    result.recall_at_100 /= n;
    result.mrr_at_10 /= n;
  }
  return result;
}

TestCollection load_test_collection(const std::string& dir, const std::string& split) {
  const fs::path root(dir);
  if (!fs::is_directory(root)) throw Error(ErrorCode::not_found, dir + " is not a folder");
  TestCollection collection;
  collection.name = fs::absolute(root).lexically_normal().filename().string();
  if (collection.name.empty())
    collection.name = fs::absolute(root).lexically_normal().parent_path().filename().string();
  collection.judgments = read_judgments(collection_file(root / "qrels", split + ".tsv"));
  std::set<std::string> judged;
  for (const Judgment& j : collection.judgments) judged.insert(j.query_id);
  collection.queries = read_queries(collection_file(root, "queries.jsonl"), judged);
  collection.corpus_path = collection_file(root, "corpus.jsonl");
  return collection;
}

CollectionEvaluation evaluate_collection(const std::string& dir, const EvaluationOptions& options) {
  CollectionEvaluation out;
  out.collection = load_test_collection(dir, options.split);

  std::optional<ScratchDir> scratch;
  if (options.index_path.empty()) scratch.emplace();
  Index index = Index::open(scratch ? scratch->path() : options.index_path);

  auto start = std::chrono::steady_clock::now();
  ImportOptions import;
  import.format = InputFormat::jsonl;
  import.strict = true;
  ImportSummary summary = import_file(index, out.collection.corpus_path, import);
  out.papers = summary.added + summary.replaced;
  out.index_seconds = seconds_since(start);

  start = std::chrono::steady_clock::now();
  SearchRequest request = options.request;
  request.offset = 0;
  request.limit = options.depth;
  for (const TestQuery& query : out.collection.queries) {
    request.query = query.text;
    SearchResults results = index.search(request);
    std::vector<RankedPaper>& answer = out.run[query.id];
    for (const Hit& hit : results.hits) answer.push_back({hit.id, hit.score});
  }
  out.query_seconds = seconds_since(start);
  out.evaluation = evaluate_run(out.collection.judgments, out.run);
  return out;
}

QUIRE_NAMESPACE_END
