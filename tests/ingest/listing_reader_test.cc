#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/ingest_test_util.h"
#include "ingest/listing_reader.h"
#include "ingest/reader_test_util.h"
#include "quire/import.h"
#include "support/test_support.h"

namespace quire {
namespace {

using ingest::ListingAuthors;
using ingest::ListingMeta;
using ingest::parse_listing_authors;
using ingest::parse_listing_meta;
using testing::extra;
using testing::issues_text;
using testing::read_as;
using testing::read_text;
using testing::TempDir;

TEST(ListingMeta, ReadsEveryVariantOfThePaperLine) {
  ListingMeta meta;
  ASSERT_TRUE(parse_listing_meta("96.5AIMay 28Code", meta));
  EXPECT_EQ(meta.score, "96.5");
  EXPECT_EQ(meta.category, "AI");
  EXPECT_EQ(meta.month, 5);
  EXPECT_EQ(meta.day, 28);
  EXPECT_EQ(meta.year, 0);
  EXPECT_EQ(meta.flags, std::vector<std::string>{"Code"});

  ASSERT_TRUE(parse_listing_meta("LGNov 13, 2023", meta));
  EXPECT_EQ(meta.score, "");
  EXPECT_EQ(meta.category, "LG");
  EXPECT_EQ(meta.year, 2023);
  EXPECT_TRUE(meta.flags.empty());

  ASSERT_TRUE(parse_listing_meta("7ROSeptember 5 2024CodeData", meta));
  EXPECT_EQ(meta.score, "7");
  EXPECT_EQ(meta.category, "RO");
  EXPECT_EQ(meta.month, 9);
  EXPECT_EQ(meta.day, 5);
  EXPECT_EQ(meta.year, 2024);
  EXPECT_EQ(meta.flags, (std::vector<std::string>{"Code", "Data"}));

  ASSERT_TRUE(parse_listing_meta("  100CVJan 1  ", meta));
  EXPECT_EQ(meta.score, "100");
  EXPECT_EQ(meta.category, "CV");
  ASSERT_TRUE(parse_listing_meta("STATSept. 30, 2019", meta));
  EXPECT_EQ(meta.category, "STAT");
  EXPECT_EQ(meta.month, 9);
  ASSERT_TRUE(parse_listing_meta("ML2024-03-14", meta));
  EXPECT_EQ(meta.year, 2024);
  EXPECT_EQ(meta.day, 14);

  for (const char* not_meta :
       {"Julia Kempe", "LG", "h-index22", "36papers", "AI Score60", "36 Papers",
        "Formalizing Mathematics at Scale", "GANs May 5", "LGNov", "LGFoo 13, 2023",
        "LGNov 13, 2023 code", "AIMay 28Code.", "LGNov 0, 2023", "Abstract: x"}) {
    EXPECT_FALSE(parse_listing_meta(not_meta, meta)) << not_meta;
  }
}

TEST(ListingAuthors, SplitsNamesEtAlAndAffiliation) {
  ListingAuthors authors;
  ASSERT_TRUE(parse_listing_authors("Elvis Dohmatob, Yunzhen Feng, Pu Yang et al. · pku", authors));
  EXPECT_EQ(authors.names,
            (std::vector<std::string>{"Elvis Dohmatob", "Yunzhen Feng", "Pu Yang"}));
  EXPECT_TRUE(authors.truncated);
  EXPECT_EQ(authors.affiliation, "pku");

  ASSERT_TRUE(parse_listing_authors("Tim G. J. Rudner, Gaëtan Narozniak and J. Smith · MIT · ETH",
                                    authors));
  EXPECT_EQ(authors.names,
            (std::vector<std::string>{"Tim G. J. Rudner", "Gaëtan Narozniak", "J. Smith"}));
  EXPECT_FALSE(authors.truncated);
  EXPECT_EQ(authors.affiliation, "MIT; ETH");

  ASSERT_TRUE(parse_listing_authors("Julia Kempe", authors));
  EXPECT_EQ(authors.names, std::vector<std::string>{"Julia Kempe"});

  for (const char* prose :
       {"We present a method.", "Neural Collapse refers to the curious phenomenon in the end of "
                                "training of a neural network, where feature vectors converge",
        "Lecture notes: kernels"}) {
    EXPECT_FALSE(parse_listing_authors(prose, authors)) << prose;
  }
}

TEST(ListingTitle, DerivedFromTheFirstSentence) {
  EXPECT_EQ(ingest::title_from_abstract("Mixture-of-experts (MoE) models scale, e.g. to 1T "
                                        "parameters. Recent evidence suggests more."),
            "Mixture-of-experts (MoE) models scale, e.g. to 1T parameters");
  EXPECT_EQ(ingest::title_from_abstract("Is attention all you need? We ask."),
            "Is attention all you need?");
  const std::string long_title = ingest::title_from_abstract(std::string(300, 'a') + " b. c");
  EXPECT_LE(long_title.size(), 203u);
  EXPECT_EQ(long_title.substr(long_title.size() - 3), "\xE2\x80\xA6");
}

// A profile listing of another person, written the way the site writes
// them, varying everything the samples vary.
const char kProfile[] =
    "Ada Example\n"
    "\n"
    "CV\n"
    "h-index7\n"
    "4papers\n"
    "90citations\n"
    "Novelty61%\n"
    "AI Score72\n"
    "\n"
    "4 Papers\n"
    "\n"
    "12.25CVMar 3Code\n"                                         // 12
    "Seeing Through Fog: Robust Depth\n"
    "\n"
    "Ada Example, Björn Ström · ETH Zürich\n"
    "\n"
    "We estimate depth in fog. It works.\n"
    "\n"
    "A second abstract paragraph.\n"
    "\n"
    "ROJan 31, 2021\n"                                           // 21
    "Legged Robots Without Labels\n"
    "\n"
    "Bo Ek, Ada Example, Cy Dee et al.\n"
    "\n"
    "Abstract: Robots learn to walk.\n"
    "\n"
    "MLDec 24, 2022Code\n"                                       // 27
    "A Title Alone\n"
    "\n"
    "CLFeb 30\n"                                                  // 30
    "A Bad Date\n"
    "\n"
    "Ann Bee\n"
    "\n"
    "Text.\n";

TEST(ListingReader, ReadsAProfileListingOfAnyone) {
  TempDir dir;
  const auto result = read_text(dir, "ada.txt", kProfile, InputFormat::automatic, 2025);
  EXPECT_EQ(result.format, InputFormat::listing);
  ASSERT_EQ(result.papers.size(), 3u) << issues_text(result.errors);

  const Paper& fog = result.papers[0];
  EXPECT_EQ(fog.title, "Seeing Through Fog: Robust Depth");
  EXPECT_EQ(fog.authors, (std::vector<std::string>{"Ada Example", "Björn Ström"}));
  EXPECT_EQ(fog.abstract, "We estimate depth in fog. It works.\n\nA second abstract paragraph.");
  EXPECT_EQ(fog.categories, std::vector<std::string>{"CV"});
  EXPECT_EQ(fog.date, "2025-03-03") << "the listing's year";
  EXPECT_EQ(extra(fog, "year_assumed"), "true");
  EXPECT_EQ(extra(fog, "score"), "12.25");
  EXPECT_EQ(extra(fog, "has_code"), "true");
  EXPECT_EQ(extra(fog, "affiliation"), "ETH Zürich");
  EXPECT_EQ(extra(fog, "authors_truncated"), "<none>");
  EXPECT_EQ(extra(fog, "listing"), "Ada Example");
  EXPECT_EQ(extra(fog, "source"), "listing");
  EXPECT_EQ(fog.id.substr(0, 8), "listing-");

  const Paper& robots = result.papers[1];
  EXPECT_EQ(robots.date, "2021-01-31");
  EXPECT_EQ(extra(robots, "year_assumed"), "<none>");
  EXPECT_EQ(robots.authors, (std::vector<std::string>{"Bo Ek", "Ada Example", "Cy Dee"}))
      << "et al. is not an author";
  EXPECT_EQ(extra(robots, "authors_truncated"), "true");
  EXPECT_EQ(robots.abstract, "Robots learn to walk.") << "an Abstract: label is dropped";
  EXPECT_EQ(extra(robots, "score"), "<none>");
  EXPECT_EQ(extra(robots, "has_code"), "<none>");

  const Paper& alone = result.papers[2];
  EXPECT_EQ(alone.title, "A Title Alone");
  EXPECT_TRUE(alone.authors.empty());
  EXPECT_EQ(alone.abstract, "");

  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].line, testing::line_of(kProfile, "CLFeb 30"));
  EXPECT_EQ(result.errors[0].field, "date");
  EXPECT_NE(result.errors[0].reason.find("2025-02-30"), std::string::npos);

