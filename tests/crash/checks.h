// Checks shared by the durability and concurrency tests: a paper read back
// compared with the one added, and Xapian's consistency check of a folder.
#ifndef QUIRE_TESTS_CRASH_CHECKS_H
#define QUIRE_TESTS_CRASH_CHECKS_H

#include <sys/wait.h>

#include <cstdio>
#include <string>

#include "quire/paper.h"

namespace quire::testing {

// The first field in which `stored` differs from `expected`, or "" when the
// two are equal in every field.
inline std::string paper_difference(const Paper& expected, const Paper& stored) {
  if (stored.id != expected.id) return "id";
  if (stored.title != expected.title) return "title";
  if (stored.abstract != expected.abstract) return "abstract";
  if (stored.authors != expected.authors) return "authors";
  if (stored.categories != expected.categories) return "categories";
  if (stored.date != expected.date) return "date";
  if (stored.venue != expected.venue) return "venue";
  if (stored.extra != expected.extra) return "extra";
  return "";
}

// Runs xapian-check (from xapian-tools) over every table of the index in
// `dir`; returns "" when it finds no error, else its report. A separate,
// uninstrumented program on purpose: Xapian::Database::check() in Xapian
// 1.4.22 deletes an object through a base of another size, which
// AddressSanitizer rightly reports but which is no fault of the index.
inline std::string xapian_check(const std::string& dir) {
  std::string command = "xapian-check '" + dir + "' 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return "cannot run xapian-check";
  std::string report;
  char buffer[4096];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) report.append(buffer, n);
  int status = pclose(pipe);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
    return "xapian-check not found; install xapian-tools (scripts/install-deps does)";
  if (status != 0 || report.find("No errors found") == std::string::npos)
    return "xapian-check found errors in " + dir + ":\n" + report;
  return "";
}

}  // namespace quire::testing

#endif  // QUIRE_TESTS_CRASH_CHECKS_H
