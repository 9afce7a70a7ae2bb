// Workers as facts columns: the inverse of the v2 batch's reader, for faces
// that hold `worker` values and want the columnar path (tests, parity runs,
// tools). Converts only; decides nothing.
#pragma once

#include <deque>
#include <string>
#include <vector>

#include "edurules/leave/batch.hpp"

namespace edurules::leave {

/// Owns the column vectors and the name tables that `facts_columns` points at.
struct facts_table {
    std::vector<std::uint8_t> region;
    std::vector<std::int32_t> school_year;
    std::vector<std::int32_t> sector;
    std::vector<std::uint8_t> at_most_upper_secondary, vov_sanctioned;
    std::vector<std::int64_t> bev_elsewhere, wage;
    std::vector<std::int32_t> new_job_on;
    std::vector<std::int64_t> passed_off{0};
    std::vector<std::int32_t> passed;
    std::vector<std::int64_t> job_off{0};
    std::vector<std::int32_t> job_from, job_to;
    std::vector<std::int64_t> job_contract, job_full;
    std::vector<std::uint8_t> job_variable;
    std::vector<std::int64_t> training_off{0};
    std::vector<std::uint8_t> type, coinciding, raised, organisation, lesson_periods, recognised, counting, graduate,
        exam_contract, employer_proposed, career_oriented, assessment;
    std::vector<std::int32_t> start, language_kind, module_code, provider, career_attest, enrolled_on;
    std::vector<std::int64_t> exams, credits, competences;
    std::vector<std::int64_t> lesson_off{0};
    std::vector<std::int32_t> lesson_day, lesson_start, lesson_end;
    std::vector<std::uint8_t> lesson_mode, lesson_cancelled, lesson_coinciding;
    std::vector<std::int64_t> absence_off{0};
    std::vector<std::int32_t> absence_day, absence_reason, absence_declared, absence_hol_from, absence_hol_to;
    std::vector<std::int64_t> absence_minutes;
    std::vector<std::int64_t> taken_off{0};
    std::vector<std::int32_t> taken_day;
    std::vector<std::int64_t> taken_minutes;
    std::deque<std::string> names;  ///< stable storage for the name tables
    std::vector<std::string_view> name_views;

    /// The code of a text in the one shared name table.
    std::int32_t code(const std::string& s) {
        for (std::size_t i = 0; i < names.size(); ++i)
            if (names[i] == s) return static_cast<std::int32_t>(i);
        names.push_back(s);
        name_views.assign(names.begin(), names.end());
        return static_cast<std::int32_t>(names.size() - 1);
    }
    static std::int32_t day(const std::optional<date>& d) { return d ? to_epoch_day(*d) : no_day; }

    void add_training(const training& t) {
        type.push_back(static_cast<std::uint8_t>(t.type));
        start.push_back(day(t.start));
        coinciding.push_back(t.coinciding);
        raised.push_back(static_cast<std::uint8_t>(t.raised));
        language_kind.push_back(t.language_kind.empty() ? -1 : code(t.language_kind));
        organisation.push_back(t.org == organisation::school_year ? 1 : 0);
        lesson_periods.push_back(t.lesson_periods);
        module_code.push_back(t.module_code ? code(*t.module_code) : -1);
        provider.push_back(t.provider ? code(*t.provider) : -1);
        recognised.push_back(t.recognised);
        exams.push_back(t.exams);
        counting.push_back(static_cast<std::uint8_t>(t.counting));
        credits.push_back(t.credits);
        graduate.push_back(t.graduate);
        exam_contract.push_back(t.exam_contract);
        competences.push_back(t.competences);
        employer_proposed.push_back(t.employer_proposed);
        career_oriented.push_back(t.career_oriented);
        career_attest.push_back(day(t.career_attest_date));
        assessment.push_back(static_cast<std::uint8_t>(t.assessment));
        enrolled_on.push_back(day(t.enrolled_on));
        for (const auto& l : t.lessons) {
            lesson_day.push_back(to_epoch_day(l.day));
            lesson_start.push_back(l.start);
            lesson_end.push_back(l.end);
            lesson_mode.push_back(static_cast<std::uint8_t>(l.mode));
            lesson_cancelled.push_back(l.cancelled);
            lesson_coinciding.push_back(l.coinciding);
        }
        lesson_off.push_back(static_cast<std::int64_t>(lesson_day.size()));
        for (const auto& a : t.absences) {
            absence_day.push_back(to_epoch_day(a.day));
            absence_minutes.push_back(a.length.count);
            absence_reason.push_back(a.reason.empty() ? -1 : code(a.reason));
            absence_declared.push_back(day(a.employer_declared_on));
            absence_hol_from.push_back(a.holiday ? to_epoch_day(a.holiday->first) : no_day);
            absence_hol_to.push_back(a.holiday ? to_epoch_day(a.holiday->last) : no_day);
        }
        absence_off.push_back(static_cast<std::int64_t>(absence_day.size()));
        for (const auto& k : t.taken) {
            taken_day.push_back(to_epoch_day(k.day));
            taken_minutes.push_back(k.length.count);
        }
        taken_off.push_back(static_cast<std::int64_t>(taken_day.size()));
    }