  // Ids are stable: reading again gives the same, and another year does not
  // change them.
  const auto again = read_text(dir, "ada2.txt", kProfile, InputFormat::listing, 2024);
  EXPECT_EQ(again.papers[0].id, fog.id);
  EXPECT_EQ(again.papers[0].date, "2024-03-03");
}

TEST(ListingReader, ReadsAnInstitutionsAbstracts) {
  TempDir dir;
  const auto result = read_text(
      dir, "inst.txt.gz",
      testing::gzip_member("Example Institute\n"
                           "Abstract:We show that X holds. Then Y.\n"
                           "Abstract: Second one starts here\n"
                           "and continues on a wrapped line.\n"
                           "\n"
                           "ABSTRACT : Third.\n"
                           "Abstract:\n"),
      InputFormat::automatic);
  EXPECT_EQ(result.format, InputFormat::listing);
  ASSERT_EQ(result.papers.size(), 3u);
  EXPECT_EQ(result.papers[0].abstract, "We show that X holds. Then Y.");
  EXPECT_EQ(result.papers[0].title, "We show that X holds");
  EXPECT_EQ(extra(result.papers[0], "title_derived"), "true");
  EXPECT_EQ(extra(result.papers[0], "listing"), "Example Institute");
  EXPECT_EQ(result.papers[1].abstract, "Second one starts here and continues on a wrapped line.");
  EXPECT_EQ(result.papers[2].abstract, "Third.");
  EXPECT_EQ(result.papers[0].date, "");
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].line, 7u);
  EXPECT_EQ(result.errors[0].field, "abstract");
}

