/* edurules.h: the C ABI of edurules (library edurules_c). Plain C: compiles alone as C89, C99 and C++. */
#ifndef EDURULES_EDURULES_H
#define EDURULES_EDURULES_H

/*
 * Conventions (they hold for every function below):
 *
 * - Everything public starts with edr_ / EDR_. Names read edr_noun_verb.
 * - A function that can fail returns int: EDR_OK (0) or a negative EDR_E_*
 *   code. Its output parameters come first. On failure an output handle is
 *   set to NULL and an output edr_buf to empty, so freeing it is harmless.
 * - Every such function first resets the calling thread's error record; on
 *   failure it fills it (edr_error_last): code, message naming the field,
 *   record index and byte offset where known.
 * - Text is UTF-8 and passed as (pointer, length in bytes). A length of
 *   EDR_NUL_TERMINATED means "up to the first NUL byte". Invalid UTF-8 is
 *   EDR_E_PARSE with the byte offset of the first bad byte; a NUL byte inside
 *   an explicit length is EDR_E_INVALID_ARGUMENT (the length is likely that of
 *   a buffer rather than of the text).
 * - Handles are opaque. What comes back through `T **out` or `edr_buf *out`
 *   belongs to the caller and is released with the matching edr_*_free or
 *   edr_buf_dispose, never with free(). Every release function accepts NULL.
 *   A returned `const char *` or `const edr_error *` is borrowed.
 * - An edr_engine is immutable once built: any number of threads may call
 *   edr_evaluate_json (and the batch functions) on one engine at once.
 * - Every group of codes is a typedef'd enum, edr_xxx (tag edr_xxx_e; the
 *   error codes keep their 0.1.0 tag, edr_code), with a static name
 *   function edr_xxx_name. Struct fields and function parameters keep their
 *   fixed-width integer or int types: an enum's size is up to the compiler,
 *   so an enum type never appears in a struct or a signature of this ABI.
 * - Stable and experimental: everything here is stable, under the rules
 *   below, except what sits between `#ifdef EDR_EXPERIMENTAL` and its
 *   `#endif`: entry points and types that may still change shape, be renamed
 *   or go away in a minor version. Today that is the leave facts batch
 *   (edr_leave_facts_batch, its structs, codes and their names). To use them,
 *   `#define EDR_EXPERIMENTAL` before including this header (as zstd's
 *   ZSTD_STATIC_LINKING_ONLY) and rebuild against each new version. The
 *   library exports them all the same; the ABI check (scripts/abi-check.sh)
 *   does not hold them to the rules below.
 * - Within one major version nothing is removed or re-signed; a changed
 *   function gets a new name (..._v2). Option structs carry a `version` field,
 *   are initialised with their _INIT macro and only ever grow at the end.
 */

#include <stddef.h>
#include <stdint.h>

/* The version of this header. The library reports its own with
 * edr_version_number() and edr_version_string(). These lines must equal
 * project(edurules VERSION ...) in CMakeLists.txt: CMake refuses to configure
 * otherwise, and ctest capi.version checks it again. */
#define EDR_VERSION_MAJOR 0
#define EDR_VERSION_MINOR 1
#define EDR_VERSION_PATCH 0
#define EDR_VERSION_NUMBER (EDR_VERSION_MAJOR * 10000 + EDR_VERSION_MINOR * 100 + EDR_VERSION_PATCH)
#define EDR_VERSION_STRING "0.1.0"

#if defined(_WIN32) || defined(__CYGWIN__)
#if defined(EDR_BUILDING_LIBRARY)
#define EDR_API __declspec(dllexport)
#elif defined(EDR_STATIC)
#define EDR_API
#else
#define EDR_API __declspec(dllimport)
#endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#define EDR_API __attribute__((visibility("default")))
#else
#define EDR_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* Errors                                                                   */
/* ------------------------------------------------------------------------ */

/** Result codes. The values are pinned and never reused. */
typedef enum edr_code {
    EDR_OK = 0,
    EDR_E_INVALID_ARGUMENT = -1, /**< the caller broke a precondition: NULL pointer, bad length, bad option */
    EDR_E_PARSE = -2,            /**< input is not well-formed: JSON syntax, invalid UTF-8 */
    EDR_E_INVALID_INPUT = -3,    /**< well-formed input with an invalid value (impossible date, unknown kind) */
    EDR_E_RULEBOOK = -4,         /**< the rulebook is malformed or lacks a parameter for a date */
    EDR_E_IO = -5, /**< a file could not be read, or is not a regular file within the input limit (the C ABI writes no
                      files: its outputs are caller-owned buffers) */
    EDR_E_INTERNAL = -6, /**< a bug in edurules: please report it */
    EDR_E_NOMEM = -7     /**< memory could not be allocated */
} edr_code;

/** Details of the last failure on the calling thread. */
typedef struct edr_error {
    int code;            /**< an edr_code; EDR_OK when the last call succeeded */
    const char *message; /**< "<field>: <what is wrong>", never NULL ("" when code is EDR_OK) */
    const char *field;   /**< path of the offending parameter or input field, e.g.
                              "request_json" or "participants[3].diploma_date"; never NULL, "" if unknown */
    int64_t record;      /**< 0-based index of the offending record or row, -1 if not applicable */
    int64_t offset;      /**< byte offset in the offending input text, -1 if unknown */
} edr_error;

/** The calling thread's error record; never NULL. Borrowed: valid until the
 *  thread's next edr_ call that can fail (or edr_error_clear). */
EDR_API const edr_error *edr_error_last(void);

/** Resets the calling thread's error record to EDR_OK. Owns nothing. */
EDR_API void edr_error_clear(void);

/** A static name for a code ("EDR_E_PARSE"), or "EDR_E_UNKNOWN". Borrowed,
 *  static storage: never freed. */
EDR_API const char *edr_error_name(int code);

/* ------------------------------------------------------------------------ */
/* Version                                                                  */
/* ------------------------------------------------------------------------ */

/** The library's EDR_VERSION_NUMBER (major*10000 + minor*100 + patch), to
 *  compare with the header's at run time. Owns nothing. */
EDR_API unsigned edr_version_number(void);

/** The library's version as "major.minor.patch". Borrowed, static storage. */
EDR_API const char *edr_version_string(void);

/* ------------------------------------------------------------------------ */
/* Buffers                                                                  */
/* ------------------------------------------------------------------------ */

/** Text handed to the caller: `ptr` holds `size` bytes plus a NUL byte. */
typedef struct edr_buf {
    char *ptr;       /**< NULL when empty */
    size_t size;     /**< bytes, excluding the terminating NUL */
    size_t reserved; /**< internal; leave alone */
} edr_buf;

#define EDR_BUF_INIT \
    { NULL, 0, 0 }

/** The function twin of EDR_BUF_INIT, for callers that cannot use C macros
 *  (FFI): sets *buf to an empty buffer without releasing what it held.
 *  EDR_E_INVALID_ARGUMENT naming "buf" if it is NULL. */
EDR_API int edr_buf_init(edr_buf *buf);

/** Releases the memory `buf` holds and resets it to EDR_BUF_INIT; `buf` itself
 *  stays the caller's. NULL and an empty buffer are no-ops. */
EDR_API void edr_buf_dispose(edr_buf *buf);

/** Length sentinel: the text runs to its first NUL byte. */
#define EDR_NUL_TERMINATED ((size_t)-1)

/* ------------------------------------------------------------------------ */
/* Rulebooks                                                                */
/* ------------------------------------------------------------------------ */

/** An immutable set of dated legal parameters. Opaque. */
typedef struct edr_rulebook edr_rulebook;

/** The default rulebook embedded in the library. The caller owns *out and
 *  releases it with edr_rulebook_free. */
EDR_API int edr_rulebook_builtin(edr_rulebook **out);

