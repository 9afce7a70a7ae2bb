// Reading a provider's bulk upload one row at a time (the format of
// io::parse_upload_csv, which is built on this reader), so that a large
// upload is booked and reported without holding its rows.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "edurules/pe/dossier.hpp"

namespace edurules::io {

/// A bulk upload read row by row. The constructor checks the whole text up
/// front and throws as parse_upload_csv does (not UTF-8, an unterminated quote,
/// a bad header, no rows), so that once it is built, next() cannot fail and no
/// output needs to be taken back. It keeps a view of `csv_text`, which must
/// outlive it.
class upload_csv_reader {
public:
    explicit upload_csv_reader(std::string_view csv_text);

    /// How many rows the upload has (the header not counted).
    std::size_t rows() const noexcept { return rows_; }
    /// Reads the next row into `u`, reusing its strings; false after the last.
    bool next(pe::upload_row& u);
    /// Starts again at the first row.
    void rewind() noexcept;

private:
    bool next_record();

    std::string_view text_;  ///< without the BOM
    char sep_ = ',';
    std::array<int, 3> col_{0, 1, 2};         ///< seu_number, activity_id, completion_date
    std::size_t start_ = 0, start_line_ = 1;  ///< where the first row starts
    std::size_t pos_ = 0, line_ = 1, rows_ = 0;
    std::size_t rec_line_ = 0;  ///< the line the current record starts on
    std::size_t nfields_ = 0;   ///< fields of the current record in fields_
    std::vector<std::string> fields_;
    /// The first field of the current record with text after its closing
    /// quote (`"SEU-1004"07`, which RFC 4180 does not allow), and where in
    /// it that text starts; glued_field_ is npos when there is none.
    std::size_t glued_field_ = std::string::npos, glued_at_ = 0;
};

}  // namespace edurules::io