TEST(ListingReader, MalformedInput) {
  TempDir dir;
  const std::string text = std::string("Someone\n\n") +
                           "LGJan 2, 2020\n"                           // 3: no title
                           "LGJan 3, 2020\n"                           // 4
                           "Caf\xe9 Title\n\nA B\n\nText.\n" +         // 5-9
                           "LGJan 4, 2020\n" +                         // 10
                           std::string("Nul\0Title\n", 10) +           // 11
                           "LGJan 5, 2020\n" +                         // 12
                           std::string(1 << 20, 'T') + "\n\nAnn Bee\n\nText\n" +
                           "LGJan 6, 2020\nTruncated at the ti";       // 18
  const auto result = read_text(dir, "bad.txt", text, InputFormat::listing, 2025);
  std::vector<std::string> titles;
  for (const Paper& paper : result.papers) titles.push_back(paper.title.substr(0, 11));
  EXPECT_EQ(titles, (std::vector<std::string>{"Café Title", "TTTTTTTTTTT", "Truncated a"}));
  ASSERT_EQ(result.errors.size(), 2u) << issues_text(result.errors);
  EXPECT_EQ(result.errors[0].line, 3u);
  EXPECT_EQ(result.errors[0].field, "title");
  EXPECT_EQ(result.errors[1].line, 10u);
  EXPECT_NE(result.errors[1].reason.find("NUL"), std::string::npos);
  ASSERT_EQ(result.warnings.size(), 2u) << issues_text(result.warnings);
  EXPECT_EQ(result.warnings[0].line, 4u);
  EXPECT_NE(result.warnings[0].reason.find("UTF-8"), std::string::npos);
  EXPECT_EQ(result.warnings[1].line, 12u);
  EXPECT_EQ(result.warnings[1].field, "title");
  EXPECT_EQ(result.papers[1].title.size(), 65536u);
}

