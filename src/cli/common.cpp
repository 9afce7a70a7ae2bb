// Shared plumbing of the edurules command-line tool.
#include "common.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "edurules/core/nearest.hpp"
#include "edurules/io/csv.hpp"
#include "edurules/io/file.hpp"
#include "edurules/io/pe_json.hpp"
#include "edurules/io/request.hpp"
#include "json_locate.hpp"

namespace edurules::cli {

namespace {
int color_mode = 0;  // --color: 0 auto, 1 always, 2 never
bool stdin_taken = false;

std::string choice_list(const std::vector<std::string>& v) {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) out += (i == 0 ? "" : i + 1 == v.size() ? " or " : ", ") + v[i];
    return out;
}

/// A validator for a closed list of words, naming them all and the nearest
/// (CLI11 puts the option's name in front).
CLI::Validator one_of(std::vector<std::string> choices) {
    return CLI::Validator(
        [choices](std::string& v) -> std::string {
            for (const auto& c : choices)
                if (c == v) return {};
            return "must be " + choice_list(choices) + ", not '" + v + "'" + did_you_mean(v, choices);
        },
        choice_list(choices));
}

format format_of(const std::string& f) {
    if (f == "json") return format::json;
    if (f == "csv") return format::csv;
    if (f == "ndjson") return format::ndjson;
    if (f == "html") return format::html;
    return format::table;
}
}  // namespace

CLI::App* new_command(CLI::App& root, const std::string& name, const std::string& description) {
    CLI::App* cmd = root.add_subcommand(name, description);
    cmd->set_help_flag("-h,--help", "show this command's options and exit");
    cmd->allow_extras();  // unknown options are refused by main with the nearest valid one
    cmd->option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    cmd->footer(
        "Exit codes: 0 done, 1 some rows rejected or access denied, 2 bad command line,\n"
        "3 bad input (file, line and field named), 4 bad rulebook, 5 file not readable/writable.");
    return cmd;
}

void add_common(CLI::App& cmd, options& o, option_use use) {
    o.use = std::move(use);
    const unsigned which = o.use.which;
    const std::vector<std::string>& formats = o.use.formats;
    if (which & opt_date)
        cmd.add_option("--date", o.date, "evaluation date (default: today)")->option_text("YYYY-MM-DD");
    if (which & opt_format) {
        cmd.add_option_function<std::string>(
               "--format",
               [&o](const std::string& f) {
                   o.fmt = format_of(f);
                   o.format_given = true;
               },
               "output format: " + choice_list(formats) + " (default " + formats.front() + ")")
            ->check(one_of(formats))
            ->option_text("F");
    }
    if (which & opt_explain) {
        cmd.add_flag("--explain", o.explain, "include the rules applied, values used and sources");
        if (o.use.document_explain)  // the document's "explain" decides unless one of these is given
            cmd.add_flag("--no-explain", o.no_explain, "leave the rules applied out, whatever the document says");
    }
    if (which & opt_output)
        cmd.add_option("-o,--output", o.output, "write there instead of standard output (- is standard output)")
            ->option_text("FILE");
    if (which & opt_wide) cmd.add_flag("--wide", o.wide, "table: every column (default: fits 80 columns)");
    if (which & opt_rules) {
        cmd.add_option("--rulebook", o.rulebooks, "overlay a rulebook file on the built-in one (repeatable)")
            ->option_text("FILE")
            ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
        cmd.add_option("--set", o.sets, "override one parameter, from date D if given (repeatable)")
            ->option_text("NAME=VALUE[@D]")
            ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    }
    if (which & opt_quiet) cmd.add_flag("-q,--quiet", o.quiet, "no progress display");
    cmd.add_option_function<std::string>(
           "--max-input-bytes",
           [](const std::string& v) {
               std::uint64_t limit = 0;
               if (!io::parse_size(v, limit))
                   throw usage_error(
                       "--max-input-bytes takes a positive number of bytes (K, M or G suffix allowed), not '" + v +
                       "'");
               io::set_max_input_bytes(limit);
           },
           "refuse inputs larger than N bytes (K, M, G; default 1G or EDURULES_MAX_INPUT_BYTES)")
        ->option_text("N");
    cmd.add_option_function<std::string>(
           "--color", [](const std::string& c) { color_mode = c == "always"  ? 1
                                                              : c == "never" ? 2
                                                                             : 0; },
           "colour: auto (a terminal, unless NO_COLOR is set), always or never")
        ->check(one_of({"auto", "always", "never"}))
        ->option_text("WHEN");
}

