// Shared plumbing of the edurules command-line tool: options every command
// takes, loading the engine, reading files, exit codes, error printing.
#pragma once

#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "edurules/engine.hpp"

namespace edurules::cli {

/// Exit codes (documented in README and `edurules --help`).
enum exit_code : int {
    exit_ok = 0,            ///< done; every row decided (or, for `book`, every row booked)
    exit_rejected = 1,      ///< done, but some rows were rejected (each reported with its reason)
    exit_usage = 2,         ///< bad command line
    exit_bad_input = 3,     ///< input file malformed or invalid (message names record and field)
    exit_bad_rulebook = 4,  ///< rulebook file or --set value refused
    exit_io = 5,            ///< a file could not be read or written
    exit_internal = 70,     ///< a bug
};

enum class format { table, json, csv };

/// Options shared by all commands, plus the command's own positional args
/// and unrecognised --name value pairs (for command-specific options).
struct options {
    std::vector<std::string> positional;
    std::optional<std::string> date;           ///< --date YYYY-MM-DD (default: today)
    format fmt = format::table;                ///< --format table|json|csv
    std::vector<std::string> rulebooks;        ///< --rulebook FILE (repeatable, overlaid in order)
    std::vector<std::string> sets;             ///< --set name=value[@from] (repeatable)
    bool explain = false;                      ///< --explain: include the reasons in the output
    std::optional<std::string> output;         ///< --output FILE (default: stdout)
    bool quiet = false;                        ///< --quiet: no progress on the terminal
    std::map<std::string, std::string> extra;  ///< other --name value options
    std::vector<std::string> flags;            ///< other --flag options without value (listed in `flag_names`)
};

/// Parses argv[first..] into options. `flag_names` lists command-specific
/// options that take no value. Throws usage_error.
struct usage_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};
options parse_options(int argc, char** argv, int first, const std::vector<std::string>& flag_names = {});

/// The engine for these options: built-in rulebook, overlaid with each
/// --rulebook file, then each --set. Throws edurules::error.
std::shared_ptr<const engine> make_engine(const options& o);

/// The evaluation date: --date, or today's local date.
date eval_date(const options& o);

/// Reads a whole regular file within the input limit (--max-input-bytes,
/// EDURULES_MAX_INPUT_BYTES; io::read_input_file). Throws edurules::error with
/// errc::io naming the path for a directory, FIFO, device, oversized or
/// unreadable file.
std::string read_file(const std::string& path);
/// Reads standard input within the same limit.
std::string read_stdin();

/// Output stream for --output (or stdout); keeps a file open while in scope.
/// close() must end every successful command: it flushes and closes, and a
/// failed write (a full disk, /dev/full) is error(errc::io) naming the file.
class output {
public:
    explicit output(const options& o);
    ~output();
    std::ostream& stream();
    void close();

private:
    std::unique_ptr<std::ofstream> file_;
    std::string name_ = "standard output";
};

/// Flushes standard output; a failed write is error(errc::io, "standard output").
void check_stdout();

/// Maps an exception to a message on stderr and an exit code.
int report_error(std::ostream& err, const std::exception& e);

/// Prints rows as an aligned text table.
void print_table(std::ostream& out, const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows);
/// One CSV field as written (io::csv_cell: formula-guarded, quoted per RFC 4180).
std::string csv_field(const std::string& s);
void print_csv(std::ostream& out, const std::vector<std::string>& header,
               const std::vector<std::vector<std::string>>& rows);

/// True when stderr is a terminal (progress is shown only there).
bool stderr_is_tty();

// The commands. Each returns an exit code; argv[first] is the first argument
// after the command name.
int cmd_status(int argc, char** argv, int first);    // cmd_pe.cpp
int cmd_book(int argc, char** argv, int first);      // cmd_pe.cpp
int cmd_leave(int argc, char** argv, int first);     // cmd_leave.cpp
int cmd_insight(int argc, char** argv, int first);   // cmd_insight.cpp
int cmd_account(int argc, char** argv, int first);   // cmd_account.cpp
int cmd_rulebook(int argc, char** argv, int first);  // main.cpp
int cmd_request(int argc, char** argv, int first);   // main.cpp

}  // namespace edurules::cli
