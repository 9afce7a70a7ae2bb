// The account parameters, resolved once from a rulebook (rulebook/account.json):
// the Belgian individual training right (law of 3 October 2022, art. 48 ff.;
// FOD WASO pages `waso.pro`, `waso.faq`) with its sector agreements as
// rulebook overlays, and the SER development account (seed 003).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "edurules/account/model.hpp"
#include "edurules/core/dated.hpp"
#include "edurules/core/rulebook.hpp"

namespace edurules::account {

/// A sector agreement (CAO of a joint committee) read from the parameters
/// `account.be.sector.<pc>.<class>.days_per_fte` (and `.min_months`),
/// `account.be.sector.<pc>.reset_every_years` and `.reset_anchor`. A user adds
/// a sector by overlaying a rulebook file with such parameters.
struct sector {
    std::array<const parameter*, 4> days{};        ///< by size_class; null: the legal number
    std::array<const parameter*, 4> min_months{};  ///< by size_class; null: no condition
    const parameter* reset_every_years = nullptr;
    const parameter* reset_anchor = nullptr;
    /// `.reset_classes`: the size classes whose balance is reset, as bits
    /// (1 << size_class); absent: every class.
    std::optional<dated<std::uint8_t>> reset_classes;
    /// Whether the sector's reset applies to an employer of class `cls` on `d`
    /// (`use`: the reset_classes value that says so, if any); reset_classes
    /// without a value on `d` resets no class.
    bool resets(size_class cls, date d, param_use& use) const {
        if (!reset_every_years) return false;
        if (!reset_classes) return true;
        const auto* c = reset_classes->find(d);
        if (!c) return false;
        use = c->use;
        return ((c->value >> static_cast<int>(cls)) & 1u) != 0;
    }
};

/// Pointers to every account parameter, checked at construction: a rulebook
/// that lacks one (or gives it the wrong type) is refused with errc::rulebook.
struct rules {
    const rulebook* book;
    const parameter* first_year;
    std::array<const parameter*, 4> days_per_fte{};  ///< by size_class (index 0 unused)
    const parameter* min_fte;
    const parameter* large_fte;
    const parameter* period_years;
    const parameter* period_anchor;
    const parameter* reference_first_quarter;
    const parameter* reference_quarters;
    const parameter* prorata_basis;
    const parameter* suspension_reduces;
    const parameter* day_minutes;
    const parameter* workdays_per_week;
    const parameter* rounding_mode;
    const parameter* carry_over;
    const parameter* averaging_years;
    const parameter* averaging_anchor;
    const parameter* reset_at_window_end;
    const parameter* counting_kinds;
    const parameter* not_counting_kinds;
    const parameter* pe_activity_counts;
    const parameter* lapse_on;
    const parameter* indemnity_includes;
    const parameter* lapse_unregulated;
    const parameter* sector_min_days;
    // development account (seed 003)
    const parameter* parties;
    const parameter* eligible_kinds;
    const parameter* voucher_expiry_months;
    const parameter* spend_order;
    const parameter* partial_spend;
    dated<rounding> rounding_at;
    std::map<std::string, sector, std::less<>> sectors;

    explicit rules(const rulebook& rb)
        : book(&rb),
          first_year(need(rb, "account.be.first_year", value_kind::integer)),
          min_fte(need(rb, "account.be.size.min_fte", value_kind::decimal)),
          large_fte(need(rb, "account.be.size.large_fte", value_kind::decimal)),
          period_years(need(rb, "account.be.size.period_years", value_kind::integer)),
          period_anchor(need(rb, "account.be.size.period_anchor", value_kind::date)),
          reference_first_quarter(need(rb, "account.be.size.reference_first_quarter", value_kind::integer)),
          reference_quarters(need(rb, "account.be.size.reference_quarters", value_kind::integer)),
          prorata_basis(need(rb, "account.be.prorata.basis", value_kind::text)),
          suspension_reduces(need(rb, "account.be.prorata.suspension_reduces", value_kind::boolean)),
          day_minutes(need(rb, "account.be.day_minutes", value_kind::duration)),
          workdays_per_week(need(rb, "account.be.workdays_per_week", value_kind::integer)),
          rounding_mode(need(rb, "account.be.rounding", value_kind::text)),
          carry_over(need(rb, "account.be.carry_over", value_kind::boolean)),
          averaging_years(need(rb, "account.be.averaging_years", value_kind::integer)),
          averaging_anchor(need(rb, "account.be.averaging_anchor", value_kind::date)),
          reset_at_window_end(need(rb, "account.be.reset_at_window_end", value_kind::boolean)),
          counting_kinds(need(rb, "account.be.training.counting_kinds", value_kind::text_list)),
          not_counting_kinds(need(rb, "account.be.training.not_counting_kinds", value_kind::text_list)),
          pe_activity_counts(need(rb, "account.be.training.pe_activity_counts", value_kind::boolean)),
          lapse_on(need(rb, "account.be.end.lapse_on", value_kind::text_list)),
          indemnity_includes(need(rb, "account.be.end.indemnity_includes", value_kind::text_list)),
          lapse_unregulated(need(rb, "account.be.end.lapse_unregulated", value_kind::boolean)),
          sector_min_days(need(rb, "account.be.sector.min_days", value_kind::decimal)),
          parties(need(rb, "account.nl.parties", value_kind::text_list)),
          eligible_kinds(need(rb, "account.nl.eligible_kinds", value_kind::text_list)),
          voucher_expiry_months(need(rb, "account.nl.voucher.expiry_months", value_kind::integer)),
          spend_order(need(rb, "account.nl.spend_order", value_kind::text)),
          partial_spend(need(rb, "account.nl.partial_spend", value_kind::boolean)),
          rounding_at(dated_rounding(*rounding_mode)) {
        days_per_fte[static_cast<int>(size_class::lt10)] =
            need(rb, "account.be.days_per_fte.lt10", value_kind::decimal);
        days_per_fte[static_cast<int>(size_class::from10to19)] =
            need(rb, "account.be.days_per_fte.10_19", value_kind::decimal);
        days_per_fte[static_cast<int>(size_class::ge20)] =
            need(rb, "account.be.days_per_fte.ge20", value_kind::decimal);
        read_sectors(rb);
    }

