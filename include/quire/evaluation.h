// quire/evaluation.h: measuring ranking quality on judged test collections.
//
// evaluate_run() scores ranked answers against relevance judgments the way
// trec_eval does (nDCG@10 with graded gains, MAP@100, Recall@100, MRR@10).
// load_test_collection() reads a collection in BEIR layout, and
// evaluate_collection() indexes one into a fresh index, runs every judged
// query and scores the answers: what `quire eval` prints.
//
// Every type here is a plain value that owns its strings. The functions
// keep no state: they may run on any number of threads at once.
#ifndef QUIRE_EVALUATION_H
#define QUIRE_EVALUATION_H

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "quire/export.h"
#include "quire/search.h"
#include "quire/version.h"

QUIRE_NAMESPACE_BEGIN

// How relevant a paper is to a query: 0 judged not relevant, higher grades
// more relevant (the gain nDCG counts).
struct Judgment {
  std::string query_id;
  std::string paper_id;
  int grade = 0;
};

// One paper of a query's answer, with the score it was ranked by.
struct RankedPaper {
  std::string paper_id;
  double score = 0;
};

// Query id -> its answer, best first.
using Run = std::map<std::string, std::vector<RankedPaper>>;

struct QueryEvaluation {
  std::string query_id;
  std::size_t relevant = 0;   // papers judged with a grade above 0
  std::size_t retrieved = 0;  // papers in the answer
  double ndcg_at_10 = 0;
  double map_at_100 = 0;
  double recall_at_100 = 0;
  double mrr_at_10 = 0;
};

struct Evaluation {
  // Queries with at least one relevant judgment: the means are over these,
  // a query without an answer counting 0.
  std::size_t queries = 0;
  double ndcg_at_10 = 0;
  double map_at_100 = 0;
  double recall_at_100 = 0;
  double mrr_at_10 = 0;
  std::vector<QueryEvaluation> per_query;  // those queries, by id
};

// Scores `run` against `judgments` as trec_eval does: each answer is
// ordered by score, ties by paper id in descending byte order (the rank
// the caller gave is not used); a paper listed twice counts once, at its
// best place; answers to unjudged queries are ignored. Gains are the
// grades; the ideal ranking for nDCG is made from all the query's
// judgments; a negative grade counts as 0.
QUIRE_API Evaluation evaluate_run(const std::vector<Judgment>& judgments, const Run& run);

struct TestQuery {
  std::string id;
  std::string text;
};

// A collection in BEIR layout: DIR/corpus.jsonl (`_id`, `title`, `text`),
// DIR/queries.jsonl (`_id`, `text`) and DIR/qrels/SPLIT.tsv (a header line,
// then query-id, corpus-id, grade; TREC's "qid 0 docid grade" lines are
// read too). Either JSON Lines file may be zstd- or gzip-compressed
// (corpus.jsonl.zst).
struct TestCollection {
  std::string name;         // the folder's name
  std::string corpus_path;  // the corpus file found
  std::vector<TestQuery> queries;  // the judged ones, in the file's order
  std::vector<Judgment> judgments;
};

// Reads DIR's queries and judgments (the corpus stays on disk). Throws
// Error: not_found for a missing file, parse naming the file, line and
// field of a bad line.
QUIRE_API TestCollection load_test_collection(const std::string& dir,
                                              const std::string& split = "test");

struct EvaluationOptions {
  // Every query is run as this request with its text as `query`: by
  // default as plain text with DefaultOperator::any (judged queries are
  // sentences, not search-box input), the top `depth` hits, no snippets,
  // no exact total.
  SearchRequest request = default_request();
  std::size_t depth = 100;  // answer length per query
  std::string split = "test";
  // Where to build the index; empty for a temporary folder removed
  // afterwards. An existing index there is added to.
  std::string index_path;

  static SearchRequest default_request() {
    SearchRequest r;
    r.default_operator = DefaultOperator::any;
    r.syntax = QuerySyntax::plain;
    r.snippets = false;
    r.exact_total = false;
    return r;
  }
};

struct CollectionEvaluation {
  TestCollection collection;
  Evaluation evaluation;
  Run run;                   // every query's answer
  std::size_t papers = 0;    // papers indexed
  double index_seconds = 0;  // building the index
  double query_seconds = 0;  // running every query
};

// Indexes the collection's corpus, runs each judged query, scores the
// answers. Throws Error as load_test_collection() and import_file() do;
// a bad corpus line is an error (ErrorCode::parse), since a collection
// with papers missing would measure something else.
QUIRE_API CollectionEvaluation evaluate_collection(const std::string& dir,
                                                   const EvaluationOptions& options = {});

QUIRE_NAMESPACE_END

#endif  // QUIRE_EVALUATION_H
