// What the subcommands of the quire tool share: how each one plugs into the
// command line, the exit codes, and the small text-formatting helpers.
#ifndef QUIRE_EXAMPLES_QUIRE_COMMON_H
#define QUIRE_EXAMPLES_QUIRE_COMMON_H

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace CLI {
class App;
class Validator;
}

namespace quire_cli {

// The exit codes scripts can rely on.
enum ExitCode : int {
  kExitSuccess = 0,
  kExitRuntimeError = 1,  // quire::Error or any other failure while running
  kExitUsageError = 2,    // the command line itself was wrong
};

// A subcommand: its parser, and what runs it once the command line has
// parsed (returning the exit code).
struct Command {
  CLI::App* parser = nullptr;
  std::function<int()> run;
};

// Each adds its subcommand, options bound and values validated, to `app`.
Command add_index_command(CLI::App& app);
Command add_search_command(CLI::App& app);
Command add_get_command(CLI::App& app);
Command add_delete_command(CLI::App& app);
Command add_stats_command(CLI::App& app);
Command add_eval_command(CLI::App& app);

// Accepts a whole number in decimal digits that is at least `minimum`.
// (CLI11's own range check would print its bounds as 300-digit doubles.)
CLI::Validator count_check(std::uint64_t minimum);

// Prints "quire: MESSAGE" on stderr, the one form every complaint takes.
void complain(std::string_view message);

// 1234567 -> "1,234,567".
std::string with_thousands(std::uint64_t number);

// 45600000 -> "45.6 MB".
std::string megabytes(std::uint64_t bytes);

std::string join(const std::vector<std::string>& parts, std::string_view separator);

// Prints one "label  value" line per pair that has a value, the values
// lined up two spaces after the longest label.
void print_labelled(const std::vector<std::pair<std::string, std::string>>& lines);

// Whether `fd` is a terminal a person is watching.
bool is_terminal(int fd);

}  // namespace quire_cli

#endif  // QUIRE_EXAMPLES_QUIRE_COMMON_H