namespace {
const char* format_name(format f) {
    switch (f) {
        case format::table:
            return "table";
        case format::json:
            return "json";
        case format::csv:
            return "csv";
        case format::ndjson:
            return "ndjson";
        case format::html:
            return "html";
    }
    return "table";
}

/// The --format choices of `use` among `formats` (bits), in the command's order.
std::vector<std::string> formats_in(const option_use& use, unsigned formats) {
    std::vector<std::string> out;
    for (const auto& f : use.formats)
        if (formats & fmt_bit(format_of(f))) out.push_back(f);
    return out;
}
}  // namespace

void refuse_idle_options(const options& o, const option_use& use, std::string_view what, std::string_view why) {
    // The shared options given that `use` does not honour (the command's own
    // use declares only those it honours: CLI11 refuses the others as unknown).
    const std::pair<bool, std::pair<common_opt, const char*>> given[] = {
        {o.date.has_value(), {opt_date, "--date"}}, {!o.rulebooks.empty(), {opt_rules, "--rulebook"}},
        {!o.sets.empty(), {opt_rules, "--set"}},    {o.format_given, {opt_format, "--format"}},
        {o.explain, {opt_explain, "--explain"}},    {o.output.has_value(), {opt_output, "--output"}},
        {o.quiet, {opt_quiet, "--quiet"}},          {o.wide, {opt_wide, "--wide"}},
    };
    for (const auto& [is_given, opt] : given)
        if (is_given && !(use.which & opt.first))
            throw usage_error(std::string(opt.second) + " has no effect on " + std::string(what) +
                              (why.empty() ? std::string() : ": " + std::string(why)));
    const auto refuse_with_format = [&](bool is_given, const char* name, unsigned honoured, const char* does) {
        if (!is_given || (honoured & fmt_bit(o.fmt))) return;
        const std::vector<std::string> in = formats_in(use, honoured);
        throw usage_error(std::string(name) + " has no effect with --format " + format_name(o.fmt) + ": " + does +
                          (in.empty() ? std::string() : "; use --format " + choice_list(in)));
    };
    refuse_with_format(o.explain && (use.which & opt_explain), "--explain", use.explain_in,
                       "this output has no room for the rules applied");
    refuse_with_format(o.no_explain && (use.which & opt_explain), "--no-explain", use.explain_in,
                       "this output has no room for the rules applied");
    refuse_with_format(o.wide && (use.which & opt_wide), "--wide", use.wide_in, "it widens the table");
}

bool use_color(int fd) {
    if (color_mode != 0) return color_mode == 1;
    const char* no = std::getenv("NO_COLOR");
    if (no && *no) return false;
    return ::isatty(fd) == 1;
}

rulebook rulebook_file(std::string_view text, const std::string& name) {
    try {
        return rulebook::from_json(text, name);
    } catch (const error& e) {
        if (e.code() != errc::parse) throw;
        throw error(errc::rulebook, e.field(), e.message(), e.record(), e.offset());
    }
}

bool same_file(const std::string& a, const std::string& b) {
    struct stat sa {
    }, sb{};
    const bool ea = ::stat(a.c_str(), &sa) == 0, eb = ::stat(b.c_str(), &sb) == 0;
    if (ea && eb) return S_ISREG(sa.st_mode) && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    if (ea || eb) return false;
    // Neither exists yet: the files they would create. A link to a file not
    // yet there is followed by hand (weakly_canonical stops at it), and a
    // relative name is made absolute first (weakly_canonical keeps "x.log"
    // relative but resolves "./sub/../x.log"): both spellings then compare.
    const auto would_create = [](const std::string& name, std::error_code& ec) {
        namespace fs = std::filesystem;
        fs::path p = fs::absolute(name, ec);
        std::error_code absent;  // symlink_status sets it for a name that does not exist yet: not a failure
        for (int links = 0; !ec && links < 40 && fs::is_symlink(fs::symlink_status(p, absent)); ++links) {
            const fs::path to = fs::read_symlink(p, ec);
            p = to.is_absolute() ? to : p.parent_path() / to;
        }
        return ec ? fs::path() : fs::weakly_canonical(p, ec);
    };
    std::error_code eca, ecb;
    const auto ca = would_create(a, eca), cb = would_create(b, ecb);
    return !eca && !ecb && ca == cb;
}