    /// The sector agreement of joint committee `pc`, or nullptr.
    const sector* sector_of(std::string_view pc) const {
        auto it = sectors.find(pc);
        return it == sectors.end() ? nullptr : &it->second;
    }

private:
    static const parameter* need(const rulebook& rb, std::string_view name, value_kind k) {
        return rb.require(name, k, "account");
    }
    static int class_index(std::string_view s) {
        if (s == "lt10") return static_cast<int>(size_class::lt10);
        if (s == "10_19") return static_cast<int>(size_class::from10to19);
        if (s == "ge20") return static_cast<int>(size_class::ge20);
        return -1;
    }
    /// Every `account.be.sector.<pc>.…` parameter; a name of another shape is
    /// refused (a misspelt overlay must not be silently ignored).
    void read_sectors(const rulebook& rb) {
        static constexpr std::string_view prefix = open_parameter_family;
        for (const auto& [name, p] : rb.parameters()) {
            if (name.rfind(prefix, 0) != 0 || name == "account.be.sector.min_days") continue;
            const std::string rest = name.substr(prefix.size());
            const auto dot = rest.find('.');
            const std::string pc = rest.substr(0, dot == std::string::npos ? rest.size() : dot);
            if (pc.empty())
                throw error(errc::rulebook, "parameters[\"" + name + "\"]",
                            "names no joint committee (account.be.sector.<pc>.…, e.g. account.be.sector.200.ge20."
                            "days_per_fte)");
            const std::string tail = dot == std::string::npos ? "" : rest.substr(dot + 1);
            sector& s = sectors[pc];
            const auto dot2 = tail.find('.');
            const int cls = dot2 == std::string::npos ? -1 : class_index(tail.substr(0, dot2));
            const std::string what = dot2 == std::string::npos ? tail : tail.substr(dot2 + 1);
            if (tail == "reset_every_years")
                s.reset_every_years = need(rb, name, value_kind::integer);
            else if (tail == "reset_anchor")
                s.reset_anchor = need(rb, name, value_kind::date);
            else if (tail == "reset_classes")
                s.reset_classes = dated<std::uint8_t>::convert<std::vector<std::string>>(
                    *need(rb, name, value_kind::text_list), [](const std::vector<std::string>& words) {
                        std::uint8_t bits = 0;
                        for (const auto& w : words) {
                            const int c = class_index(w);
                            if (c < 0) return std::optional<std::uint8_t>();
                            bits = static_cast<std::uint8_t>(bits | (1u << c));
                        }
                        return std::optional<std::uint8_t>(bits);
                    });
            else if (cls > 0 && what == "days_per_fte")
                s.days[static_cast<std::size_t>(cls)] = need(rb, name, value_kind::decimal);
            else if (cls > 0 && what == "min_months")
                s.min_months[static_cast<std::size_t>(cls)] = need(rb, name, value_kind::integer);
            else
                throw error(errc::rulebook, "parameters[\"" + name + "\"]",
                            "is not a sector parameter the account rules know: account.be.sector.<pc>.<lt10|10_19|"
                            "ge20>.days_per_fte or .min_months, account.be.sector.<pc>.reset_every_years, "
                            ".reset_anchor or .reset_classes");
        }
        for (const auto& [pc, s] : sectors) {
            if ((s.reset_every_years == nullptr) != (s.reset_anchor == nullptr))
                throw error(errc::rulebook, "parameters[\"account.be.sector." + pc + ".reset_anchor\"]",
                            "a sector reset needs both reset_every_years and reset_anchor");
            if (s.reset_classes && !s.reset_every_years)
                throw error(errc::rulebook, "parameters[\"account.be.sector." + pc + ".reset_classes\"]",
                            "reset_classes without reset_every_years and reset_anchor: no reset to scope");
        }
    }
};

}  // namespace edurules::account