/** Parses a rulebook document (JSON text, schemas/rulebook.schema.json). The
 *  caller owns *out (edr_rulebook_free); `json` stays the caller's and may be
 *  freed on return. */
EDR_API int edr_rulebook_parse(edr_rulebook **out, const char *json, size_t len);

/** Reads and parses a rulebook file at `path` (NUL-terminated). The caller
 *  owns *out (edr_rulebook_free). EDR_E_IO naming "path" if the file cannot
 *  be read, is a directory, FIFO or device, or is larger than the input limit
 *  (EDURULES_MAX_INPUT_BYTES: bytes with an optional K, M or G suffix;
 *  default 1 GiB). */
EDR_API int edr_rulebook_load(edr_rulebook **out, const char *path);

/** A new rulebook: `base` with every parameter of `overlay` replacing the one
 *  of the same name over the dates the overlay's values span (from the
 *  earliest start to the latest end; the base's values stay in force outside
 *  it, as with edr_rulebook_with_value), new sources added. (Earlier builds
 *  replaced a parameter's values whole, which left the dates outside the
 *  overlay with no value.) A parameter `base` lacks is refused (EDR_E_RULEBOOK), except a joint
 *  committee's account.be.sector.<pc>.* agreement. The caller owns
 *  *out (edr_rulebook_free); `base` and `overlay` stay the caller's. */
EDR_API int edr_rulebook_overlay(edr_rulebook **out, const edr_rulebook *base, const edr_rulebook *overlay);

/** A new rulebook: `base` with parameter `name` set to `value` (text parsed by
 *  the parameter's type) from `from` to `to` (dates "YYYY-MM-DD", NULL for an
 *  open end). All strings NUL-terminated and borrowed for the call only. The
 *  caller owns *out (edr_rulebook_free). */
EDR_API int edr_rulebook_with_value(edr_rulebook **out, const edr_rulebook *base, const char *name, const char *value,
                                    const char *from, const char *to);

/** The rulebook as a JSON document. The caller owns *out (edr_buf_dispose). */
EDR_API int edr_rulebook_to_json(edr_buf *out, const edr_rulebook *rulebook);

/** Releases a rulebook. Engines built from it keep their own reference and
 *  stay valid. NULL is a no-op. */
EDR_API void edr_rulebook_free(edr_rulebook *rulebook);

/* ------------------------------------------------------------------------ */
/* Engines                                                                  */
/* ------------------------------------------------------------------------ */

/** The rules engine: immutable once built, safe to share across threads. */
typedef struct edr_engine edr_engine;

/** Builds an engine on `rulebook` (NULL: the built-in rulebook), checking
 *  every parameter the rules need (EDR_E_RULEBOOK naming a missing one). The
 *  caller owns *out (edr_engine_free); `rulebook` stays the caller's and may be
 *  freed at once: the engine keeps its own reference. */
EDR_API int edr_engine_new(edr_engine **out, const edr_rulebook *rulebook);

/** Builds an engine from rulebook JSON text in one call: `rulebook_json` NULL
 *  (with length 0) means the built-in rulebook; `overlay_json`, when not NULL,
 *  is overlaid on it. The caller owns *out (edr_engine_free); the texts stay
 *  the caller's. */
EDR_API int edr_engine_new_json(edr_engine **out, const char *rulebook_json, size_t rulebook_len,
                                const char *overlay_json, size_t overlay_len);

/** Releases an engine. No other thread may be using it. NULL is a no-op. */
EDR_API void edr_engine_free(edr_engine *engine);

/* ------------------------------------------------------------------------ */
/* JSON requests: every decision the engine makes                           */
/* ------------------------------------------------------------------------ */

/** Evaluates one JSON request document ({"schema_version": 1, "kind": ...})
 *  and writes the response document into *out. The kind selects the decision:
 *  "rulebook.describe", "pe.*" (status, booking, ...), "leave.*"
 *  (entitlement, regime, absence, ...), "insight.*" (see README.md,
 *  "JSON formats", and schemas/).
 *  `out` must be EDR_BUF_INIT or a buffer this library filled before (its old
 *  text is replaced; memory an earlier answer of this function left in it is
 *  written again when the new answer fits, so a caller reusing one buffer
 *  allocates only when an answer outgrows the earlier ones; on failure it is
 *  left empty). The caller owns the result (edr_buf_dispose);
 *  `request_json` stays the caller's. Safe to call concurrently on one engine.
 *  Each calling thread keeps the room of its last request (parser, lists of
 *  up to 1,024 records) for the next one, until the thread exits. */
EDR_API int edr_evaluate_json(edr_buf *out, const edr_engine *engine, const char *request_json, size_t request_len);

/* ------------------------------------------------------------------------ */
/* Batch: the hot paths over columns                                        */
/* ------------------------------------------------------------------------ */

/*
 * The same rules as the JSON path, run over columns (plain arrays of `rows`
 * values) into caller-supplied output arrays, with no allocation per row.
 * Each row gets exactly one result or one per-row rejection code, in input
 * order; a rejected row does not fail the call. The call itself fails
 * (EDR_E_INVALID_ARGUMENT naming e.g. "columns.region") only for a broken
 * precondition: a NULL required array, an unknown struct version, an
 * impossible length. On failure the outputs' contents are unspecified.
 *
 * The column, result and option structs are caller-allocated and
 * transparent: initialise them with their _INIT macro (which sets `version`),
 * then fill in the arrays. They only ever grow at the end; the version tells
 * the library how much of the struct the caller knows. Input arrays are
 * borrowed for the call only; output arrays stay the caller's.
 *
 * Each _INIT macro has a function twin for callers that cannot use C macros
 * (ctypes, cffi, bindgen, ...): edr_xxx_init(struct, version) writes what
 * the struct's _INIT macro writes for that struct version: `version` and
 * the defaults (NULL, 0, SIZE_MAX for end_row). Pass the version your layout of
 * the struct follows (EDR_XXX_VERSION of the header it was written against);
 * only that version's fields are written. EDR_E_INVALID_ARGUMENT naming the
 * struct if it is NULL, or "version" if it is 0 or newer than the library
 * knows (the struct is then left alone).
 */

/* ---- PE (SEU permanent education) status over columns ------------------ */

/** PE dates in columns are days since 1970-01-01 (numpy datetime64[D]);
 *  EDR_NO_DAY marks a missing date. Valid days: 1900-01-01..9999-12-31. */
#define EDR_NO_DAY INT32_MIN

/** Registration state on the evaluation date (column `state`). */
typedef enum edr_pe_state_e {
    EDR_PE_STATE_NOT_REGISTERED = 0, /**< never registered on that date (see `reason`) */
    EDR_PE_STATE_REGISTERED = 1,     /**< in a registration period */
    EDR_PE_STATE_LAPSED = 2,         /**< a period ended with too few points */
    EDR_PE_STATE_ENDED = 3,          /**< a period ended with enough points but was not renewed */
    EDR_PE_STATE_REJECTED = 255      /**< the row was rejected (see `status`) */
} edr_pe_state;

/** Why a participant is not registered (column `reason`). */
typedef enum edr_pe_reason_e {
    EDR_PE_REASON_NONE = 0,
    EDR_PE_REASON_NO_DIPLOMA = 1,
    EDR_PE_REASON_NOT_ACTIVATED = 2,
    EDR_PE_REASON_BEFORE_START = 3
} edr_pe_reason;

/** Per-row status of the PE batch (column `status`); values pinned.
 *  edr_pe_status_batch returns 0..4 only; edr_pe_status_batch_v2 any. */
