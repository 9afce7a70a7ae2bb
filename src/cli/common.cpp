// Shared plumbing of the edurules command-line tool.
#include "common.hpp"

#include <unistd.h>

#include <chrono>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>

#include "edurules/io/csv.hpp"
#include "edurules/io/file.hpp"
#include "edurules/io/pe_json.hpp"

namespace edurules::cli {

options parse_options(int argc, char** argv, int first, const std::vector<std::string>& flag_names) {
    options o;
    for (int i = first; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&](const std::string& name) -> std::string {
            auto eq = a.find('=');
            if (eq != std::string::npos) return a.substr(eq + 1);
            if (i + 1 >= argc) throw usage_error(name + " needs a value");
            return argv[++i];
        };
        auto is = [&](const char* name) { return a == name || a.rfind(std::string(name) + "=", 0) == 0; };
        if (a.size() < 2 || a[0] != '-' || a == "-") {
            o.positional.push_back(a);
        } else if (is("--date")) {
            o.date = value("--date");
        } else if (is("--format")) {
            const std::string f = value("--format");
            if (f == "table")
                o.fmt = format::table;
            else if (f == "json")
                o.fmt = format::json;
            else if (f == "csv")
                o.fmt = format::csv;
            else
                throw usage_error("--format must be table, json or csv, not '" + f + "'");
        } else if (is("--rulebook")) {
            o.rulebooks.push_back(value("--rulebook"));
        } else if (is("--set")) {
            o.sets.push_back(value("--set"));
        } else if (is("--output") || a == "-o") {
            o.output = value("--output");
        } else if (is("--max-input-bytes")) {
            std::uint64_t limit = 0;
            const std::string v = value("--max-input-bytes");
            if (!io::parse_size(v, limit))
                throw usage_error(
                    "--max-input-bytes takes a positive number of bytes (K, M or G suffix allowed), not '" + v + "'");
            io::set_max_input_bytes(limit);
        } else if (a == "--explain") {
            o.explain = true;
        } else if (a == "--quiet" || a == "-q") {
            o.quiet = true;
        } else if (a.rfind("--", 0) == 0) {
            const std::string name = a.substr(0, a.find('='));
            bool is_flag = false;
            for (const auto& f : flag_names) is_flag = is_flag || f == name;
            if (is_flag)
                o.flags.push_back(name);
            else
                o.extra[name.substr(2)] = value(name);
        } else {
            throw usage_error("unknown option '" + a + "'");
        }
    }
    return o;
}

std::shared_ptr<const engine> make_engine(const options& o) {
    std::shared_ptr<const rulebook> rb = rulebook::builtin();
    for (const auto& f : o.rulebooks) {
        const rulebook top = rulebook::from_json(read_file(f), f);
        rb = std::make_shared<const rulebook>(rulebook::overlaid(*rb, top));
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

std::string read_stdin() {
    const std::uint64_t limit = io::max_input_bytes();
    std::string text;
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

output::output(const options& o) {
    if (o.output && *o.output != "-") {
        name_ = *o.output;
        auto f = std::make_unique<std::ofstream>(*o.output, std::ios::binary);
        if (!*f) throw error(errc::io, *o.output, "cannot open file for writing");
        file_ = std::move(f);
    }
}
output::~output() = default;
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
}

void check_stdout() {
    std::cout.flush();
    if (!std::cout) throw error(errc::io, "standard output", "write failed (disk full, device error or closed pipe)");
}

int report_error(std::ostream& err, const std::exception& e) {
    if (const auto* u = dynamic_cast<const usage_error*>(&e)) {
        err << "edurules: " << u->what() << "\n(see 'edurules --help')\n";
        return exit_usage;
    }
    if (const auto* x = dynamic_cast<const error*>(&e)) {
        err << "edurules: " << to_string(x->code()) << " error: " << x->what();
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
    err << "edurules: internal error: " << e.what() << "\n";
    return exit_internal;
}

void print_table(std::ostream& out, const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> w(header.size());
    auto width = [](const std::string& s) {  // count UTF-8 code points, not bytes
        std::size_t n = 0;
        for (unsigned char c : s) n += (c & 0xC0) != 0x80;
        return n;
    };
    for (std::size_t i = 0; i < header.size(); ++i) w[i] = width(header[i]);
    for (const auto& r : rows)
        for (std::size_t i = 0; i < r.size() && i < w.size(); ++i) w[i] = std::max(w[i], width(r[i]));
    auto line = [&](const std::vector<std::string>& r) {
        for (std::size_t i = 0; i < w.size(); ++i) {
            const std::string& s = i < r.size() ? r[i] : std::string();
            out << s;
            if (i + 1 < w.size()) out << std::string(w[i] - width(s) + 2, ' ');
        }
        out << "\n";
    };
    line(header);
    std::vector<std::string> rule;
    for (auto x : w) rule.push_back(std::string(x, '-'));
    line(rule);
    for (const auto& r : rows) line(r);
}

std::string csv_field(const std::string& s) { return io::csv_cell(s); }

void print_csv(std::ostream& out, const std::vector<std::string>& header,
               const std::vector<std::vector<std::string>>& rows) {
    io::write_csv_row(out, header);
    for (const auto& r : rows) io::write_csv_row(out, r);
}

bool stderr_is_tty() { return ::isatty(2) == 1; }

}  // namespace edurules::cli
