// The PE JSON and CSV formats (schemas/pe.*.schema.json, docs in README):
// decoding dossiers and bulk uploads, encoding statuses and bookings.
// Inputs are decoded once into plain C++ values; errors name the record and
// field, e.g. `participants[3].diploma_date: not a date: "2023-02-30"`.
#pragma once

#include <string>
#include <string_view>

#include "edurules/engine.hpp"
#include "edurules/io/csv.hpp"  // csv_quote, csv_cell (kept reachable from here)
#include "edurules/pe/dossier.hpp"

namespace edurules::io {

/// Version of the dossier document (field "schema_version").
inline constexpr int dossier_schema_version = 1;

/// Decodes a dossier document. Throws edurules::error (errc::parse for
/// malformed JSON with its byte offset, errc::invalid_input naming the field).
pe::dossier parse_dossier(std::string_view json_text);

/// Reads a provider's bulk upload: CSV (comma or semicolon separated, optional
/// UTF-8 BOM, optional header row, RFC 4180 quotes, CRLF or LF) with columns
/// seu_number, activity_id, completion_date (YYYY-MM-DD; DD-MM-YYYY as
/// spreadsheets in the Netherlands write it is accepted too). Unreadable rows
/// are returned as such, with the field and the problem: none is dropped (a
/// line with extra non-empty cells is one, field "row"). Throws when the file
/// as a whole is unusable: not UTF-8 or an unterminated quote (errc::parse,
/// naming the line where the quote opens), a header with an unknown, repeated
/// or missing column name (errc::invalid_input, listing the accepted names),
/// or no rows at all (errc::invalid_input).
std::vector<pe::upload_row> parse_upload_csv(std::string_view csv_text);

/// JSON of a dossier evaluation (the "result" of a pe.status request).
std::string dossier_report_json(const engine& e, const pe::dossier& d, const pe::dossier_report& r, bool explain);
/// JSON of an upload booking (the "result" of a pe.book request).
std::string upload_report_json(const engine& e, const std::vector<pe::upload_row>& rows, const pe::upload_report& r,
                               bool explain);
/// One participant's status as one line of compact JSON (the objects of the
/// pe.status result's "participants"), for streaming (`status --format ndjson`).
std::string status_line_json(const engine& e, const pe::participant& who, const pe::status& s, bool explain);
/// One upload row's booking as one line of compact JSON (the objects of the
/// pe.book result's "rows"), for streaming (`book --format ndjson`).
std::string booking_line_json(const engine& e, const pe::upload_row& row, const pe::booking& b, bool explain);
/// One completion of a pe.status result, as one line: the pe.book row object
/// of that completion with its "index" in the dossier in place of "line".
std::string completion_line_json(const engine& e, const pe::completion& c, std::size_t index, const pe::booking& b,
                                 bool explain);

}  // namespace edurules::io