typedef enum edr_pe_row_error_e {
    EDR_PE_ROW_OK = 0,                         /**< decided */
    EDR_PE_ROW_BAD_OFFSETS = 1,                /**< reserved: bad offsets refuse the call (EDR_E_INVALID_ARGUMENT) */
    EDR_PE_ROW_DATE_OUT_OF_RANGE = 2,          /**< a day outside 1900-01-01..9999-12-31 (or reached from one) */
    EDR_PE_ROW_NEGATIVE_POINTS = 3,            /**< a completion with negative points */
    EDR_PE_ROW_ACTIVATION_BEFORE_DIPLOMA = 4,  /**< activation_day before diploma_day */
    EDR_PE_ROW_ACTIVATION_WITHOUT_DIPLOMA = 5, /**< v2: an activation_day but no diploma_day */
    EDR_PE_ROW_DISPENSATION_DECIDED_BEFORE_REQUEST = 6, /**< v2: dispensation_decided before dispensation_requested */
    EDR_PE_ROW_DISPENSATION_GRANTED_UNDECIDED = 7,      /**< v2: granted without a dispensation_decided day */
    EDR_PE_ROW_BAD_FLAG = 8,                            /**< v2: dispensation_granted neither 0 nor 1 */
    EDR_PE_ROW_TOO_MANY_POINTS =
        9 /**< a completion with more than 1,000,000 points (100,000,000 hundredths), as the JSON path refuses */
} edr_pe_row_error;

/** Static names of the PE batch codes: edr_pe_state_name(EDR_PE_STATE_LAPSED)
 *  is "lapsed", edr_pe_reason_name(EDR_PE_REASON_NO_DIPLOMA) "no_diploma",
 *  edr_pe_row_error_name(EDR_PE_ROW_BAD_FLAG) "bad_flag" (the names the JSON
 *  path and the Python package use; EDR_PE_STATE_REJECTED is "rejected",
 *  EDR_PE_ROW_OK "none"). An unknown code gives NULL. Borrowed, static
 *  storage: never freed. Own nothing, cannot fail. */
EDR_API const char *edr_pe_state_name(int state);
EDR_API const char *edr_pe_reason_name(int reason);
EDR_API const char *edr_pe_row_error_name(int status);

/** Input columns of edr_pe_status_batch. Completions (points that count,
 *  already booked) of all rows lie back to back: those of row i are
 *  [completion_offsets[i], completion_offsets[i+1]). Renewal requests
 *  likewise, or none at all when renewal_offsets is NULL. Offsets start at
 *  0, never decrease and end at their column's count (completions,
 *  renewals), so every completion and renewal belongs to one row; other
 *  offsets refuse the call (EDR_E_INVALID_ARGUMENT, edr_error_last() naming
 *  e.g. columns.completion_offsets) whatever the row range. */
typedef struct edr_pe_status_columns {
    unsigned int version;              /**< EDR_PE_STATUS_COLUMNS_VERSION */
    size_t rows;                       /**< number of participants */
    const int32_t *diploma_day;        /**< [rows] EDR_NO_DAY = no diploma; required */
    const int32_t *activation_day;     /**< [rows] EDR_NO_DAY = not activated; NULL = none activated */
    const int64_t *completion_offsets; /**< [rows + 1]; required */
    size_t completions;                /**< length of completion_day and completion_points */
    const int32_t *completion_day;     /**< [completions]; may be NULL when completions is 0 */
    const int64_t *completion_points;  /**< [completions] hundredths of a point */
    const int64_t *renewal_offsets;    /**< [rows + 1], or NULL: no renewal requests. No limit per row
                                            (0.1.0 refused more than 64 with EDR_PE_ROW_BAD_OFFSETS) */
    size_t renewals;                   /**< length of renewal_day */
    const int32_t *renewal_day;        /**< [renewals] */
} edr_pe_status_columns;

#define EDR_PE_STATUS_COLUMNS_VERSION 1
#define EDR_PE_STATUS_COLUMNS_INIT \
    { EDR_PE_STATUS_COLUMNS_VERSION, 0, NULL, NULL, NULL, 0, NULL, NULL, NULL, 0, NULL }
EDR_API int edr_pe_status_columns_init(edr_pe_status_columns *columns, unsigned int version);

/** Output columns of edr_pe_status_batch, each [rows], all required. */
typedef struct edr_pe_status_results {
    unsigned int version;      /**< EDR_PE_STATUS_RESULTS_VERSION */
    uint8_t *state;            /**< EDR_PE_STATE_* */
    uint8_t *reason;           /**< EDR_PE_REASON_* */
    int32_t *period_first;     /**< first day of the current period, EDR_NO_DAY if none */
    int32_t *period_last;      /**< last day of the current period, EDR_NO_DAY if none */
    int64_t *earned;           /**< hundredths of a point earned in the period */
    int64_t *short_by;         /**< hundredths of a point still needed */
    int32_t *days_left;        /**< days to the period's last day (0 on it), -1 unless registered */
    uint8_t *renewal_possible; /**< 0 or 1 */
    int32_t *status;           /**< EDR_PE_ROW_* */
} edr_pe_status_results;

#define EDR_PE_STATUS_RESULTS_VERSION 1
#define EDR_PE_STATUS_RESULTS_INIT \
    { EDR_PE_STATUS_RESULTS_VERSION, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL }
EDR_API int edr_pe_status_results_init(edr_pe_status_results *results, unsigned int version);

/** Options of edr_pe_status_batch. [first_row, end_row) limits the rows
 *  computed (outputs of other rows are left alone), so threads can share one
 *  set of columns. */
typedef struct edr_pe_status_options {
    unsigned int version; /**< EDR_PE_STATUS_OPTIONS_VERSION */
    size_t first_row;     /**< default 0 */
    size_t end_row;       /**< default SIZE_MAX: to the last row */
} edr_pe_status_options;

#define EDR_PE_STATUS_OPTIONS_VERSION 1
#define EDR_PE_STATUS_OPTIONS_INIT \
    { EDR_PE_STATUS_OPTIONS_VERSION, 0, SIZE_MAX }
EDR_API int edr_pe_status_options_init(edr_pe_status_options *options, unsigned int version);

/** PE status of every participant on `at_day` (days since 1970-01-01).
 *  Writes `out`'s arrays and, if `rejected` is not NULL, the number of
 *  rejected rows. `options` may be NULL (all rows). Everything stays the
 *  caller's; nothing is allocated per row. Safe to call concurrently on one
 *  engine, also on disjoint row ranges of the same columns. Row codes are
 *  those of 0.1.0 (EDR_PE_ROW_OK .. EDR_PE_ROW_ACTIVATION_BEFORE_DIPLOMA): a
 *  completion above 1,000,000 points is EDR_PE_ROW_NEGATIVE_POINTS (points
 *  out of range) here, EDR_PE_ROW_TOO_MANY_POINTS in _v2. */
EDR_API int edr_pe_status_batch(const edr_pe_status_results *out, size_t *rejected, const edr_engine *engine,
                                int32_t at_day, const edr_pe_status_columns *columns,
                                const edr_pe_status_options *options);

/** Input columns of edr_pe_status_batch_v2: those of edr_pe_status_columns
 *  (same names, same meaning, same order) plus the dispensations
 *  (registration regulation art. 10.1), back to back like the completions:
 *  those of row i are [dispensation_offsets[i], dispensation_offsets[i+1]).
 *  Every date is a day since 1970-01-01, EDR_NO_DAY for none. */