void refuse_output_as_input(const options& o, std::initializer_list<std::string_view> inputs) {
    if (!o.output || *o.output == "-") return;
    const auto refuse = [&](std::string_view in) {
        if (in == "-" || !same_file(*o.output, std::string(in))) return;
        throw usage_error("--output '" + *o.output + "' is the input file '" + std::string(in) +
                          "': the answer would replace it; give another output file");
    };
    for (std::string_view in : inputs) refuse(in);
    for (const auto& f : o.rulebooks) refuse(f);
}

std::shared_ptr<const engine> make_engine(const options& o, std::initializer_list<std::string_view> inputs) {
    refuse_output_as_input(o, inputs);
    const auto is_stdin = [](std::string_view f) { return f == "-"; };
    if (std::count_if(o.rulebooks.begin(), o.rulebooks.end(), is_stdin) +
            std::count_if(inputs.begin(), inputs.end(), is_stdin) >
        1)
        throw usage_error("only one input can be - (standard input)");
    std::shared_ptr<const rulebook> rb = rulebook::builtin();
    for (const auto& f : o.rulebooks) {
        const input in = read_input(f);
        // overlaid inside parse_input: a refusal of the overlay names the file and line
        rb = std::make_shared<const rulebook>(
            parse_input(in, [&](const std::string& t) { return rulebook::overlaid(*rb, rulebook_file(t, in.name)); }));
    }
    for (const auto& s : o.sets) {
        const auto eq = s.find('=');
        if (eq == std::string::npos || eq == 0)
            throw usage_error("--set takes name=value[@YYYY-MM-DD], not '" + s + "'");
        std::string name = s.substr(0, eq), val = s.substr(eq + 1);
        std::optional<date> from;
        if (const auto at = val.rfind('@'); at != std::string::npos) {
            from = parse_iso_date(val.substr(at + 1));
            if (!from) throw usage_error("--set " + s + ": '" + val.substr(at + 1) + "' is not a date");
            val = val.substr(0, at);
        }
        rb = std::make_shared<const rulebook>(rulebook::with_value(*rb, name, val, from));
    }
    return std::make_shared<const engine>(rb);
}

bool explain_of(const options& o, std::optional<bool> document) {
    if (o.explain && o.no_explain) throw usage_error("--explain and --no-explain contradict each other: give one");
    if (o.explain || o.no_explain) return o.explain;
    return document.value_or(false);
}

date eval_date(const options& o) {
    if (o.date) {
        auto d = parse_iso_date(*o.date);
        if (!d) throw usage_error("--date: not a date (YYYY-MM-DD): '" + *o.date + "'");
        return *d;
    }
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    return date(static_cast<unsigned short>(tm.tm_year + 1900), static_cast<unsigned short>(tm.tm_mon + 1),
                static_cast<unsigned short>(tm.tm_mday));
}

std::string read_file(const std::string& path) { return io::read_input_file(path); }

namespace {
std::string read_stdin() {
    const std::uint64_t limit = io::max_input_bytes();
    std::string text;
    // a closed standard input reads as empty text (then "malformed JSON"): say what is wrong
    if (::fcntl(STDIN_FILENO, F_GETFD) == -1 && errno == EBADF)
        throw error(errc::io, "standard input", "not open (closed by the caller): there is nothing to read");
    // a directory read through the stream gives no bytes and no error: refused as a path naming one is
    struct stat st {};
    if (::fstat(STDIN_FILENO, &st) == 0 && S_ISDIR(st.st_mode))
        throw error(errc::io, "standard input", "is a directory, not a file or a pipe");
    char buf[65536];
    while (std::cin.read(buf, sizeof buf) || std::cin.gcount() > 0) {
        if (text.size() + static_cast<std::uint64_t>(std::cin.gcount()) > limit)
            throw error(errc::io, "standard input",
                        "more than the input limit of " + std::to_string(limit) +
                            " bytes (--max-input-bytes, EDURULES_MAX_INPUT_BYTES)");
        text.append(buf, static_cast<std::size_t>(std::cin.gcount()));
    }
    if (std::cin.bad()) throw error(errc::io, "standard input", "read failed");
    return text;
}
}  // namespace

input read_input(const std::string& path) {
    if (path != "-") return {path, read_file(path)};
    if (stdin_taken) throw usage_error("only one input can be - (standard input)");
    stdin_taken = true;
    return {"standard input", read_stdin()};
}

