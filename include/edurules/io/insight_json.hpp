// The employer insight formats (schemas/insight.*.schema.json): decoding an
// insight document (organisations, contacts, consents and the PE dossier), and
// encoding access decisions, audit records, the overview (JSON, CSV, a
// self-contained HTML page) and individual dossiers (JSON, CSV).
// Errors name the record and field, e.g. `consents[2].until: not a date`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "edurules/engine.hpp"
#include "edurules/insight/report.hpp"
#include "edurules/io/report_messages.hpp"

// Requests (schemas/insight.request.schema.json): an insight document with
// the PE dossier embedded as "dossier", plus "kind", "date", "contact" and
//   insight.access   "participant" | "participants" (optional; default: every
//                    participant who ever consented to the contact)
//                    -> {date, contact, overview: decision, dossiers: [decision], audit}
//   insight.overview -> {date, rulebook, contact, organisation, access: decision,
//                        rows: [row] (empty when denied), entries: [decision], audit}
//   insight.dossier  "participant" (optional, as above), "from", "to"
//                    -> {date, rulebook, contact, from, to,
//                        dossiers: [{access, participant, progress: row, activities, total_points}], audit}
// A decision: {action, contact, organisation, role, seu_number, date, allowed,
// reason, consent_id, consent_contact, message, explanation}; an audit record
// {when, who, organisation, action, whom, allowed, reason, consent_id, why}.
// Access decisions always carry their explanation; "explain": true adds the
// PE status explanations to the rows.
namespace edurules::io {

/// Version of the insight document (field "schema_version").
inline constexpr int insight_schema_version = 1;

/// An insight document:
///   {"schema_version": 1,
///    "organisations": [{"id", "name", "contacts": [{"id", "name", "role": "administrator"|"second_contact"|"contact",
///                                                   "kind": "person"|"department", "email"}]}],
///    "consents": [{"id", "seu_number", "contact", "from", "until"?, "revoked"?}],
///    "dossier": {PE dossier} | "dossier_file": "path relative to this document"}
/// A consent's "id" defaults to "consents[i]".
struct insight_document {
    insight::directory dir;
    std::optional<pe::dossier> dossier;  ///< embedded "dossier"
    std::string dossier_file;            ///< "dossier_file" as written ("" if embedded or absent)
};

/// Decodes an insight document (the dossier too, if embedded). Throws
/// edurules::error naming the field; the directory is checked as
/// insight::directory_index does.
insight_document parse_insight(std::string_view json_text);

/// Refuses (errc::invalid_input naming `consents[i].seu_number`) a consent by
/// an SEU number that is not in the PE dossier: a typo would otherwise hide a
/// participant from the employer's reports without a word.
void check_consents(const insight::directory& dir, const pe::dossier_index& idx);

/// Rows of the overview, or of the dossiers a contact may see (the allowed ones).
std::vector<insight::progress_row> progress_rows(const std::vector<insight::dossier_view>& views);

/// JSON of the overview (the "result" of an insight.overview request).
std::string overview_json(const engine& e, const insight::directory_index& dir, const insight::overview_report& r,
                          bool explain);
/// JSON of individual dossiers (the "result" of an insight.dossier request).
std::string dossiers_json(const engine& e, const insight::directory_index& dir, std::string_view contact_id, date on,
                          const std::vector<insight::dossier_view>& views, bool explain);

/// The overview columns as CSV (RFC 4180, CRLF, header row): seu_number,
/// name, period_start, period_end, points_earned, points_required,
/// points_short, renewal_submitted (true/false), status (code), status_label,
/// days_left. Text cells starting
/// with = + - @ get a leading apostrophe (spreadsheet formula guard).
std::string progress_csv(const std::vector<insight::progress_row>& rows);
/// The completed activities of the allowed dossiers as CSV: seu_number, name,
/// completed, activity_id, title, points, recognition_id.
std::string activities_csv(const std::vector<insight::dossier_view>& views);

/// What an employer report page is about.
enum class report_kind : std::uint8_t {
    overview = 0,  ///< an organisation's overview (administrator, second contact)
    dossier = 1,   ///< one individual dossier
    visible = 2,   ///< the dossiers that authorised a plain contact
};

struct report_page {
    report_kind kind = report_kind::overview;
    report_lang lang = report_lang::nl;            ///< Dutch unless English is asked for
    date on;                                       ///< the evaluation date (the rows' and the ranking's)
    std::string contact_id;                        ///< who is looking (named with role and organisation)
    std::string subject;                           ///< overview: the organisation's name; dossier: the participant
    std::optional<insight::access_reason> denied;  ///< set: the page says why it is not available
};

/// The employer report: a self-contained HTML page (inline CSS, no scripts,
/// no external resources) in `page.lang` (every label from the message
/// catalogue, io/report_messages.hpp; `<html lang>` set), with the counts per
/// category at the top (insight::attention) and a stacked bar of them, then
/// one row per participant ranked by urgency (insight::rank_by_urgency:
/// lapsed first, then who must act before a deadline by days left and points
/// short, then on track, then not registered), each with a progress bar
/// (points earned against required, shown once) and its category with the
/// facts in words ("3 dagen over, mag verlengen, geen verlengingsdossier").
/// Rows carry data-seu, data-category, data-rank, data-deadline-days and
/// data-points-short for machine reading. Views with activities (individual
/// dossiers) get their activity tables below. Print CSS included.
std::string progress_html(const engine& e, const insight::directory_index& dir, const report_page& page,
                          const std::vector<insight::progress_row>& rows,
                          const std::vector<insight::dossier_view>& details = {});

/// One audit record as a single JSON line (no newline): {"when", "who",
/// "organisation", "action", "whom", "allowed", "reason", "consent_id", "why"}.
std::string audit_json_line(const insight::audit_record& a);
/// The same line with "logged_at" (the wall-clock time it was logged), as the
/// CLI's audit file keeps it.
std::string audit_json_line(const insight::audit_record& a, std::string_view logged_at);

/// A short human label of a PE status ("registered, points short", ...).
std::string status_label(const pe::status& s);

}  // namespace edurules::io