typedef struct edr_pe_status_columns_v2 {
    unsigned int version;                  /**< EDR_PE_STATUS_COLUMNS_V2_VERSION */
    size_t rows;                           /**< number of participants */
    const int32_t *diploma_day;            /**< [rows] EDR_NO_DAY = no diploma; required */
    const int32_t *activation_day;         /**< [rows] EDR_NO_DAY = not activated; NULL = none activated */
    const int64_t *completion_offsets;     /**< [rows + 1]; required */
    size_t completions;                    /**< length of completion_day and completion_points */
    const int32_t *completion_day;         /**< [completions]; may be NULL when completions is 0 */
    const int64_t *completion_points;      /**< [completions] hundredths of a point */
    const int64_t *renewal_offsets;        /**< [rows + 1], or NULL: no renewal requests */
    size_t renewals;                       /**< length of renewal_day */
    const int32_t *renewal_day;            /**< [renewals] days the renewal was requested */
    const int64_t *dispensation_offsets;   /**< [rows + 1], or NULL: no dispensations */
    size_t dispensations;                  /**< length of the three dispensation_* columns */
    const int32_t *dispensation_requested; /**< [dispensations] day requested */
    const int32_t *dispensation_decided;   /**< [dispensations] day decided, EDR_NO_DAY = not decided yet */
    const uint8_t *dispensation_granted;   /**< [dispensations] 1 granted, 0 refused (or undecided) */
} edr_pe_status_columns_v2;

#define EDR_PE_STATUS_COLUMNS_V2_VERSION 1
#define EDR_PE_STATUS_COLUMNS_V2_INIT \
    { EDR_PE_STATUS_COLUMNS_V2_VERSION, 0, NULL, NULL, NULL, 0, NULL, NULL, NULL, 0, NULL, NULL, 0, NULL, NULL, NULL }
EDR_API int edr_pe_status_columns_v2_init(edr_pe_status_columns_v2 *columns, unsigned int version);

/** PE status of every participant on `at_day` (days since 1970-01-01), from
 *  columns that include dispensations: the same decision, field by field, as
 *  a "pe.status" JSON request on the same facts (status, period, points,
 *  short_by, days_left, renewal_possible). Contradictory facts the JSON path
 *  refuses are row rejections here (EDR_PE_ROW_ACTIVATION_WITHOUT_DIPLOMA,
 *  EDR_PE_ROW_DISPENSATION_*, EDR_PE_ROW_BAD_FLAG). Outputs, options,
 *  ownership and thread safety as edr_pe_status_batch. */
EDR_API int edr_pe_status_batch_v2(const edr_pe_status_results *out, size_t *rejected, const edr_engine *engine,
                                   int32_t at_day, const edr_pe_status_columns_v2 *columns,
                                   const edr_pe_status_options *options);

/* ---- Belgian paid educational leave: hours over columns ------------------ */

/** Region of the establishment unit (column `region`). */
typedef enum edr_leave_region_e {
    EDR_LEAVE_REGION_FLANDERS = 1,
    EDR_LEAVE_REGION_BRUSSELS = 2,
    EDR_LEAVE_REGION_WALLONIA = 3
} edr_leave_region;

/** Training type (column `training_type`). */
typedef enum edr_leave_training_type_e {
    EDR_LEAVE_TRAINING_PROFESSIONAL = 0,
    EDR_LEAVE_TRAINING_GENERAL = 1,
    EDR_LEAVE_TRAINING_PROFESSIONAL_GENERAL = 2,
    EDR_LEAVE_TRAINING_ACADEMIC = 3,
    EDR_LEAVE_TRAINING_LANGUAGE = 4,
    EDR_LEAVE_TRAINING_LANGUAGE_PROFESSIONAL = 5,
    EDR_LEAVE_TRAINING_EXAM_BOARD = 6,     /**< exam before a central examination board */
    EDR_LEAVE_TRAINING_COMPETENCE_EXAM = 7 /**< exam for recognition of acquired competences */
} edr_leave_training_type;

/** The regime that applied (column `regime`). */
typedef enum edr_leave_regime_e {
    EDR_LEAVE_REGIME_NONE = 0,
    EDR_LEAVE_REGIME_FLANDERS_BEV = 1,      /**< Flemish BEV (until 2021-12-31) */
    EDR_LEAVE_REGIME_VOV = 2,               /**< Vlaams opleidingsverlof */
    EDR_LEAVE_REGIME_BRUSSELS_BEV = 3,      /**< Brussels BEV before the 2023-2024 reform */
    EDR_LEAVE_REGIME_BRUSSELS_REFORMED = 4, /**< Brussels BEV from 2023-2024 */
    EDR_LEAVE_REGIME_WALLONIA_BEV = 5       /**< Walloon conge-education paye */
} edr_leave_regime;

/** Reason bits (column `reasons`, a uint32_t bit set): why a row gives no
 *  leave, or less. The enumerators are int constants (C enums are int); they
 *  were `1u << n` macros in 0.1.0 and combine with `reasons` the same way.
 *  edr_leave_reason_name takes the bit number n, not the mask. */
typedef enum edr_leave_reason_e {
    EDR_LEAVE_REASON_NOT_PRIVATE_SECTOR = 1 << 0,
    EDR_LEAVE_REASON_BEV_ENDED = 1 << 1,
    EDR_LEAVE_REASON_FRACTION_TOO_LOW = 1 << 2,
    EDR_LEAVE_REASON_HALFTIME_NEEDS_PROFESSIONAL_DURING_WORK = 1 << 3,
    EDR_LEAVE_REASON_TWP_BELOW_MINIMUM_AT_START = 1 << 4,
    EDR_LEAVE_REASON_TWP_BELOW_MINIMUM_REFERENCE = 1 << 5,
    EDR_LEAVE_REASON_WEEKLY_HOURS_BELOW_MINIMUM = 1 << 6,
    EDR_LEAVE_REASON_BELOW_MIN_CONTACT_HOURS = 1 << 7,
    EDR_LEAVE_REASON_BELOW_MIN_CREDITS = 1 << 8,
    EDR_LEAVE_REASON_MODULE_ALREADY_PASSED = 1 << 9,
    EDR_LEAVE_REASON_NOT_RECOGNISED = 1 << 10,
    EDR_LEAVE_REASON_FINAL_ASSESSMENT_MISSED = 1 << 11,
    EDR_LEAVE_REASON_CAREER_ATTEST_TOO_OLD = 1 << 12,
    EDR_LEAVE_REASON_SUSPENDED = 1 << 13,
    EDR_LEAVE_REASON_SUSPENSION_TRIGGERED = 1 << 14,
    EDR_LEAVE_REASON_NOT_DILIGENT = 1 << 15,
    EDR_LEAVE_REASON_NO_EMPLOYMENT = 1 << 16,
    EDR_LEAVE_REASON_VOV_SANCTION = 1 << 17,
    EDR_LEAVE_REASON_ONLY_COINCIDING_HOURS = 1 << 18,
    EDR_LEAVE_REASON_CAPPED = 1 << 19,
    EDR_LEAVE_REASON_NO_LESSONS_IN_YEAR = 1 << 20,
    EDR_LEAVE_REASON_NO_RATE_FOR_DATE = 1 << 21,
    EDR_LEAVE_REASON_NO_WAGE_CEILING_FOR_DATE = 1 << 22
} edr_leave_reason;

/** Number of reason bits (EDR_LEAVE_REASON_*): bits 0 .. EDR_LEAVE_REASON_BITS - 1. */
#define EDR_LEAVE_REASON_BITS 23

/** Per-row status of the leave batch (column `status`); values pinned.
 *  >= 0: decided; < 0: the row was rejected and granted_minutes is 0. */
typedef enum edr_leave_row_status_e {
    EDR_LEAVE_ROW_GRANTED = 0,        /**< a right (granted may still be 0) */
    EDR_LEAVE_ROW_NOT_ELIGIBLE = 1,   /**< no right; `reasons` says why */
    EDR_LEAVE_ROW_BAD_REGION = -1,    /**< region not 1..3 */
    EDR_LEAVE_ROW_BAD_MINUTES = -2,   /**< a negative duration, attended or unjustified above given */
    EDR_LEAVE_ROW_BAD_DATE = -3,      /**< training_start not yyyymmdd, or school_year out of range */
    EDR_LEAVE_ROW_BAD_CODE = -4,      /**< training_type or a 0/1 flag out of range */
    EDR_LEAVE_ROW_NO_RULE = -5,       /**< the rulebook has no value for the row's date */
    EDR_LEAVE_ROW_BAD_FULL_TIME = -6, /**< full_time_minutes <= 0 */
    EDR_LEAVE_ROW_BAD_OFFSETS = -7,   /**< v2: reserved (inconsistent offsets refuse the whole call) */
    EDR_LEAVE_ROW_BAD_FACTS = -8      /**< v2: the worker's facts contradict themselves (see `problem`) */
} edr_leave_row_status;

