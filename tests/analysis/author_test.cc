#include <gtest/gtest.h>

#include <string>

#include "analysis/analyzer.h"

namespace quire::analysis {
namespace {

class AuthorTest : public ::testing::Test {
 protected:
  AuthorName parse(std::string_view name) { return parse_author(analyzer_, name); }
  Analyzer analyzer_;
};

TEST_F(AuthorTest, EveryWayOfWritingOneNameSharesTheInitialKey) {
  for (const char* name :
       {"Bernhard Schölkopf", "B. Schölkopf", "Schölkopf, Bernhard",
        "Schölkopf, B.", "Scholkopf B", "Bernhard Scholkopf", "B.Schölkopf",
        "Sch{\\\"o}lkopf, B.", "SCHÖLKOPF, Bernhard"}) {
    const AuthorName author = parse(name);
    EXPECT_EQ(author.surname, "scholkopf") << name;
    EXPECT_EQ(author.initials, "b") << name;
    EXPECT_EQ(author.initial_key, "scholkopf b") << name;
  }
}

TEST_F(AuthorTest, FullNamesShareTheFullKey) {
  for (const char* name : {"Bernhard Schölkopf", "Schölkopf, Bernhard",
                           "Bernhard Scholkopf", "  Bernhard   Schölkopf "}) {
    const AuthorName author = parse(name);
    EXPECT_EQ(author.given, "bernhard") << name;
    EXPECT_EQ(author.full_key, "bernhard scholkopf") << name;
  }
}

TEST_F(AuthorTest, InitialsOnlyLeaveTheFullKeyEmpty) {
  const AuthorName author = parse("Schölkopf, B.");
  EXPECT_EQ(author.given, "");
  EXPECT_EQ(author.full_key, "");
  EXPECT_EQ(author.full_key_alt, "");
}

TEST_F(AuthorTest, UmlautsGiveTransliteratedKeys) {
  const AuthorName full = parse("Bernhard Schölkopf");
  EXPECT_EQ(full.full_key_alt, "bernhard schoelkopf");
  EXPECT_EQ(full.initial_key_alt, "schoelkopf b");
  const AuthorName initials = parse("B. Schölkopf");
  EXPECT_EQ(initials.initial_key_alt, "schoelkopf b");
  EXPECT_EQ(initials.full_key_alt, "");
  const AuthorName plain = parse("Bernhard Scholkopf");
  EXPECT_EQ(plain.full_key_alt, "");
  EXPECT_EQ(plain.initial_key_alt, "");
  EXPECT_EQ(parse("Jürgen Schmidhuber").full_key_alt, "juergen schmidhuber");
}

TEST_F(AuthorTest, ParticlesBelongToTheSurname) {
  const AuthorName author = parse("Laurens van der Maaten");
  EXPECT_EQ(author.surname, "van der maaten");
  EXPECT_EQ(author.given, "laurens");
  EXPECT_EQ(author.full_key, "laurens van der maaten");
  EXPECT_EQ(author.initial_key, "van der maaten l");
  EXPECT_EQ(parse("van der Maaten, L.").initial_key, "van der maaten l");
  EXPECT_EQ(parse("L. van der Maaten").initial_key, "van der maaten l");
  EXPECT_EQ(parse("Ludwig von Mises").surname, "von mises");
  EXPECT_EQ(parse("Maria da Silva").surname, "da silva");
}

TEST_F(AuthorTest, CapitalisedParticleWordsAreGivenNames) {
  const AuthorName author = parse("Nguyen Van Minh");
  EXPECT_EQ(author.surname, "minh");
  EXPECT_EQ(author.given, "nguyen van");
  EXPECT_EQ(parse("Le Song").surname, "song");
}

TEST_F(AuthorTest, HyphenatedInitials) {
  const AuthorName author = parse("J.-P. Sartre");
  EXPECT_EQ(author.surname, "sartre");
  EXPECT_EQ(author.initials, "jp");
  EXPECT_EQ(author.given, "");
  EXPECT_EQ(author.initial_key, "sartre j");
  const AuthorName full = parse("Jean-Paul Sartre");
  EXPECT_EQ(full.initials, "jp");
  EXPECT_EQ(full.given, "jean paul");
  EXPECT_EQ(full.initial_key, "sartre j");
}

TEST_F(AuthorTest, SuffixesAreDropped) {
  for (const char* name : {"Martin Luther King Jr.", "King, Martin Luther, Jr.",
                           "Martin Luther King, Jr", "King Jr., Martin Luther"}) {
    const AuthorName author = parse(name);
    EXPECT_EQ(author.surname, "king") << name;
    EXPECT_EQ(author.given, "martin luther") << name;
    EXPECT_EQ(author.initials, "ml") << name;
    EXPECT_EQ(author.full_key, "martin luther king") << name;
    EXPECT_EQ(author.initial_key, "king m") << name;
  }
  EXPECT_EQ(parse("John Smith III").surname, "smith");
}

TEST_F(AuthorTest, MiddleInitialsStayInTheGivenNames) {
  const AuthorName author = parse("John F. Kennedy");
  EXPECT_EQ(author.surname, "kennedy");
  EXPECT_EQ(author.given, "john f");
  EXPECT_EQ(author.initials, "jf");
  EXPECT_EQ(author.initial_key, "kennedy j");
}

TEST_F(AuthorTest, SurnameThenBareInitials) {
  const AuthorName author = parse("Smith JP");
  EXPECT_EQ(author.surname, "smith");
  EXPECT_EQ(author.initials, "jp");
  EXPECT_EQ(author.initial_key, "smith j");
  // A capitalised surname is not mistaken for initials.
  EXPECT_EQ(parse("Wei ZHANG").surname, "zhang");
}

TEST_F(AuthorTest, SingleName) {
  const AuthorName author = parse("Plato");
  EXPECT_EQ(author.surname, "plato");
  EXPECT_EQ(author.given, "");
  EXPECT_EQ(author.initials, "");
  EXPECT_EQ(author.initial_key, "plato");
}

TEST_F(AuthorTest, ChineseNamesAreTakenAsWritten) {
  const AuthorName romanised = parse("Zhang Wei");
  EXPECT_EQ(romanised.surname, "wei");
  EXPECT_EQ(romanised.given, "zhang");
  EXPECT_EQ(romanised.full_key, "zhang wei");
  const AuthorName han = parse("张伟");
  EXPECT_EQ(han.surname, "张伟");
  EXPECT_EQ(han.initial_key, "张伟");
}

TEST_F(AuthorTest, NamesWithoutLettersHaveNoSurname) {
  for (const char* name : {"", "   ", "...", "123", ", ,"}) {
    const AuthorName author = parse(name);
    EXPECT_EQ(author.surname, "") << name;
    EXPECT_EQ(author.initial_key, "") << name;
    EXPECT_EQ(author.full_key, "") << name;
  }
}

TEST_F(AuthorTest, ApostrophesAndAccentsFold) {
  const AuthorName author = parse("Moreno D'Incà");
  EXPECT_EQ(author.surname, "dinca");
  EXPECT_EQ(author.full_key, "moreno dinca");
  EXPECT_EQ(parse("Paul Erd\\H{o}s").surname, "erdos");
}

TEST_F(AuthorTest, InvalidBytesDoNotBreakParsing) {
  const AuthorName author = parse("Bernhard\xFF Sch\xC3\xB6lkopf\xC3");
  EXPECT_EQ(author.surname, "scholkopf");
  EXPECT_EQ(author.given, "bernhard");
}

}  // namespace
}  // namespace quire::analysis