void rethrow_located(const error& e, const input& in) {
    std::string where = in.name;
    // a reader that names the document by the file's own name (the rulebook
    // reader: its origin) is not made to say the name twice
    std::string field = e.field();
    if (field == in.name)
        field.clear();
    else if (field.size() > in.name.size() && field.rfind(in.name, 0) == 0 && field[in.name.size()] == '.')
        field.erase(0, in.name.size() + 1);
    std::optional<std::size_t> at;
    if (e.offset() >= 0 && static_cast<std::size_t>(e.offset()) <= in.text.size())
        at = static_cast<std::size_t>(e.offset());
    else if (!field.empty())  // a well-formed document's bad field: find its line
        at = locate_json_path(in.text, field);
    if (at) {
        const std::size_t off = *at;
        std::size_t line = 1, line_start = 0;
        for (std::size_t i = 0; i < off; ++i)
            if (in.text[i] == '\n') ++line, line_start = i + 1;
        where += ":" + std::to_string(line) + ":" + std::to_string(off - line_start + 1);
    }
    throw error(e.code(), field.empty() ? where : where + ": " + field, e.message(), e.record(), e.offset());
}

output::output(const options& o) {
    if (o.output && *o.output != "-") {
        name_ = *o.output;
        if (name_.empty()) throw usage_error("--output needs a file name (or - for standard output), got ''");
        std::error_code ec;
        target_ = name_;
        if (std::filesystem::is_symlink(std::filesystem::symlink_status(name_, ec))) {
            // written through the link, as a shell's > writes: the link stays, its target gets the output
            const auto resolved = std::filesystem::weakly_canonical(name_, ec);
            if (!ec) target_ = resolved.string();
        }
        const auto st = std::filesystem::status(target_, ec);
        if (!std::filesystem::exists(st) || std::filesystem::is_regular_file(st))
            staged_ = target_ + ".edurules-" + std::to_string(::getpid()) + ".part";
        if (std::filesystem::is_regular_file(st)) {
            keep_perms_ = st.permissions();
            if (::access(target_.c_str(), W_OK) != 0)  // as a shell's > refuses it: not replaced behind the mode
                throw error(errc::io, name_, std::string("cannot open file for writing: ") + std::strerror(errno));
        }
        errno = 0;
        auto f = std::make_unique<std::ofstream>(staged_.empty() ? name_ : staged_, std::ios::binary);
        if (!*f) {
            const int why = errno;  // the open's own reason (a directory, no permission, no such directory)
            staged_.clear();
            throw error(
                errc::io, name_,
                std::string("cannot open file for writing") + (why != 0 ? ": " + std::string(std::strerror(why)) : ""));
        }
        file_ = std::move(f);
    }
}
output::~output() {
    if (staged_.empty()) return;  // closed, or written in place
    file_.reset();
    std::error_code ec;
    std::filesystem::remove(staged_, ec);  // the command failed: no partial output
}
std::ostream& output::stream() { return file_ ? *file_ : std::cout; }

void output::close() {
    if (!file_) {
        check_stdout();
        return;
    }
    file_->flush();
    const bool ok = static_cast<bool>(*file_);
    file_->close();
    if (!ok || file_->fail())
        throw error(errc::io, name_, "write failed (disk full or device error); the output is incomplete");
    if (staged_.empty()) return;
    std::error_code ec;
    if (keep_perms_) {  // the replaced file's mode, not the default of a new file
        std::filesystem::permissions(staged_, *keep_perms_, std::filesystem::perm_options::replace, ec);
        if (ec) throw error(errc::io, name_, "cannot give the output the replaced file's permissions: " + ec.message());
    }
    std::filesystem::rename(staged_, target_, ec);
    if (ec) throw error(errc::io, name_, "cannot replace the file with the finished output: " + ec.message());
    staged_.clear();
}

void output::check() {
    if (stream()) return;
    if (!file_) check_stdout();
    throw error(errc::io, name_, "write failed (disk full or device error); the output is incomplete");
}

void check_stdout() {
    std::cout.flush();
    if (!std::cout) throw error(errc::io, "standard output", "write failed (disk full, device error or closed pipe)");
}

bool output::color() const { return !file_ && use_color(1); }