/** Input columns of edr_leave_hours_batch: a row is one worker's one
 *  training in one school year, with its own cap. Optional columns may be
 *  NULL (the stated default). Unlike PE columns, training_start is a date
 *  written yyyymmdd (20230901). See include/edurules/leave/batch.hpp for the
 *  simplifications of a row against the JSON path ("leave.*" requests). */
typedef struct edr_leave_columns {
    unsigned int version; /**< EDR_LEAVE_COLUMNS_VERSION */
    size_t rows;
    const uint8_t *region;              /**< EDR_LEAVE_REGION_*; required */
    const int32_t *school_year;         /**< start year (2023 = 2023-2024); required */
    const int32_t *training_start;      /**< yyyymmdd; required */
    const uint8_t *training_type;       /**< EDR_LEAVE_TRAINING_*; required */
    const int64_t *contract_minutes;    /**< contract minutes per week; required */
    const int64_t *full_time_minutes;   /**< full-time minutes per week (> 0); required */
    const int64_t *given_minutes;       /**< lesson minutes given; required */
    const int64_t *attended_minutes;    /**< lesson minutes attended that give leave (<= given); required */
    const int64_t *unjustified_minutes; /**< unjustified absence minutes; NULL = 0 */
    const int64_t *contact_minutes;     /**< contact minutes for the minimum; NULL = given_minutes */
    const uint8_t *coinciding;          /**< 1 if during working hours; NULL = 0 */
    const uint8_t *raised;              /**< 1 if a raised cap applies; NULL = 0 */
    const uint8_t *variable_schedule;   /**< 1 if on a variable schedule; NULL = 0 (fixed) */
    const uint8_t *lesson_periods;      /**< 1 if counted in 50-minute lesson periods; NULL = 0 */
} edr_leave_columns;

#define EDR_LEAVE_COLUMNS_VERSION 1
#define EDR_LEAVE_COLUMNS_INIT \
    { EDR_LEAVE_COLUMNS_VERSION, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL }
EDR_API int edr_leave_columns_init(edr_leave_columns *columns, unsigned int version);

/** Output columns of edr_leave_hours_batch, each [rows]. */
typedef struct edr_leave_results {
    unsigned int version;     /**< EDR_LEAVE_RESULTS_VERSION */
    int64_t *granted_minutes; /**< leave granted, pro-rated and rounded once; required */
    int32_t *status;          /**< EDR_LEAVE_ROW_*; required */
    uint32_t *reasons;        /**< EDR_LEAVE_REASON_* bits; NULL = not wanted */
    uint8_t *regime;          /**< EDR_LEAVE_REGIME_*; NULL = not wanted */
} edr_leave_results;

#define EDR_LEAVE_RESULTS_VERSION 1
#define EDR_LEAVE_RESULTS_INIT \
    { EDR_LEAVE_RESULTS_VERSION, NULL, NULL, NULL, NULL }
EDR_API int edr_leave_results_init(edr_leave_results *results, unsigned int version);

/** Leave hours for every row of `columns`, written to `out`'s arrays.
 *  Everything stays the caller's; nothing is allocated per row. Safe to call
 *  concurrently on one engine. */
EDR_API int edr_leave_hours_batch(const edr_leave_results *out, const edr_engine *engine,
                                  const edr_leave_columns *columns);

/* ---- Names of the leave batch codes (static storage, never freed) -------- */

/** "none", "vov", ... for an EDR_LEAVE_REGIME_* code; "unknown" otherwise. */
EDR_API const char *edr_leave_regime_name(int regime);

/** The code of reason bit `bit` (0 .. EDR_LEAVE_REASON_BITS - 1), e.g.
 *  "capped" for 19 (EDR_LEAVE_REASON_CAPPED == 1u << 19); "unknown" otherwise. */
EDR_API const char *edr_leave_reason_name(int bit);

/** "granted", "not_eligible", "bad_region", ..., "bad_facts" for an
 *  EDR_LEAVE_ROW_* status; "unknown" otherwise. */
EDR_API const char *edr_leave_row_status_name(int status);

/** "flanders", "brussels", "wallonia" for an EDR_LEAVE_REGION_* code; "unknown" otherwise. */
EDR_API const char *edr_leave_region_name(int region);

/** "professional", ..., "exam_board", "competence_exam" for an
 *  EDR_LEAVE_TRAINING_* code; "unknown" otherwise. */
EDR_API const char *edr_leave_training_type_name(int training_type);

/* ---- Belgian paid educational leave v2: every fact as columns ------------ */

/* Experimental (see "Stable and experimental" above): define EDR_EXPERIMENTAL
 * before including this header to use what follows up to its #endif. */
#ifdef EDR_EXPERIMENTAL

/*
 * edr_leave_facts_batch decides whole workers through the same evaluation as
 * a "leave.evaluate" JSON request: several trainings of a worker share one
 * cap, suspensions reach later trainings and school years, VOV sanctions,
 * employer-proposed hours and BEV hours reimbursed elsewhere all apply, and
 * contradictory facts (overlapping lessons, ...) refuse the worker with
 * EDR_LEAVE_ROW_BAD_FACTS and an EDR_LEAVE_FACTS_* problem code.
 *
 * Layout (CSR): one row per worker; jobs, trainings and passed modules are
 * rows of their own, worker w owning [x_offsets[w], x_offsets[w+1]); lessons,
 * absences and leave taken likewise per training. Offsets start at 0, never
 * decrease and end at the item count; otherwise the call fails with
 * EDR_E_INVALID_ARGUMENT naming the offsets column (and, where they go back,
 * their owner as edr_error.record: the worker, or the training for lessons,
 * absences and leave taken). Dates are days since 1970-01-01, EDR_NO_DAY =
 * none (as the PE columns). Texts are codes into a table of names (a pandas
 * Categorical): see edr_leave_text_column.
 */

/** How a lesson is followed (column `lesson_mode`). */
typedef enum edr_leave_lesson_mode_e {
    EDR_LEAVE_LESSON_CONTACT = 0,
    EDR_LEAVE_LESSON_LIVE_ONLINE = 1,
    EDR_LEAVE_LESSON_DISTANCE = 2,
    EDR_LEAVE_LESSON_INTERNSHIP = 3,
    EDR_LEAVE_LESSON_THESIS = 4,
    EDR_LEAVE_LESSON_COACHING = 5
} edr_leave_lesson_mode;

/** Column `lesson_coinciding`: 0 no, 1 yes, or as the training's `coinciding`
 *  (a sentinel of a 0/1 flag column, like EDR_NO_DAY: not a code group). */
#define EDR_LEAVE_LESSON_COINCIDING_AS_TRAINING 2

/** Why a BEV cap is raised (column `raised`). */
typedef enum edr_leave_raised_e {
    EDR_LEAVE_RAISED_NONE = 0,
    EDR_LEAVE_RAISED_SHORTAGE_OCCUPATION = 1,
    EDR_LEAVE_RAISED_BASIC_EDUCATION = 2,
    EDR_LEAVE_RAISED_FIRST_UPPER_SECONDARY = 3
} edr_leave_raised;

/** How the training is organised (column `organisation`). */
typedef enum edr_leave_organisation_e {
    EDR_LEAVE_ORGANISATION_MODULAR = 0,
    EDR_LEAVE_ORGANISATION_SCHOOL_YEAR = 1
} edr_leave_organisation;

