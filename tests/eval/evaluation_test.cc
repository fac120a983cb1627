// The ranking measures against values worked out by hand (the arithmetic is
// in the comments), and `evaluate_collection` end to end on a small
// collection written to disk.
#include "quire/evaluation.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "quire/error.h"
#include "quire/index.h"
#include "support/test_support.h"

namespace {

using quire::Judgment;
using quire::RankedPaper;

const quire::QueryEvaluation* find(const quire::Evaluation& e, const std::string& id) {
  for (const auto& q : e.per_query)
    if (q.query_id == id) return &q;
  return nullptr;
}

TEST(EvaluateRun, GradedGainsTiesAndRepeatsAsTrecEvalCountsThem) {
  const std::vector<Judgment> judgments = {
      {"q1", "d1", 2}, {"q1", "d2", 1}, {"q1", "d3", 0}, {"q1", "d4", 1}};
  quire::Run run;
  // Ranks as given say d1 comes before d5, but their scores tie and
  // trec_eval breaks ties by id, descending: d3, d5, d1, d2. d2 is listed
  // twice and counts once, at its better score.
  run["q1"] = {{"d3", 3.0}, {"d1", 2.0}, {"d5", 2.0}, {"d2", 0.5}, {"d2", 1.0}};
  const quire::Evaluation e = quire::evaluate_run(judgments, run);
  ASSERT_EQ(e.queries, 1u);
  const auto& q = e.per_query.at(0);
  EXPECT_EQ(q.relevant, 3u);
  EXPECT_EQ(q.retrieved, 4u);
  // DCG = 2/log2(4) + 1/log2(5) = 1 + 0.430677 = 1.430677;
  // ideal 2, 1, 1: 2 + 1/log2(3) + 1/log2(4) = 3.130930.
  EXPECT_NEAR(q.ndcg_at_10, 1.430677 / 3.130930, 1e-6);
  // d1 at rank 3 (precision 1/3), d2 at rank 4 (2/4); three relevant.
  EXPECT_NEAR(q.map_at_100, (1.0 / 3 + 0.5) / 3, 1e-9);
  EXPECT_NEAR(q.recall_at_100, 2.0 / 3, 1e-9);
  EXPECT_NEAR(q.mrr_at_10, 1.0 / 3, 1e-9);
}

TEST(EvaluateRun, CutOffsAtTenAndAHundred) {
  std::vector<Judgment> judgments = {{"q", "rel11", 1}, {"q", "rel101", 1}};
  quire::Run run;
  for (int i = 1; i <= 120; ++i) {
    std::string id = i == 11 ? "rel11" : i == 101 ? "rel101" : "other" + std::to_string(i);
    run["q"].push_back({id, 1000.0 - i});
  }
  const quire::Evaluation e = quire::evaluate_run(judgments, run);
  const auto& q = e.per_query.at(0);
  EXPECT_EQ(q.ndcg_at_10, 0.0);           // nothing relevant in the top 10
  EXPECT_EQ(q.mrr_at_10, 0.0);
  EXPECT_NEAR(q.map_at_100, (1.0 / 11) / 2, 1e-12);  // rank 101 is past the cut
  EXPECT_NEAR(q.recall_at_100, 0.5, 1e-12);
}

TEST(EvaluateRun, MeansCoverJudgedQueriesWithSomethingRelevant) {
  const std::vector<Judgment> judgments = {
      {"hit", "a", 3},       // found first: every measure 1
      {"missing", "b", 1},   // no answer at all: every measure 0
      {"unrelated", "c", 0}, // nothing relevant: left out of the means
      {"negative", "d", -1}, {"negative", "e", 1}};
  quire::Run run;
  run["hit"] = {{"a", 1.0}};
  run["unjudged"] = {{"a", 1.0}};  // ignored
  run["negative"] = {{"d", 2.0}, {"e", 1.0}};
  const quire::Evaluation e = quire::evaluate_run(judgments, run);
  ASSERT_EQ(e.queries, 3u);
  EXPECT_EQ(find(e, "unrelated"), nullptr);
  EXPECT_EQ(find(e, "unjudged"), nullptr);
  ASSERT_NE(find(e, "missing"), nullptr);
  EXPECT_EQ(find(e, "missing")->ndcg_at_10, 0.0);
  // A negative grade gains nothing: e alone, at rank 2, of an ideal e at 1.
  const auto* negative = find(e, "negative");
  ASSERT_NE(negative, nullptr);
  EXPECT_NEAR(negative->ndcg_at_10, 1 / std::log2(3.0), 1e-12);
  EXPECT_NEAR(negative->mrr_at_10, 0.5, 1e-12);
  EXPECT_NEAR(e.ndcg_at_10, (1 + 0 + 1 / std::log2(3.0)) / 3, 1e-12);
  EXPECT_NEAR(e.mrr_at_10, (1 + 0 + 0.5) / 3, 1e-12);
  EXPECT_NEAR(e.recall_at_100, (1 + 0 + 1) / 3.0, 1e-12);
}

TEST(EvaluateRun, NoJudgmentsNoQueries) {
  const quire::Evaluation e = quire::evaluate_run({}, quire::Run{{"q", {{"a", 1.0}}}});
  EXPECT_EQ(e.queries, 0u);
  EXPECT_EQ(e.ndcg_at_10, 0.0);
}

// A collection whose answers are certain: each query names words that one
// paper has in its title and another only in its abstract.
void write_collection(const quire::testing::TempDir& dir) {
  quire::testing::write_file(
      dir.file("corpus.jsonl"),
      R"({"_id": "1", "title": "Gravitational lensing of distant quasars", "text": "We measure time delays."})"
      "\n"
      R"({"_id": "2", "title": "Time delays in radio pulsars", "text": "Unrelated to quasars and gravitational lensing, mostly."})"
      "\n"
      R"({"_id": "3", "title": "Protein folding kinetics", "text": "Folding pathways of small proteins."})"
      "\n"
      R"({"_id": "4", "title": "Coral reef ecology", "text": "Reefs and fish."})"
      "\n");
  quire::testing::write_file(
      dir.file("queries.jsonl"),
      R"j({"_id": "lensing", "text": "gravitational lensing (quasars)"})j"
      "\n"
      R"({"_id": "folding", "text": "How do proteins fold?", "metadata": {}})"
      "\n"
      R"({"_id": "unjudged", "text": "coral"})"
      "\n"
      R"({"_id": "reef", "text": "-reef"})"
      "\n");
  std::filesystem::create_directories(dir.file("qrels"));
  quire::testing::write_file(dir.file("qrels/test.tsv"),
                             "query-id\tcorpus-id\tscore\n"
                             "lensing\t1\t2\n"
                             "lensing\t2\t1\n"
                             "folding\t3\t1\n"
                             "reef\t4\t1\n");
}

TEST(EvaluateCollection, IndexesRunsAndScoresAWholeCollection) {
  quire::testing::TempDir dir;
  write_collection(dir);
  const quire::CollectionEvaluation result = quire::evaluate_collection(dir.path());
  EXPECT_EQ(result.papers, 4u);
  EXPECT_EQ(result.collection.queries.size(), 3u) << "the unjudged query is not run";
  EXPECT_EQ(result.run.count("unjudged"), 0u);
  // Paper 1 has the words in its title (counted three times), paper 2 only
  // in its longer abstract: 1 first, 2 second, the ideal order.
  const auto& lensing = result.run.at("lensing");
  ASSERT_GE(lensing.size(), 2u);
  EXPECT_EQ(lensing[0].paper_id, "1");
  EXPECT_EQ(lensing[1].paper_id, "2");
  // Plain text: "-reef" is the word reef, not "anything but reef".
  ASSERT_FALSE(result.run.at("reef").empty());
  EXPECT_EQ(result.run.at("reef")[0].paper_id, "4");
  EXPECT_EQ(result.evaluation.queries, 3u);
  EXPECT_NEAR(result.evaluation.ndcg_at_10, 1.0, 1e-12);
  EXPECT_NEAR(result.evaluation.mrr_at_10, 1.0, 1e-12);
  EXPECT_NEAR(result.evaluation.recall_at_100, 1.0, 1e-12);
}

TEST(EvaluateCollection, KeepsTheIndexWhereAsked) {
  quire::testing::TempDir dir;
  write_collection(dir);
  quire::EvaluationOptions options;
  options.index_path = dir.file("kept");
  options.depth = 1;
  const auto result = quire::evaluate_collection(dir.path(), options);
  EXPECT_EQ(result.run.at("lensing").size(), 1u);
  auto index = quire::Index::open(dir.file("kept"), {quire::OpenMode::read_only});
  EXPECT_EQ(index.stats().documents, 4u);
}

TEST(LoadTestCollection, NamesTheFileLineAndFieldOfABadLine) {
  quire::testing::TempDir dir;
  write_collection(dir);
  quire::testing::write_file(dir.file("queries.jsonl"),
                             "{\"_id\": \"lensing\", \"text\": \"a\"}\n{\"_id\": \"folding\"}\n");
  try {
    quire::load_test_collection(dir.path());
    FAIL() << "a query without text was accepted";
  } catch (const quire::Error& e) {
    EXPECT_EQ(e.code(), quire::ErrorCode::parse);
    EXPECT_NE(std::string(e.what()).find("queries.jsonl:2: field 'text'"), std::string::npos)
        << e.what();
  }
  quire::testing::write_file(dir.file("qrels/test.tsv"), "query-id\tcorpus-id\tscore\nq\td\thigh\n");
  try {
    quire::load_test_collection(dir.path());
    FAIL() << "a grade that is not a number was accepted";
  } catch (const quire::Error& e) {
    EXPECT_EQ(e.code(), quire::ErrorCode::parse);
    EXPECT_NE(std::string(e.what()).find("test.tsv:2: field 'grade'"), std::string::npos)
        << e.what();
  }
}

TEST(LoadTestCollection, ReadsTrecJudgmentsAndSaysWhatIsMissing) {
  quire::testing::TempDir dir;
  write_collection(dir);
  quire::testing::write_file(dir.file("qrels/dev.tsv"), "lensing 0 1 2\nfolding 0 3 1\n");
  const auto collection = quire::load_test_collection(dir.path(), "dev");
  ASSERT_EQ(collection.judgments.size(), 2u);
  EXPECT_EQ(collection.judgments[0].paper_id, "1");
  EXPECT_EQ(collection.judgments[0].grade, 2);
  EXPECT_EQ(collection.queries.size(), 2u);
  try {
    quire::load_test_collection(dir.path(), "train");
    FAIL();
  } catch (const quire::Error& e) {
    EXPECT_EQ(e.code(), quire::ErrorCode::not_found);
    EXPECT_NE(std::string(e.what()).find("train.tsv"), std::string::npos) << e.what();
  }
}

}  // namespace