int report_error(std::ostream& err, const std::exception& e) {
    const bool c = use_color(2);
    const std::string tag = c ? "\033[1;31medurules:\033[0m " : "edurules: ";
    if (const auto* u = dynamic_cast<const usage_error*>(&e)) {
        const std::string what = printable(u->what());
        err << tag << what << "\n";
        if (what.find("--help'") == std::string::npos) err << "(see 'edurules --help')\n";
        return exit_usage;
    }
    if (const auto* x = dynamic_cast<const error*>(&e)) {
        err << tag << to_string(x->code()) << " error: " << printable(x->what());
        if (x->offset() >= 0) err << " (at byte " << x->offset() << ")";
        err << "\n";
        switch (x->code()) {
            case errc::io:
                return exit_io;
            case errc::rulebook:
                return exit_bad_rulebook;
            case errc::parse:
            case errc::invalid_input:
            case errc::invalid_argument:
                return exit_bad_input;
            case errc::internal:
                return exit_internal;
        }
    }
    err << tag << "internal error: " << printable(e.what()) << "\n";
    return exit_internal;
}

void write_envelope_head(std::ostream& out, std::string_view kind) {
    out << "{\n  \"schema_version\": " << io::request_schema_version << ",\n  \"kind\": \"" << kind
        << "\",\n  \"result\": ";
}

void write_envelope_tail(std::ostream& out) { out << "\n}\n"; }

void write_envelope(std::ostream& out, std::string_view kind, std::string_view result_json) {
    write_envelope_head(out, kind);
    for (char ch : result_json) {  // nest the result's lines one level deeper
        out << ch;
        if (ch == '\n') out << "  ";
    }
    write_envelope_tail(out);
}

void append_indented(std::string& out, std::string_view j, int depth) {
    auto newline = [&](int d) {
        out += '\n';
        out.append(static_cast<std::size_t>(d) * 2, ' ');
    };
    bool in_string = false;
    for (std::size_t i = 0; i < j.size(); ++i) {
        const char c = j[i];
        out += c;
        if (in_string) {
            if (c == '\\' && i + 1 < j.size())
                out += j[++i];
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            if (i + 1 < j.size() && j[i + 1] == (c == '{' ? '}' : ']'))
                out += j[++i];  // empty: {} or []
            else
                newline(++depth);
        } else if (c == ',') {
            newline(depth);
        } else if (c == ':') {
            out += ' ';
        } else if (c == '}' || c == ']') {
            out.back() = '\n';
            out.append(static_cast<std::size_t>(--depth) * 2, ' ');
            out += c;
        }
    }
}

void write_envelope_line(std::ostream& out, std::string_view kind, std::string_view result_json) {
    out << "{\"schema_version\":" << io::request_schema_version << ",\"kind\":\"" << kind
        << "\",\"result\":" << result_json << "}\n";
}