/** How VOV counts the training's hours (column `counting`). */
typedef enum edr_leave_counting_e {
    EDR_LEAVE_COUNTING_ATTENDED_HOURS = 0,
    EDR_LEAVE_COUNTING_CREDITS = 1,
    EDR_LEAVE_COUNTING_PLANNED_LESSON_PERIODS = 2,
    EDR_LEAVE_COUNTING_EXAMS = 3,
    EDR_LEAVE_COUNTING_COMPETENCES = 4
} edr_leave_counting;

/** VOV: the first final assessment (column `assessment`). */
typedef enum edr_leave_assessment_e {
    EDR_LEAVE_ASSESSMENT_NOT_YET = 0,
    EDR_LEAVE_ASSESSMENT_TAKEN = 1,
    EDR_LEAVE_ASSESSMENT_MISSED_JUSTIFIED = 2,
    EDR_LEAVE_ASSESSMENT_MISSED = 3
} edr_leave_assessment;

/** What is wrong with a refused worker's facts (result column `problem`). */
typedef enum edr_leave_facts_problem_e {
    EDR_LEAVE_FACTS_NONE = 0,
    EDR_LEAVE_FACTS_LESSON_TIMES = 1,            /**< a clock time outside the day, or the end not after the start */
    EDR_LEAVE_FACTS_LESSON_OVERLAP = 2,          /**< two lessons of one training overlap on a day */
    EDR_LEAVE_FACTS_ABSENCE_NO_LESSON = 3,       /**< an absence on a day without a given lesson */
    EDR_LEAVE_FACTS_ABSENCE_TOO_LONG = 4,        /**< absences on a day longer than the lessons given that day */
    EDR_LEAVE_FACTS_HOLIDAY_SPAN = 5,            /**< a holiday ending before it starts or not containing the absence */
    EDR_LEAVE_FACTS_TAKEN_TOO_LONG = 6,          /**< leave taken on a day longer than a day */
    EDR_LEAVE_FACTS_NO_START = 7,                /**< a training without lessons and without a start date */
    EDR_LEAVE_FACTS_JOB_MINUTES = 8,             /**< contract or full-time minutes per week out of range */
    EDR_LEAVE_FACTS_JOB_DATES = 9,               /**< a job that ends before it starts */
    EDR_LEAVE_FACTS_DURATION_TOO_LARGE = 10,     /**< a duration beyond the exact-arithmetic bound */
    EDR_LEAVE_FACTS_COUNT_OUT_OF_RANGE = 11,     /**< credits, exams or competences negative or too large */
    EDR_LEAVE_FACTS_UNKNOWN_ABSENCE_REASON = 12, /**< an absence reason outside leave.absence.reasons (or none) */
    EDR_LEAVE_FACTS_DATE_TOO_LATE = 13,          /**< a date after 9898-12-31: the rules would count past 9999 */
    EDR_LEAVE_FACTS_UNKNOWN_SECTOR = 14,         /**< a sector outside the words leave.regime.sectors allows */
    EDR_LEAVE_FACTS_UNKNOWN_LANGUAGE_KIND = 15,  /**< a language kind outside leave.brussels.raised_languages' words */
    EDR_LEAVE_FACTS_EMPLOYMENT_TOO_FINE = 16,    /**< the jobs' employment shares too fine to add or weigh exactly */
    EDR_LEAVE_FACTS_JOB_ABOVE_FULL_TIME = 17     /**< a job's contract minutes per week above its full-time minutes */
} edr_leave_facts_problem;

/** A text column: codes[i] indexes `names` (-1 = none), like a pandas
 *  Categorical. `codes` NULL = the column is absent (its default). A code
 *  outside the names (also a negative code other than -1) rejects the worker
 *  (EDR_LEAVE_ROW_BAD_CODE). Names are NUL-terminated UTF-8, borrowed for
 *  the call. */
typedef struct edr_leave_text_column {
    const int32_t *codes;     /**< [rows of its table], or NULL */
    const char *const *names; /**< [name_count]; may be NULL when name_count is 0 */
    size_t name_count;
} edr_leave_text_column;

#define EDR_LEAVE_TEXT_COLUMN_INIT \
    { NULL, NULL, 0 }
/** The function twin of EDR_LEAVE_TEXT_COLUMN_INIT (see edr_buf_init). */
EDR_API int edr_leave_text_column_init(edr_leave_text_column *column);

/** Input of edr_leave_facts_batch. Required columns must not be NULL when
 *  their table has rows; optional ones may be NULL (the stated default). */
typedef struct edr_leave_facts {
    unsigned int version; /**< EDR_LEAVE_FACTS_VERSION */
    /* workers */
    size_t workers;
    const uint8_t *region;                           /**< [workers] EDR_LEAVE_REGION_*; required */
    const int32_t *school_year;                      /**< [workers] start year (2023 = 2023-2024); required */
    edr_leave_text_column sector;                    /**< [workers] default "private" */
    const uint8_t *at_most_upper_secondary;          /**< [workers] 0/1; NULL = 0 */
    const uint8_t *vov_sanctioned;                   /**< [workers] 0/1; NULL = 0 */
    const int64_t *bev_reimbursed_elsewhere_minutes; /**< [workers] NULL = 0 */
    const int64_t *monthly_wage_cents;               /**< [workers] -1 = unknown; NULL = unknown */
    const int32_t *new_job_on;                       /**< [workers] day; NULL = none */
    const int64_t *passed_offsets;                   /**< [workers + 1], or NULL: no passed modules */
    size_t passed;                                   /**< number of passed modules */
    edr_leave_text_column passed_modules;            /**< [passed] module codes */
    /* jobs */
    const int64_t *job_offsets; /**< [workers + 1]; required */
    size_t jobs;
    const int32_t *job_from;              /**< [jobs] day; required */
    const int32_t *job_to;                /**< [jobs] day, EDR_NO_DAY = open; NULL = all open */
    const int64_t *job_contract_minutes;  /**< [jobs] per week; required */
    const int64_t *job_full_time_minutes; /**< [jobs] per week; required */
    const uint8_t *job_variable_schedule; /**< [jobs] 0/1; NULL = 0 (fixed) */
    /* trainings: the per-training results follow this order */
    const int64_t *training_offsets; /**< [workers + 1]; required */
    size_t trainings;
    const uint8_t *training_type;        /**< [trainings] EDR_LEAVE_TRAINING_*; required */
    const int32_t *training_start;       /**< [trainings] day, EDR_NO_DAY = first lesson; NULL = all */
    const uint8_t *coinciding;           /**< [trainings] 0/1 during working hours; NULL = 0 */
    const uint8_t *raised;               /**< [trainings] EDR_LEAVE_RAISED_*; NULL = none */
    edr_leave_text_column language_kind; /**< [trainings] Brussels reform: national, sign, ... */
    const uint8_t *organisation;         /**< [trainings] EDR_LEAVE_ORGANISATION_*; NULL = modular */
    const uint8_t *lesson_periods;       /**< [trainings] 0/1 counted in 50-minute periods; NULL = 0 */
    edr_leave_text_column module_code;   /**< [trainings] */
    const uint8_t *recognised;           /**< [trainings] 0/1; NULL = 1 */
    const int64_t *exams;                /**< [trainings] NULL = 0 */
    const uint8_t *counting;             /**< [trainings] EDR_LEAVE_COUNTING_*; NULL = attended hours */
    const int64_t *credits;              /**< [trainings] NULL = 0 */
    const uint8_t *graduate;             /**< [trainings] 0/1; NULL = 0 */
    const uint8_t *exam_contract;        /**< [trainings] 0/1; NULL = 0 */
    const int64_t *competences;          /**< [trainings] NULL = 0 */
    const uint8_t *employer_proposed;    /**< [trainings] 0/1; NULL = 0 */
    const uint8_t *career_oriented;      /**< [trainings] 0/1; NULL = 0 */
    const int32_t *career_attest_day;    /**< [trainings] day; NULL = none */
    const uint8_t *assessment;           /**< [trainings] EDR_LEAVE_ASSESSMENT_*; NULL = not yet */
    const int32_t *enrolled_on;          /**< [trainings] day; NULL = none */
    /* lessons */
    const int64_t *lesson_offsets; /**< [trainings + 1], or NULL: no lessons at all */
    size_t lessons;
    const int32_t *lesson_day;        /**< [lessons] day; required */
    const int32_t *lesson_start;      /**< [lessons] minutes after midnight; required */
    const int32_t *lesson_end;        /**< [lessons] minutes after midnight; required */
    const uint8_t *lesson_mode;       /**< [lessons] EDR_LEAVE_LESSON_*; NULL = contact */
    const uint8_t *lesson_cancelled;  /**< [lessons] 0/1; NULL = 0 */
    const uint8_t *lesson_coinciding; /**< [lessons] 0/1/EDR_LEAVE_LESSON_COINCIDING_AS_TRAINING; NULL = as training */
    /* absences */
    const int64_t *absence_offsets; /**< [trainings + 1], or NULL: no absences */
    size_t absences;
    const int32_t *absence_day;                  /**< [absences] day; required */
    const int64_t *absence_minutes;              /**< [absences] -1 = all lessons of that day; required */
    edr_leave_text_column absence_reason;        /**< [absences] none = no reason given */
    const int32_t *absence_employer_declared_on; /**< [absences] day; NULL = none */
    const int32_t *absence_holiday_from;         /**< [absences] day; NULL = no holiday */
    const int32_t *absence_holiday_to;           /**< [absences] day; NULL = no holiday */
    /* leave taken */
    const int64_t *taken_offsets; /**< [trainings + 1], or NULL: none taken */
    size_t taken;
    const int32_t *taken_day;     /**< [taken] day; required */
    const int64_t *taken_minutes; /**< [taken] required */
    /* version 2 */
    edr_leave_text_column provider; /**< [trainings] the training provider (module combination toward the
                                         minimum contact time); absent or -1 = not given. Read only when
                                         version >= 2 */
} edr_leave_facts;

