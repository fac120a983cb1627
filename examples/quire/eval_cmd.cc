// quire eval DIR: ranking quality on a judged test collection (BEIR layout).
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "common.h"
#include "json_writer.h"
#include "quire/evaluation.h"
#include "quire/quire.h"

namespace quire_cli {

namespace {

struct EvalOptions {
  std::string dir;
  std::string split = "test";
  std::string run_file;
  std::string index;
  bool per_query = false;
  bool json = false;
  bool all = false;
  std::string syntax = "plain";
  quire::Ranking ranking;
};

std::string fixed(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.4f", value);
  return text;
}

void write_run(const std::string& path, const quire::Run& run) {
  std::FILE* out = std::fopen(path.c_str(), "w");
  if (!out) throw quire::Error(quire::ErrorCode::io, "cannot write " + path);
  for (const auto& [query, answer] : run) {
    int rank = 1;
    for (const quire::RankedPaper& p : answer)
      std::fprintf(out, "%s Q0 %s %d %.8f quire\n", query.c_str(), p.paper_id.c_str(), rank++,
                   p.score);
  }
  if (std::fclose(out) != 0) throw quire::Error(quire::ErrorCode::io, "cannot write " + path);
}

int run_eval(const EvalOptions& options) {
  quire::EvaluationOptions eval;
  eval.split = options.split;
  eval.index_path = options.index;
  eval.request.ranking = options.ranking;
  if (options.all) eval.request.default_operator = quire::DefaultOperator::all;
  if (options.syntax == "full") eval.request.syntax = quire::QuerySyntax::full;
  const quire::CollectionEvaluation result = quire::evaluate_collection(options.dir, eval);
  if (!options.run_file.empty()) write_run(options.run_file, result.run);
  const quire::Evaluation& e = result.evaluation;

  if (options.json) {
    JsonWriter json;
    json.begin_object()
        .member("queries", static_cast<std::uint64_t>(e.queries))
        .member("ndcg_at_10", e.ndcg_at_10)
        .member("map_at_100", e.map_at_100)
        .member("recall_at_100", e.recall_at_100)
        .member("mrr_at_10", e.mrr_at_10);
    if (options.per_query) {
      json.key("per_query").begin_array();
      for (const quire::QueryEvaluation& q : e.per_query) {
        json.begin_object()
            .member("query", q.query_id)
            .member("relevant", static_cast<std::uint64_t>(q.relevant))
            .member("retrieved", static_cast<std::uint64_t>(q.retrieved))
            .member("ndcg_at_10", q.ndcg_at_10)
            .member("map_at_100", q.map_at_100)
            .member("recall_at_100", q.recall_at_100)
            .member("mrr_at_10", q.mrr_at_10)
            .end_object();
      }
      json.end_array();
    }
    json.end_object();
    std::cout << json.str() << '\n';
    return kExitSuccess;
  }

  if (options.per_query) {
    std::cout << "query\trelevant\tretrieved\tndcg@10\tmap@100\trecall@100\tmrr@10\n";
    for (const quire::QueryEvaluation& q : e.per_query)
      std::cout << q.query_id << '\t' << q.relevant << '\t' << q.retrieved << '\t'
                << fixed(q.ndcg_at_10) << '\t' << fixed(q.map_at_100) << '\t'
                << fixed(q.recall_at_100) << '\t' << fixed(q.mrr_at_10) << '\n';
    std::cout << '\n';
  }
  std::cout << result.collection.name << ": " << with_thousands(result.papers) << " papers, "
            << e.queries << " judged queries (qrels/" << options.split << ".tsv)\n"
            << "nDCG@10     " << fixed(e.ndcg_at_10) << '\n'
            << "MAP@100     " << fixed(e.map_at_100) << '\n'
            << "Recall@100  " << fixed(e.recall_at_100) << '\n'
            << "MRR@10      " << fixed(e.mrr_at_10) << '\n';
  char times[96];
  std::snprintf(times, sizeof times, "indexed in %.2f s, queries run in %.2f s\n",
                result.index_seconds, result.query_seconds);
  std::cout << times;
  return kExitSuccess;
}

}  // namespace

Command add_eval_command(CLI::App& app) {
  auto options = std::make_shared<EvalOptions>();
  CLI::App* sub = app.add_subcommand(
      "eval",
      "Measure ranking quality on a judged test collection in BEIR layout (DIR/corpus.jsonl, "
      "DIR/queries.jsonl, DIR/qrels/test.tsv): index it into a temporary index, run every "
      "judged query with the `any` operator, print nDCG@10, MAP@100, Recall@100 and MRR@10");
  sub->add_option("DIR", options->dir, "The collection's folder")->required();
  sub->add_option("--split", options->split, "Judgments to use: DIR/qrels/SPLIT.tsv (default test)");
  sub->add_flag("--per-query", options->per_query, "Also print each query's measures");
  sub->add_flag("--json", options->json,
                "Print one JSON object: queries, ndcg_at_10, map_at_100, recall_at_100, "
                "mrr_at_10 (and per_query with --per-query)");
  sub->add_option("--run", options->run_file, "Also write the answers as a TREC run file");
  sub->add_option("--index", options->index,
                  "Build the index in this folder and keep it (default: a temporary folder)");
  sub->add_flag("--all", options->all, "Require every word (default: any word may match)");
  sub->add_option("--syntax", options->syntax,
                  "plain: the query text is words only (the default); full: the query language")
      ->check(CLI::IsMember({"plain", "full"}));
  auto& r = options->ranking;
  auto* group = sub->add_option_group("ranking", "Override the tuned ranking (docs/ranking.md)");
  group->add_option("--k1", r.k1, "BM25 k1")->check(CLI::Range(0.0, 100.0));
  group->add_option("--b", r.b, "BM25 b")->check(CLI::Range(0.0, 1.0));
  group->add_option("--title-boost", r.title_boost,
                    "Extra score for a word in the title, as a share of its title-only score")
      ->check(CLI::Range(0.0, 100.0));
  group->add_option("--author-weight", r.author_weight, "Weight of a word in an author's name")
      ->check(CLI::Range(0.0, 100.0));
  group->add_option("--skip-common-words", r.skip_common_words,
                    "Leave out words like 'the' and 'of' (true/false)");
  group->add_option("--exact-form-weight", r.exact_form_weight,
                    "Extra score for a word found as typed, not only by its stem")
      ->check(CLI::Range(0.0, 100.0));
  group->add_option("--proximity-weight", r.proximity_weight,
                    "Weight of neighbouring query words found side by side")
      ->check(CLI::Range(0.0, 100.0));
  return {sub, [options] { return run_eval(*options); }};
}

}  // namespace quire_cli