    void add(const worker& w, edurules::school_year sy) {
        region.push_back(static_cast<std::uint8_t>(w.reg));
        school_year.push_back(sy.start_year());
        sector.push_back(code(w.sector));
        at_most_upper_secondary.push_back(w.at_most_upper_secondary);
        vov_sanctioned.push_back(w.vov_sanctioned);
        bev_elsewhere.push_back(w.bev_reimbursed_elsewhere.count);
        wage.push_back(w.monthly_wage_cents ? *w.monthly_wage_cents : -1);
        new_job_on.push_back(day(w.new_job_on));
        for (const auto& m : w.passed_modules) passed.push_back(code(m));
        passed_off.push_back(static_cast<std::int64_t>(passed.size()));
        for (const auto& j : w.jobs) {
            job_from.push_back(to_epoch_day(j.from));
            job_to.push_back(day(j.to));
            job_contract.push_back(j.contract_minutes_per_week);
            job_full.push_back(j.full_time_minutes_per_week);
            job_variable.push_back(j.sched == schedule::variable);
        }
        job_off.push_back(static_cast<std::int64_t>(job_from.size()));
        for (const auto& t : w.trainings) add_training(t);
        training_off.push_back(static_cast<std::int64_t>(type.size()));
    }

    facts_columns columns() const {
        facts_columns c;
        const std::span<const std::string_view> nm(name_views);
        c.workers = region.size();
        c.region = region;
        c.school_year = school_year;
        c.sector = {sector, nm};
        c.at_most_upper_secondary = at_most_upper_secondary;
        c.vov_sanctioned = vov_sanctioned;
        c.bev_reimbursed_elsewhere_minutes = bev_elsewhere;
        c.monthly_wage_cents = wage;
        c.new_job_on = new_job_on;
        c.passed_offsets = passed_off;
        c.passed_modules = {passed, nm};
        c.job_offsets = job_off;
        c.job_from = job_from;
        c.job_to = job_to;
        c.job_contract_minutes = job_contract;
        c.job_full_time_minutes = job_full;
        c.job_variable_schedule = job_variable;
        c.training_offsets = training_off;
        c.training_type = type;
        c.training_start = start;
        c.coinciding = coinciding;
        c.raised = raised;
        c.language_kind = {language_kind, nm};
        c.organisation = organisation;
        c.lesson_periods = lesson_periods;
        c.module_code = {module_code, nm};
        c.provider = {provider, nm};
        c.recognised = recognised;
        c.exams = exams;
        c.counting = counting;
        c.credits = credits;
        c.graduate = graduate;
        c.exam_contract = exam_contract;
        c.competences = competences;
        c.employer_proposed = employer_proposed;
        c.career_oriented = career_oriented;
        c.career_attest_day = career_attest;
        c.assessment = assessment;
        c.enrolled_on = enrolled_on;
        c.lesson_offsets = lesson_off;
        c.lesson_day = lesson_day;
        c.lesson_start = lesson_start;
        c.lesson_end = lesson_end;
        c.lesson_mode = lesson_mode;
        c.lesson_cancelled = lesson_cancelled;
        c.lesson_coinciding = lesson_coinciding;
        c.absence_offsets = absence_off;
        c.absence_day = absence_day;
        c.absence_minutes = absence_minutes;
        c.absence_reason = {absence_reason, nm};
        c.absence_employer_declared_on = absence_declared;
        c.absence_holiday_from = absence_hol_from;
        c.absence_holiday_to = absence_hol_to;
        c.taken_offsets = taken_off;
        c.taken_day = taken_day;
        c.taken_minutes = taken_minutes;
        return c;
    }
};

}  // namespace edurules::leave