/** 2: adds `provider`. A caller built against version 1 (without it) still works. */
#define EDR_LEAVE_FACTS_VERSION 2
#define EDR_LEAVE_FACTS_INIT                                                                                        \
    {                                                                                                               \
        EDR_LEAVE_FACTS_VERSION, 0, NULL, NULL, EDR_LEAVE_TEXT_COLUMN_INIT, NULL, NULL, NULL, NULL, NULL, NULL, 0,  \
            EDR_LEAVE_TEXT_COLUMN_INIT, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL,     \
            EDR_LEAVE_TEXT_COLUMN_INIT, NULL, NULL, EDR_LEAVE_TEXT_COLUMN_INIT, NULL, NULL, NULL, NULL, NULL, NULL, \
            NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL,   \
            EDR_LEAVE_TEXT_COLUMN_INIT, NULL, NULL, NULL, NULL, 0, NULL, NULL, EDR_LEAVE_TEXT_COLUMN_INIT           \
    }
EDR_API int edr_leave_facts_init(edr_leave_facts *facts, unsigned int version);

/** Per-worker results of edr_leave_facts_batch, each [workers]. `status` is
 *  required; the others may be NULL (not wanted). */
typedef struct edr_leave_worker_results {
    unsigned int version;         /**< EDR_LEAVE_WORKER_RESULTS_VERSION */
    int32_t *status;              /**< EDR_LEAVE_ROW_GRANTED (decided) or < 0: refused, as are its trainings */
    uint8_t *problem;             /**< EDR_LEAVE_FACTS_* when status is EDR_LEAVE_ROW_BAD_FACTS */
    int32_t *problem_training;    /**< training index within the worker, -1 for the worker or a job */
    int32_t *problem_item;        /**< item index within the collection (lesson, absence, ...), -1 if none */
    int64_t *cap_minutes;         /**< the shared full-time BEV cap, 0 when none */
    int64_t *granted_minutes;     /**< leave granted, summed over the trainings */
    int64_t *taken_minutes;       /**< leave taken (approved) */
    int64_t *left_minutes;        /**< granted - taken, never negative */
    int64_t *reimbursement_cents; /**< the employer's reimbursement, all trainings; -1 = unknown (a
                                       training's amount is unknown: see its reasons) */
    int32_t *suspensions;         /**< number of suspensions of the right */
} edr_leave_worker_results;

#define EDR_LEAVE_WORKER_RESULTS_VERSION 1
#define EDR_LEAVE_WORKER_RESULTS_INIT \
    { EDR_LEAVE_WORKER_RESULTS_VERSION, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL }
EDR_API int edr_leave_worker_results_init(edr_leave_worker_results *results, unsigned int version);

/** Per-training results of edr_leave_facts_batch, each [trainings]. `status`
 *  is required; the others may be NULL (not wanted). */
typedef struct edr_leave_training_results {
    unsigned int version;                /**< EDR_LEAVE_TRAINING_RESULTS_VERSION */
    int32_t *status;                     /**< EDR_LEAVE_ROW_*: granted, not eligible, or the worker's refusal */
    uint8_t *regime;                     /**< EDR_LEAVE_REGIME_* */
    uint32_t *reasons;                   /**< EDR_LEAVE_REASON_* bits */
    int64_t *attended_minutes;           /**< leave-giving minutes attended this school year, outside suspensions */
    int64_t *excluded_suspended_minutes; /**< attended minutes that fell in a suspension */
    int64_t *granted_minutes;            /**< the training's share of the worker's granted leave */
    int64_t *taken_minutes;              /**< leave taken (approved) */
    int64_t *taken_refused_minutes;      /**< leave taken during a suspension */
    int64_t *reimbursement_cents;        /**< reimbursement for this training; -1 = unknown (no rate for the date:
                                            EDR_LEAVE_REASON_NO_RATE_FOR_DATE) */
} edr_leave_training_results;

#define EDR_LEAVE_TRAINING_RESULTS_VERSION 1
#define EDR_LEAVE_TRAINING_RESULTS_INIT \
    { EDR_LEAVE_TRAINING_RESULTS_VERSION, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL }
EDR_API int edr_leave_training_results_init(edr_leave_training_results *results, unsigned int version);

/** Decides every worker of `facts`, writing `workers_out` (per worker) and
 *  `trainings_out` (per training). A refused worker does not fail the call:
 *  its status is < 0 and so is every one of its trainings. The call fails
 *  (EDR_E_INVALID_ARGUMENT naming e.g. "facts.lesson_offsets") only for a
 *  broken precondition. Nothing stays with the library; safe to call
 *  concurrently on one engine. */
EDR_API int edr_leave_facts_batch(const edr_leave_worker_results *workers_out,
                                  const edr_leave_training_results *trainings_out, const edr_engine *engine,
                                  const edr_leave_facts *facts);

/* ---- Names of the codes of the facts batch (static storage) -------------- */

/** "none", "lesson_overlap", ... for an EDR_LEAVE_FACTS_* problem; "unknown" otherwise. */
EDR_API const char *edr_leave_facts_problem_name(int problem);

/** "contact", "live_online", ... for an EDR_LEAVE_LESSON_* mode; "unknown" otherwise. */
EDR_API const char *edr_leave_lesson_mode_name(int mode);

/** "none", "shortage_occupation", ... for an EDR_LEAVE_RAISED_* code; "unknown" otherwise. */
EDR_API const char *edr_leave_raised_name(int raised);

/** "modular" or "school_year" for an EDR_LEAVE_ORGANISATION_* code; "unknown" otherwise. */
EDR_API const char *edr_leave_organisation_name(int organisation);

/** "attended_hours", "credits", ... for an EDR_LEAVE_COUNTING_* code; "unknown" otherwise. */
EDR_API const char *edr_leave_counting_name(int counting);

