#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/bibtex_reader.h"
#include "ingest/ingest_test_util.h"
#include "ingest/reader_test_util.h"
#include "quire/import.h"
#include "support/test_support.h"

namespace quire {
namespace {

using testing::extra;
using testing::issues_text;
using testing::read_as;
using testing::read_text;
using testing::TempDir;

TEST(BibtexReader, MapsAnEntry) {
  TempDir dir;
  const auto result = read_text(dir, "refs.bib", R"(
% A comment line before the entries.
@InProceedings{pmlr-v80-rocktaschel18a,
  title = 	 {Learning to {GAN}: {R}ockt{\"a}schel's \& {\'e}l{\`e}ve's Methods},
  author =       {Rockt{\"a}schel, Tim and Jean-Pierre Dupont and
                  van der Maaten, Laurens and King, Jr., Martin and others},
  booktitle = 	 {Proceedings of the 35th International Conference on Machine Learning},
  pages = 	 {5630--5639},
  year = 	 {2018},
  month = 	 {10--15 Jul},
  doi = {https://doi.org/10.5555/ABC.123},
  url = 	 {https://proceedings.mlr.press/v80/x.html},
  eprint = {1802.01234v3}, archivePrefix = {arXiv},
  abstract = 	 {We {\em study} $\alpha$-divergences.}
}
)",
                                InputFormat::bibtex);
  ASSERT_EQ(result.papers.size(), 1u) << issues_text(result.errors);
  const Paper& paper = result.papers[0];
  EXPECT_EQ(paper.title, "Learning to GAN: Rocktäschel's & élève's Methods");
  EXPECT_EQ(paper.authors, (std::vector<std::string>{"Rocktäschel, Tim", "Jean-Pierre Dupont",
                                                     "van der Maaten, Laurens",
                                                     "Martin King Jr."}));
  EXPECT_EQ(extra(paper, "authors_truncated"), "true");
  EXPECT_EQ(paper.venue, "Proceedings of the 35th International Conference on Machine Learning");
  EXPECT_EQ(paper.date, "2018-07");
  EXPECT_EQ(paper.abstract, "We study alpha-divergences.");
  EXPECT_EQ(paper.id, "10.5555/ABC.123") << "the DOI beats the key";
  EXPECT_EQ(extra(paper, "doi"), "10.5555/ABC.123");
  EXPECT_EQ(extra(paper, "bibtex_key"), "pmlr-v80-rocktaschel18a");
  EXPECT_EQ(extra(paper, "entry_type"), "inproceedings");
  EXPECT_EQ(extra(paper, "pages"), "5630--5639");
  EXPECT_EQ(extra(paper, "url"), "https://proceedings.mlr.press/v80/x.html");
  EXPECT_EQ(extra(paper, "arxiv"), "1802.01234");
  EXPECT_EQ(result.papers[0].categories.size(), 0u);
  EXPECT_TRUE(result.errors.empty());
  EXPECT_TRUE(result.warnings.empty()) << issues_text(result.warnings);
}

TEST(BibtexReader, StringsCommentsPreamblesAndDelimiters) {
  TempDir dir;
  const auto result = read_text(dir, "refs.bib", R"BIB(
@string{acl = "Association for Computational Linguistics"}
@STRING(proc = {Proceedings of the } # acl)
@comment{ @article{commented, title = {Not a paper}} }
@preamble{ "\newcommand{\noop}[1]{}" }
Free text between entries is ignored, even with an @ sign.
@article(paren-key,
  title = "Quoted {with {"}inner{"} braces} and (parens)",
  journal = proc # " 2020",
  author = "Ann Lee",
  year = 2020, month = aug,
)
@misc{journal-only, title={J}, journal={Nature}, booktitle={}, year={1999}, month={13}}
)BIB",
                                InputFormat::bibtex);
  ASSERT_EQ(result.papers.size(), 2u) << issues_text(result.errors);
  const Paper& paper = result.papers[0];
  EXPECT_EQ(paper.id, "paren-key");
  EXPECT_EQ(paper.title, "Quoted with \"inner\" braces and (parens)");
  EXPECT_EQ(paper.venue, "Proceedings of the Association for Computational Linguistics 2020");
  EXPECT_EQ(paper.date, "2020-08");
  EXPECT_EQ(paper.authors, std::vector<std::string>{"Ann Lee"});
  EXPECT_EQ(extra(paper, "entry_type"), "article");
  EXPECT_EQ(result.papers[1].venue, "Nature") << "an empty booktitle does not hide the journal";
  EXPECT_EQ(result.papers[1].date, "1999");
  EXPECT_EQ(extra(result.papers[1], "month"), "13");
}

TEST(BibtexReader, NamesSplitOnlyAtTopLevelAnd) {
  bool truncated = false;
  EXPECT_EQ(ingest::split_bibtex_names("{Barnes and Noble, Inc.} and Ann AND Bo  and\n  C. D. Eve",
                                       truncated),
            (std::vector<std::string>{"Barnes and Noble, Inc.", "Ann", "Bo", "C. D. Eve"}));
  EXPECT_FALSE(truncated);
  EXPECT_EQ(ingest::split_bibtex_names("Alexander Andersen and others", truncated),
            std::vector<std::string>{"Alexander Andersen"});
  EXPECT_TRUE(truncated);
}

TEST(BibtexReader, BadEntriesAreReportedWithLineAndKeptWhereTheyCanBe) {
  TempDir dir;
  const std::string text =
      "@article{good1, title={One}, year={2020}}\n"                          // 1
      "@article{notitle, author={A. B}, year={2020}}\n"                      // 2
      "@article{noequals, title {X}}\n"                                      // 3
      "@article{good2, title={Two}}\n"                                       // 4
      "@article{unclosed, title={Three},\n"                                  // 5
      "  abstract={The\n"                                                    // 6
      "\n"                                                                   // 7
      "@article{good3, title={Four}, year={20x1}}\n"                         // 8
      "@article{dup, title={First}, title={Second}}\n"                       // 9
      "@article{latin, title={Caf\xe9 na\xefve}}\n"                          // 10
      "@article{nul, title={a" + std::string(1, '\0') + "b}}\n" +            // 11
      "@article{macro, title={M}, journal=undefinedmacro}\n" +               // 12
      "@article{cut, title={Truncated at the end";                           // 13
  const auto result = read_text(dir, "bad.bib", text, InputFormat::bibtex);
  std::vector<std::string> ids;
  for (const Paper& paper : result.papers) ids.push_back(paper.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"good1", "good2", "unclosed", "good3", "dup", "latin",
                                           "macro", "cut"}));
  ASSERT_EQ(result.errors.size(), 3u) << issues_text(result.errors);
  EXPECT_EQ(result.errors[0].line, 2u);
  EXPECT_EQ(result.errors[0].field, "title");
  EXPECT_EQ(result.errors[1].line, 3u);
  EXPECT_EQ(result.errors[1].field, "title");
  EXPECT_NE(result.errors[1].reason.find("'='"), std::string::npos);
  EXPECT_EQ(result.errors[2].line, 11u);
  EXPECT_NE(result.errors[2].reason.find("NUL"), std::string::npos);

  const Paper* unclosed = result.find("unclosed");
  ASSERT_NE(unclosed, nullptr);
  EXPECT_EQ(unclosed->title, "Three");
  EXPECT_EQ(unclosed->abstract, "The");
  EXPECT_EQ(result.find("dup")->title, "First");
  EXPECT_EQ(result.find("latin")->title, "Café naïve") << "Latin-1 bytes read as such";
  EXPECT_EQ(result.find("good3")->date, "");
  EXPECT_EQ(result.find("macro")->venue, "undefinedmacro");
  EXPECT_EQ(result.find("cut")->title, "Truncated at the end");

  std::vector<std::pair<std::uint64_t, std::string>> warned;
  for (const auto& warning : result.warnings) warned.emplace_back(warning.line, warning.field);
  EXPECT_EQ(warned, (std::vector<std::pair<std::uint64_t, std::string>>{
                        {5, "abstract"}, {8, "year"}, {9, ""}, {10, ""}, {12, ""}, {13, "title"}}))
      << issues_text(result.warnings);
  EXPECT_NE(result.warnings[0].reason.find("line 8"), std::string::npos)
      << "names where the next entry starts";
  EXPECT_NE(result.warnings.back().reason.find("truncated"), std::string::npos);
}

TEST(BibtexReader, StrayBraceInsideAValueKeepsTheText) {
  TempDir dir;
  const auto result = read_text(dir, "b.bib",
                                "@inproceedings{k,\n  title = {T},\n  year = {2018},\n"
                                "  abstract = {the (REFORM}) framework works},\n"
                                "  pages = {1--2}\n}\n",
                                InputFormat::bibtex);
  ASSERT_EQ(result.papers.size(), 1u) << issues_text(result.errors);
  EXPECT_EQ(result.papers[0].abstract, "the (REFORM) framework works");
  EXPECT_EQ(result.papers[0].date, "2018");
  // As in the real file this comes from, the stray brace closes the entry
  // early: a field after it is lost, and said so nowhere better than here.
  EXPECT_EQ(extra(result.papers[0], "pages"), "<none>");
  ASSERT_EQ(result.warnings.size(), 1u);
}

TEST(BibtexReader, AMegabyteTitleIsCutWithAWarning) {
  TempDir dir;
  const auto result = read_text(dir, "big.bib.zst",
                                testing::zstd_frame("@misc{big, title={" +
                                                    std::string(1 << 20, 'x') + "}}\n"),
                                InputFormat::automatic);
  EXPECT_EQ(result.format, InputFormat::bibtex);
  ASSERT_EQ(result.papers.size(), 1u);
  EXPECT_EQ(result.papers[0].title.size(), 65536u);
  ASSERT_EQ(result.warnings.size(), 1u);
  EXPECT_EQ(result.warnings[0].field, "title");
}

TEST(BibtexReaderShared, ReadsEveryEntryOfTheSharedFiles) {
  QUIRE_SHARED_FILE(icml, "corpora/raw/bibtex/icml.bib.zst");
  const char* names[] = {"3dv",   "acl",   "acml", "ai4x",  "aistats", "alt",  "automl",
                         "coling", "colm", "colt", "corl",  "iclr",    "icml", "ijcai",
                         "naacl", "nips",  "rss",  "uai",   "www"};
  std::size_t total = 0, cut = 0;
  for (const char* name : names) {
    const auto result = read_as(testing::shared_dir() + "/corpora/raw/bibtex/" + name + ".bib.zst",
                                InputFormat::automatic);
    EXPECT_EQ(result.format, InputFormat::bibtex) << name;
    EXPECT_TRUE(result.errors.empty()) << name << "\n" << issues_text(result.errors);
    total += result.papers.size();
    for (const auto& warning : result.warnings) {
      // Only entries the files really leave unclosed (or with a stray
      // brace) are warned about; each is still read.
      EXPECT_TRUE(warning.reason.find("not closed") != std::string::npos ||
                  warning.reason.find("unbalanced") != std::string::npos)
          << to_string(warning);
      ++cut;
    }
    for (const Paper& paper : result.papers) {
      ASSERT_FALSE(paper.title.empty()) << name << " " << paper.id;
      // Decoded: no accent commands left. (Literal braces and backslashes
      // stay: "\{PF\}", and one export's "{\textbackslash}sqrt".)
      ASSERT_EQ(paper.title.find("{\\\""), std::string::npos) << paper.title;
      ASSERT_EQ(paper.title.find("{\\'"), std::string::npos) << paper.title;
    }
  }
  // Every entry of the 19 files (grep '^@' counts 34,624).
  EXPECT_EQ(total, 34624u);
  EXPECT_EQ(cut, 228u);
}

TEST(BibtexReaderShared, SpecificEntriesFieldByField) {
  QUIRE_SHARED_FILE(acl, "corpora/raw/bibtex/acl.bib.zst");
  auto result = read_as(acl, InputFormat::bibtex);
  const Paper* paper = result.find("10.18653/v1/2021.acl-long.447");
  ASSERT_NE(paper, nullptr);
  EXPECT_EQ(paper->title,
            "A Closer Look at Few-Shot Crosslingual Transfer: The Choice of Shots Matters");
  ASSERT_EQ(paper->authors.size(), 7u);
  EXPECT_EQ(paper->authors[3], "Vulić, Ivan");
  EXPECT_EQ(paper->authors[6], "Schütze, Hinrich");
  EXPECT_EQ(paper->date, "2021-08");
  EXPECT_EQ(extra(*paper, "bibtex_key"), "zhao-etal-2021-closer");
  EXPECT_EQ(extra(*paper, "editor"), "Zong, Chengqing and Xia, Fei and Li, Wenjie and Navigli, Roberto");

  QUIRE_SHARED_FILE(nips, "corpora/raw/bibtex/nips.bib.zst");
  result = read_as(nips, InputFormat::bibtex);
  paper = result.find("NIPS1987_d59a1dc4");
  ASSERT_NE(paper, nullptr);
  EXPECT_EQ(paper->title, "A 'Neural' Network that Learns to Play Backgammon");
  EXPECT_EQ(paper->authors, (std::vector<std::string>{"Tesauro, G.", "Sejnowski, T. J."}));
  EXPECT_EQ(paper->venue, "Neural Information Processing Systems");
  EXPECT_EQ(paper->date, "1987");
  EXPECT_EQ(extra(*paper, "pages"), "<none>") << "empty fields are dropped";

  QUIRE_SHARED_FILE(rss, "corpora/raw/bibtex/rss.bib.zst");
  result = read_as(rss, InputFormat::bibtex);
  paper = result.find("10.15607/RSS.2005.I.013");
  ASSERT_NE(paper, nullptr);
  EXPECT_EQ(paper->title,
            "A polynomial-time algorithm to design push plans for sensorless parts sorting");
  EXPECT_EQ(paper->authors,
            (std::vector<std::string>{"Mark de Berg", "Xavier Goaoc", "A. Frank van der Stappen"}));
  EXPECT_EQ(paper->date, "2005-06");
  EXPECT_EQ(extra(*paper, "bibtex_key"), "deBerg-RSS-05");

  QUIRE_SHARED_FILE(colm, "corpora/raw/bibtex/colm.bib.zst");
  result = read_as(colm, InputFormat::bibtex);
  paper = result.find("armengol-estap{\\'e}2024forklift");
  ASSERT_NE(paper, nullptr) << "a key with braces in it";
  EXPECT_EQ(paper->title, "Forklift: An Extensible Neural Lifter");
  EXPECT_EQ(paper->authors[0], "Jordi Armengol-Estapé");
}

}  // namespace
}  // namespace quire