namespace {
/// How many bytes the UTF-8 sequence at s[i] takes (1 for an ASCII byte), or 0
/// when it is not one (a stray continuation byte, a bad lead, cut short).
std::size_t utf8_length(std::string_view s, std::size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80                 ? 1
                          : c >= 0xC2 && c <= 0xDF ? 2
                          : c >= 0xE0 && c <= 0xEF ? 3
                          : c >= 0xF0 && c <= 0xF4 ? 4
                                                   : 0;
    if (n == 0 || i + n > s.size()) return 0;
    for (std::size_t k = 1; k < n; ++k)
        if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
    return n;
}

/// The code point of a valid UTF-8 sequence of `n` bytes at s[i].
char32_t code_point(std::string_view s, std::size_t i, std::size_t n) {
    static constexpr unsigned char lead_mask[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
    char32_t cp = static_cast<unsigned char>(s[i]) & lead_mask[n];
    for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    return cp;
}

/// A code point a terminal acts on or reorders by rather than shows.
bool is_control(char32_t cp) {
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C || cp == 0x200E || cp == 0x200F ||
           (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}
}  // namespace

std::string printable(std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    std::size_t done = 0;  // s[done, i) is copied unchanged when an escape is needed
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t n = utf8_length(s, i);
        const char32_t cp = n ? code_point(s, i, n) : 0;
        if (n && !is_control(cp)) {
            i += n;
            continue;
        }
        out.append(s.substr(done, i - done));
        if (n == 0) {  // not UTF-8: the byte's value
            const auto b = static_cast<unsigned char>(s[i]);
            out += {'\\', 'x', hex[b >> 4], hex[b & 15]};
        } else if (cp == '\n' || cp == '\r' || cp == '\t') {
            out += {'\\', cp == '\n' ? 'n' : cp == '\r' ? 'r' : 't'};
        } else {
            out += {'\\', 'u', hex[(cp >> 12) & 15], hex[(cp >> 8) & 15], hex[(cp >> 4) & 15], hex[cp & 15]};
        }
        i += n ? n : 1;
        done = i;
    }
    if (done == 0) return std::string(s);
    out.append(s.substr(done));
    return out;
}

void print_steps(std::ostream& out, const explanation& why, const std::string& indent) {
    for (const auto& st : why.steps()) {
        out << indent << "- [" << printable(st.rule) << "] " << printable(st.text()) << "\n";
        for (const auto& u : st.params) {
            if (!u.param || !u.version) continue;
            out << indent << "    " << printable(u.param->name) << " = " << printable(u.param->format(u.version->value))
                << " (" << to_code(u.version->conf) << ", " << printable(u.version->source_id) << ")\n";
        }
    }
}

namespace {
std::size_t text_width(const std::string& s) {  // UTF-8 code points, not bytes
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

/// `s` cut to `w` code points, the last one "~" when something was cut.
std::string cut(const std::string& s, std::size_t w) {
    if (text_width(s) <= w) return s;
    std::size_t n = 0, i = 0;
    for (; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
            if (n == w - 1) break;
            ++n;
        }
    }
    return s.substr(0, i) + "~";
}

/// Narrows the widest columns one step at a time until the line fits: the
/// shrinkable ones first (down to a minimum), then any.
void fit_widths(std::vector<std::size_t>& w, const std::vector<bool>& shrink, std::size_t limit) {
    constexpr std::size_t min_w = 6, gap = 2;
    auto total = [&] {
        std::size_t t = 0;
        for (auto x : w) t += x + gap;
        return t - gap;
    };
    for (const bool any : {false, true}) {
        while (!w.empty() && total() > limit) {
            std::size_t widest = w.size();
            for (std::size_t k = 0; k < w.size(); ++k)
                if ((any || shrink[k]) && w[k] > min_w && (widest == w.size() || w[k] > w[widest])) widest = k;
            if (widest == w.size()) break;
            --w[widest];
        }
    }
}
}  // namespace

void print_table(std::ostream& out, const std::vector<column>& cols, const std::vector<std::vector<std::string>>& rows,
                 bool wide, bool bold) {
    std::vector<std::size_t> keep;
    for (std::size_t i = 0; i < cols.size(); ++i)
        if (wide || cols[i].narrow) keep.push_back(i);
    std::vector<std::size_t> w(keep.size());
    std::vector<bool> shrink(keep.size());
    for (std::size_t k = 0; k < keep.size(); ++k) {
        w[k] = text_width(printable(cols[keep[k]].header));
        shrink[k] = cols[keep[k]].shrink;
    }
    for (const auto& r : rows)
        for (std::size_t k = 0; k < keep.size(); ++k)
            if (keep[k] < r.size()) w[k] = std::max(w[k], text_width(printable(r[keep[k]])));
    if (!wide) fit_widths(w, shrink, table_width);
    auto line = [&](auto cell, bool emphasis) {
        std::string text;
        for (std::size_t k = 0; k < keep.size(); ++k) {
            const std::string s = cut(printable(cell(keep[k])), w[k]);
            text += s;
            if (k + 1 < keep.size()) text += std::string(w[k] - text_width(s) + 2, ' ');
        }
        out << (emphasis ? "\033[1m" + text + "\033[0m" : text) << "\n";
    };
    line([&](std::size_t i) { return cols[i].header; }, bold);
    std::string rule;
    for (std::size_t k = 0; k < keep.size(); ++k) rule += std::string(w[k], '-') + (k + 1 < keep.size() ? "  " : "");
    out << rule << "\n";
    for (const auto& r : rows) line([&](std::size_t i) { return i < r.size() ? r[i] : std::string(); }, false);
}

void print_table(std::ostream& out, const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows) {
    std::vector<column> cols;
    for (const auto& h : header) cols.push_back({h, true, false});
    print_table(out, cols, rows, true, false);
}

void print_csv(std::ostream& out, const std::vector<std::string>& header,
               const std::vector<std::vector<std::string>>& rows) {
    io::write_csv_row(out, header);
    for (const auto& r : rows) io::write_csv_row(out, r);
}

bool stderr_is_tty() { return ::isatty(2) == 1; }

}  // namespace edurules::cli
