// Shared plumbing of the edurules command-line tool: the options every command
// takes (declared on CLI11 subcommands), loading the engine, reading inputs
// ("-" is standard input), the output contract (JSON envelope, NDJSON lines,
// CSV through io/csv.hpp, tables within 80 columns), exit codes, errors.
#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "edurules/engine.hpp"

namespace edurules::cli {

/// Exit codes (documented in README and `edurules --help`).
enum exit_code : int {
    exit_ok = 0,            ///< done; every row decided (or, for `book`, every row booked)
    exit_rejected = 1,      ///< done, but some rows were rejected (each reported with its reason)
    exit_usage = 2,         ///< bad command line
    exit_bad_input = 3,     ///< input file malformed or invalid (message names file, line and field)
    exit_bad_rulebook = 4,  ///< rulebook file or --set value refused
    exit_io = 5,            ///< a file could not be read or written
    exit_internal = 70,     ///< a bug
};

enum class format { table, json, csv, ndjson, html };
/// A set of formats: the bit of each (option_use).
constexpr unsigned fmt_bit(format f) { return 1u << static_cast<unsigned>(f); }

/// What a command does with the shared options it declares: the options, the
/// --format choices and the formats whose output --explain and --wide change.
/// An option given where it would change nothing is refused (exit 2,
/// refuse_idle_options) rather than ignored.
struct option_use {
    unsigned which = 0;                         ///< the shared options declared and honoured (common_opt)
    std::vector<std::string> formats;           ///< --format choices, the first the default
    unsigned explain_in = 0;                    ///< formats whose output --explain changes (fmt_bit)
    unsigned wide_in = fmt_bit(format::table);  ///< formats whose output --wide changes: the table
    bool document_explain = false;              ///< the input document may say "explain" (--no-explain declared)
};

/// Options shared by the commands (each command declares the ones it takes).
struct options {
    std::optional<std::string> date;     ///< --date YYYY-MM-DD (default: today)
    format fmt = format::table;          ///< --format
    std::vector<std::string> rulebooks;  ///< --rulebook FILE (repeatable, overlaid in order)
    std::vector<std::string> sets;       ///< --set name=value[@from] (repeatable)
    bool explain = false;                ///< --explain: include the reasons in the output
    bool no_explain = false;             ///< --no-explain: leave them out, whatever the document says
    std::optional<std::string> output;   ///< --output FILE (default, or "-": stdout)
    bool quiet = false;                  ///< --quiet: no progress on the terminal
    bool wide = false;                   ///< --wide: every table column, however wide
    bool format_given = false;           ///< --format was on the command line
    option_use use;                      ///< what the command does with these options (add_common)
};

struct usage_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// Which shared options a command declares (add_common).
enum common_opt : unsigned {
    opt_date = 1,
    opt_rules = 2,  ///< --rulebook and --set
    opt_format = 4,
    opt_explain = 8,
    opt_output = 16,
    opt_quiet = 32,
    opt_wide = 64,
    opt_all = 127,
};
/// Declares the shared options `use.which` on `cmd`, bound to `o` (which
/// keeps `use` for refuse_idle_options); `use.formats` lists the --format
/// choices (the first is the default). --max-input-bytes and --color are
/// declared on every command.
void add_common(CLI::App& cmd, options& o, option_use use);

/// Refuses (usage_error, exit 2) a shared option given where it changes
/// nothing: one `use` does not honour ("--date has no effect on rulebook
/// export: WHY"), --explain or --wide with a format whose output they leave
/// as it is ("--explain has no effect with --format csv: use --format json or
/// table"). main calls it with each command's own use once the command line is
/// parsed; a command whose use depends on its arguments (rulebook's action)
/// calls it again with the narrower one.
void refuse_idle_options(const options& o, const option_use& use, std::string_view what = {},
                         std::string_view why = {});

/// A subcommand and what runs it once the command line is parsed.
struct command {
    CLI::App* app;
    std::function<int()> run;
    const options* opts = nullptr;  ///< its shared options, checked by refuse_idle_options before run
};
/// One function per subcommand declares it on the root app (cmd_*.cpp).
command add_status(CLI::App& root);    // cmd_pe.cpp
command add_book(CLI::App& root);      // cmd_pe.cpp
command add_leave(CLI::App& root);     // cmd_leave.cpp
command add_insight(CLI::App& root);   // cmd_insight.cpp
command add_account(CLI::App& root);   // cmd_account.cpp
command add_request(CLI::App& root);   // main.cpp
command add_rulebook(CLI::App& root);  // main.cpp
/// A new subcommand (common settings: help per subcommand, last value wins,
/// unknown options collected for a "did you mean" refusal).
CLI::App* new_command(CLI::App& root, const std::string& name, const std::string& description);

/// The engine for these options: built-in rulebook, overlaid with each
/// --rulebook file, then each --set. Throws edurules::error. `inputs` are
/// the command's file arguments: standard input ("-") may be named once
/// among them and the --rulebook files, or the command is refused before
/// anything is read (a usage error, not a rulebook made of the document).
std::shared_ptr<const engine> make_engine(const options& o, std::initializer_list<std::string_view> inputs = {});

/// True when `a` and `b` name the same regular file: the same device and
/// inode when both exist (a symbolic or hard link to it, another spelling of
/// its path), otherwise the same path once the links of its existing part are
/// followed (a file that neither command has created yet).
bool same_file(const std::string& a, const std::string& b);

/// Refuses --output naming one of the command's input files (its file
/// arguments or a --rulebook file): the answer would replace the input it was
/// read from. A usage error (exit 2), before anything is written. make_engine
/// calls it with the command's inputs.
void refuse_output_as_input(const options& o, std::initializer_list<std::string_view> inputs);

/// A rulebook file's text read (rulebook::from_json, `name` its origin): a
/// JSON syntax error is a bad rulebook (errc::rulebook, exit 4, as every
/// other refusal of a rulebook file), not bad input. --rulebook and
/// `rulebook validate` both read through it.
rulebook rulebook_file(std::string_view text, const std::string& name);

/// Whether the output explains itself, for a command reading a request
/// document (leave, account): --explain or --no-explain when given (the
/// caller's choice wins), else the document's own "explain" member when it has
/// one (`document`), else no. Both options given: a usage error.
bool explain_of(const options& o, std::optional<bool> document);

/// The evaluation date: --date, or today's local date.
date eval_date(const options& o);

/// An input as read: its name for messages ("standard input" for "-").
struct input {
    std::string name;
    std::string text;
};
/// Reads an input file argument within the input limit (--max-input-bytes,
/// EDURULES_MAX_INPUT_BYTES); "-" reads standard input (once per run).
/// Throws edurules::error with errc::io naming the path for a directory,
/// FIFO, device, oversized or unreadable file.
input read_input(const std::string& path);
/// Reads a whole regular file (never standard input).
std::string read_file(const std::string& path);

/// Runs parse(in.text); an edurules::error it throws is rethrown naming the
/// file, and the line and column when the error has a byte offset.
[[noreturn]] void rethrow_located(const error& e, const input& in);
template <class F>
auto parse_input(const input& in, F&& parse) -> decltype(parse(in.text)) {
    try {
        return parse(in.text);
    } catch (const error& e) {
        rethrow_located(e, in);
    }
}

/// Output stream for --output (or stdout); keeps a file open while in scope.
/// close() must end every successful command: it flushes and closes, and a
/// failed write (a full disk, /dev/full) is error(errc::io) naming the file.
class output {
public:
    explicit output(const options& o);
    ~output();
    std::ostream& stream();
    void close();
    /// Throws error(errc::io) naming the output when a write has failed, so a
    /// long streamed output stops at the first failed write.
    void check();
    /// True when the output is a terminal and colour is allowed (--color).
    bool color() const;

private:
    std::unique_ptr<std::ofstream> file_;
    std::string name_ = "standard output";
    /// A regular file is written under this name beside it and renamed to
    /// name_ by close(): a command that fails leaves no partial output (and an
    /// existing file as it was). Empty for devices and pipes (written in place).
    std::string staged_;
    /// Where the finished output goes: name_, or the file a symbolic link
    /// name_ points to (the link is kept, its target replaced).
    std::string target_;
    /// The permissions of the file replaced, given to the finished output
    /// (a new file keeps the process's default).
    std::optional<std::filesystem::perms> keep_perms_;
};

/// Flushes standard output; a failed write is error(errc::io, "standard output").
void check_stdout();

/// Maps an exception to a message on stderr and an exit code.
int report_error(std::ostream& err, const std::exception& e);

// ---- The output contract ----------------------------------------------------

/// Writes {"schema_version": 1, "kind": KIND, "result": RESULT} (RESULT is a
/// JSON text, indented by two or compact), ending with a newline.
void write_envelope(std::ostream& out, std::string_view kind, std::string_view result_json);
/// The envelope in two halves, for a result written piece by piece between
/// them: the head ends with `"result": `, the tail closes the envelope.
void write_envelope_head(std::ostream& out, std::string_view kind);
void write_envelope_tail(std::ostream& out);
/// Appends compact JSON (one line, as the *_line_json encoders write it) to
/// `out` indented by two as nlohmann's dump(2) lays it out, for a value
/// nested `depth` levels deep in a write_envelope document.
void append_indented(std::string& out, std::string_view compact_json, int depth);
/// One NDJSON line: the envelope on one line, `result_json` compact.
void write_envelope_line(std::ostream& out, std::string_view kind, std::string_view result_json);

/// A table column: its header, whether the default (narrow) table shows it,
/// and whether it is text that may be shortened first to fit (names, reasons).
struct column {
    std::string header;
    bool narrow = true;
    bool shrink = false;
};
/// Prints rows as an aligned text table. Without `wide`, only the narrow
/// columns, shortened (ending in "~") until a line fits 80 columns: the
/// widest `shrink` column first, then the widest of any. `bold` emphasises the header (a terminal with colour).
void print_table(std::ostream& out, const std::vector<column>& cols, const std::vector<std::vector<std::string>>& rows,
                 bool wide = true, bool bold = false);
void print_table(std::ostream& out, const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows);
/// The width the default table fits.
inline constexpr std::size_t table_width = 80;

void print_csv(std::ostream& out, const std::vector<std::string>& header,
               const std::vector<std::vector<std::string>>& rows);

/// Data as it may reach a terminal: every control character (C0 with tab, CR
/// and LF, DEL, C1 U+0080..U+009F), the line and paragraph separators and the
/// bidirectional formatting characters (they reorder what a terminal shows:
/// "Trojan Source") written as JSON writes them (ESC as \u001b; tab, CR and
/// LF as \t, \r and \n), a byte that is not UTF-8 as \xff; text without
/// them comes back unchanged. Every table cell and every piece of input data
/// in a text output goes through it, so a name cannot set the window title,
/// clear the screen or forge a row; an escape is plain ASCII, so columns stay
/// aligned. CSV and JSON outputs escape per their own formats instead.
std::string printable(std::string_view s);
/// The rules applied, one "- [rule] text" line each with the parameters used
/// ("name = value (confidence, source)") below, indented by `indent`.
void print_steps(std::ostream& out, const explanation& why, const std::string& indent);

/// True when stderr is a terminal (progress is shown only there).
bool stderr_is_tty();
/// Whether colour goes to file descriptor `fd` (--color auto|always|never,
/// NO_COLOR honoured by auto).
bool use_color(int fd);

}  // namespace edurules::cli