TEST(ListingReaderShared, TheProfileSample) {
  QUIRE_SHARED_FILE(path, "seeds/003_2e1b9ef07ba4b530.txt");
  const auto result = read_as(path, InputFormat::automatic, 2026);
  EXPECT_EQ(result.format, InputFormat::listing);
  ASSERT_EQ(result.papers.size(), 36u) << issues_text(result.errors);
  EXPECT_TRUE(result.errors.empty()) << issues_text(result.errors);
  EXPECT_TRUE(result.warnings.empty()) << issues_text(result.warnings);

  const Paper& first = result.papers[0];
  EXPECT_EQ(first.title, "Formalizing Mathematics at Scale");
  EXPECT_EQ(first.authors,
            (std::vector<std::string>{"Ahmad Rammal", "Niket Patel", "Fabian Gloeckle"}));
  EXPECT_EQ(extra(first, "authors_truncated"), "true");
  EXPECT_EQ(extra(first, "score"), "96.5");
  EXPECT_EQ(extra(first, "has_code"), "true");
  EXPECT_EQ(first.categories, std::vector<std::string>{"AI"});
  EXPECT_EQ(first.date, "2026-05-28");
  EXPECT_EQ(extra(first, "listing"), "Julia Kempe");
  EXPECT_EQ(first.abstract.substr(0, 40), "We present AutoformBot, a multi-agent sy");

  const Paper& third = result.papers[2];
  EXPECT_EQ(third.title, "Embarassingly Simple Dataset Distillation");
  EXPECT_EQ(third.authors,
            (std::vector<std::string>{"Yunzhen Feng", "Ramakrishna Vedantam", "Julia Kempe"}));
  EXPECT_EQ(extra(third, "affiliation"), "pku");
  EXPECT_EQ(extra(third, "authors_truncated"), "<none>");
  EXPECT_EQ(third.date, "2023-11-13");
  EXPECT_EQ(extra(third, "has_code"), "<none>");

  int with_code = 0, with_score = 0, truncated = 0, with_affiliation = 0, assumed = 0;
  for (const Paper& paper : result.papers) {
    EXPECT_FALSE(paper.title.empty());
    EXPECT_FALSE(paper.authors.empty()) << paper.title;
    EXPECT_GT(paper.abstract.size(), 100u) << paper.title;
    with_code += extra(paper, "has_code") == "true";
    with_score += extra(paper, "score") != "<none>";
    truncated += extra(paper, "authors_truncated") == "true";
    with_affiliation += extra(paper, "affiliation") != "<none>";
    assumed += extra(paper, "year_assumed") == "true";
  }
  EXPECT_EQ(with_code, 3);
  EXPECT_EQ(with_score, 2);
  EXPECT_EQ(assumed, 4);
  EXPECT_EQ(truncated, 24);
  EXPECT_EQ(with_affiliation, 7);
}

TEST(ListingReaderShared, TheInstitutionSample) {
  QUIRE_SHARED_FILE(path, "seeds/001_a8748da0e39efcb1.txt");
  const auto result = read_as(path, InputFormat::automatic);
  EXPECT_EQ(result.format, InputFormat::listing);
  ASSERT_EQ(result.papers.size(), 10u);
  EXPECT_TRUE(result.errors.empty()) << issues_text(result.errors);
  for (const Paper& paper : result.papers) {
    EXPECT_EQ(extra(paper, "title_derived"), "true");
    EXPECT_EQ(extra(paper, "listing"), "MPI-IS");
    EXPECT_EQ(paper.abstract.substr(0, 9) == "Abstract:", false);
  }
  EXPECT_EQ(result.papers[0].title,
            "Mixture-of-experts (MoE) models enable scalable transformer architectures by "
            "activating only a subset of experts per token");
}

}  // namespace
}  // namespace quire