/** "not_yet", "taken", "missed_justified", "missed" for an
 *  EDR_LEAVE_ASSESSMENT_* code; "unknown" otherwise. */
EDR_API const char *edr_leave_assessment_name(int assessment);

#endif /* EDR_EXPERIMENTAL */

/* ---- Individual training right (BE, law of 3 October 2022): a batch ------ */

/*
 * edr_account_right_batch decides the yearly credit of the individual
 * training right for one worker-year per row, through the same rules as an
 * "account.right" JSON request (include/edurules/account/credit.hpp): the
 * employer's size class from the FTE of the reference period, the days per
 * FTE (legal or the joint committee's sector agreement in the rulebook), pro
 * rata by work regime and started months. Balances and carry-over over years
 * are the JSON path's (edr_evaluate_json).
 *
 * One row is one job. A worker with several jobs in a year (a change of
 * regime mid-year) gives them the same non-zero `worker` id (columns version
 * 2): the rows of one (worker, year), in any order, are decided together as
 * the JSON path decides the worker's jobs list. A month counts once, for the
 * job holding it (of the jobs covering a day of it, the one starting last),
 * so each row gets its share (months, exact days, minutes) and the shares add
 * up to the JSON credit; a row whose job covers a month counted in another
 * row has reason month_in_other_row. Overlapping jobs of one worker-year are
 * refused (EDR_ACCOUNT_ROW_OVERLAPPING_JOBS), as the JSON path refuses
 * concurrent jobs. Without `worker` (or with id 0) each row stands alone: the
 * batch cannot see the worker's other rows, so a month shared by two jobs
 * counts in both rows and overlaps are not seen.
 */

/** Per-row status (column `status`); values pinned. */
typedef enum edr_account_row_status_e {
    EDR_ACCOUNT_ROW_OK = 0,
    EDR_ACCOUNT_ROW_BAD_YEAR = -1,           /**< year outside 1901..9998 */
    EDR_ACCOUNT_ROW_BAD_DATES = -2,          /**< from_day missing, or to_day before from_day or after 9999-12-31 */
    EDR_ACCOUNT_ROW_BAD_REGIME = -3,         /**< weekly minutes outside 1..10080, or contract above full time */
    EDR_ACCOUNT_ROW_BAD_FTE = -4,            /**< negative FTE, or reference_quarters outside -1..8 */
    EDR_ACCOUNT_ROW_BAD_COMMITTEE = -5,      /**< negative joint committee */
    EDR_ACCOUNT_ROW_RULEBOOK = -6,           /**< the rulebook has no value this row needs on its dates */
    EDR_ACCOUNT_ROW_OVERLAPPING_JOBS = -7,   /**< the jobs of one worker-year overlap (not modelled) */
    EDR_ACCOUNT_ROW_WORKER_MISMATCH = -8,    /**< rows of one worker-year differ in reference_fte,
                                                  reference_quarters, joint_committee or
                                                  employer_full_time_minutes */
    EDR_ACCOUNT_ROW_WORKER_ROW_REJECTED = -9 /**< another row of the same worker-year was rejected */
} edr_account_row_status;

/** Column `size_class`: EDR_ACCOUNT_SIZE_*; values pinned. */
typedef enum edr_account_size_class_e {
    EDR_ACCOUNT_SIZE_UNKNOWN = 0,
    EDR_ACCOUNT_SIZE_LT10 = 1,
    EDR_ACCOUNT_SIZE_10_19 = 2,
    EDR_ACCOUNT_SIZE_GE20 = 3
} edr_account_size_class;

#define EDR_ACCOUNT_RIGHT_COLUMNS_VERSION 2
/** Input columns of edr_account_right_batch, each [rows]. */
typedef struct edr_account_right_columns {
    unsigned version; /**< EDR_ACCOUNT_RIGHT_COLUMNS_VERSION */
    size_t rows;
    const int32_t *year;                       /**< calendar year; required */
    const int64_t *reference_fte;              /**< 1/10000 FTE: the sum over the declared quarters of the reference
                                                    period, or the fallback FTE when reference_quarters is 0; required */
    const int32_t *reference_quarters;         /**< quarters summed (1..8); 0: reference_fte is the fallback;
                                                    -1: nothing known (size unknown); required */
    const int32_t *from_day;                   /**< first day of the job (days since 1970-01-01); required */
    const int32_t *to_day;                     /**< last day, EDR_NO_DAY = open; required */
    const int64_t *contract_minutes;           /**< contract minutes per week; required */
    const int64_t *full_time_minutes;          /**< full-time minutes per week; required */
    const int32_t *joint_committee;            /**< paritair comite number, 0 = none; NULL = none */
    const int64_t *employer_full_time_minutes; /**< the employer's full-time week; a training day is a fifth of
                                                    the job's full_time_minutes, which every row gives, so this
                                                    column no longer changes an answer (kept for the ABI) */
    const int64_t *worker;                     /**< version 2: the worker's id; rows with one non-zero id and
                                                    year are one worker-year (see above); NULL or 0 = the row
                                                    stands alone */
} edr_account_right_columns;
#define EDR_ACCOUNT_RIGHT_COLUMNS_INIT \
    { EDR_ACCOUNT_RIGHT_COLUMNS_VERSION, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL }
/** The function twin of EDR_ACCOUNT_RIGHT_COLUMNS_INIT (version 1 ends before `worker`). */
EDR_API int edr_account_right_columns_init(edr_account_right_columns *columns, unsigned int version);

#define EDR_ACCOUNT_RIGHT_RESULTS_VERSION 1
/** Output columns of edr_account_right_batch, each [rows], all required. A
 *  rejected row has status < 0 and zeros elsewhere. */
typedef struct edr_account_right_results {
    unsigned version;         /**< EDR_ACCOUNT_RIGHT_RESULTS_VERSION */
    int32_t *status;          /**< EDR_ACCOUNT_ROW_* */
    int32_t *size_class;      /**< EDR_ACCOUNT_SIZE_* */
    int32_t *months;          /**< months (started) employed in the year */
    int64_t *credit_minutes;  /**< the credit in minutes, rounded once */
    int64_t *credit_days_num; /**< the credit in days, exactly: num / den */
    int64_t *credit_days_den;
    uint32_t *reasons; /**< bits; edr_account_reason_name */
} edr_account_right_results;
#define EDR_ACCOUNT_RIGHT_RESULTS_INIT \
    { EDR_ACCOUNT_RIGHT_RESULTS_VERSION, NULL, NULL, NULL, NULL, NULL, NULL, NULL }
/** The function twin of EDR_ACCOUNT_RIGHT_RESULTS_INIT. */
EDR_API int edr_account_right_results_init(edr_account_right_results *results, unsigned int version);

/** Decides every row: rows = decided + *rejected (each rejected row has its
 *  status). Everything stays the caller's; nothing is allocated per row.
 *  Safe to call concurrently on one engine. Returns EDR_OK, or a negative
 *  edr_code (bad arguments: nothing is written). */
EDR_API int edr_account_right_batch(const edr_account_right_results *out, size_t *rejected, const edr_engine *engine,
                                    const edr_account_right_columns *columns);

/** "before_first_year", "outside_right", ... for bit b of the `reasons`
 *  column; "unknown" otherwise (static storage). */
EDR_API const char *edr_account_reason_name(int bit);

/** "ok", "bad_year", ..., "rulebook" for an EDR_ACCOUNT_ROW_* status; "unknown" otherwise. */
EDR_API const char *edr_account_row_status_name(int status);

/** "undetermined" (EDR_ACCOUNT_SIZE_UNKNOWN), "lt10", "10_19", "ge20" for an
 *  EDR_ACCOUNT_SIZE_* class; "unknown" otherwise. */
EDR_API const char *edr_account_size_class_name(int size_class);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* EDURULES_EDURULES_H */
