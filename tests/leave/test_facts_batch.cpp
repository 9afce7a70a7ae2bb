// The v2 leave batch decides every worker through the one evaluation: for
// seeded generated workers (leave_test::worker_generator), the columnar path
// gives field by field what `evaluate` gives for the same worker, and refuses
// exactly the workers whose facts `check_facts` refuses.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "edurules/io/request.hpp"
#include "edurules/leave/columns.hpp"
#include "generate.hpp"
#include "helpers.hpp"

using namespace leave_test;

namespace {
struct outputs {
    std::vector<std::int32_t> w_status, w_training, w_item, w_susp, t_status;
    std::vector<std::uint8_t> w_problem, t_regime;
    std::vector<std::uint32_t> t_reasons;
    std::vector<std::int64_t> w_cap, w_granted, w_taken, w_left, w_money, t_att, t_susp, t_granted, t_taken, t_refused,
        t_money;
    outputs(std::size_t W, std::size_t T)
        : w_status(W),
          w_training(W),
          w_item(W),
          w_susp(W),
          t_status(T),
          w_problem(W),
          t_regime(T),
          t_reasons(T),
          w_cap(W),
          w_granted(W),
          w_taken(W),
          w_left(W),
          w_money(W),
          t_att(T),
          t_susp(T),
          t_granted(T),
          t_taken(T),
          t_refused(T),
          t_money(T) {}
    worker_columns_out workers() {
        return {w_status, w_problem, w_training, w_item, w_cap, w_granted, w_taken, w_left, w_money, w_susp};
    }
    training_columns_out trainings() {
        return {t_status, t_regime, t_reasons, t_att, t_susp, t_granted, t_taken, t_refused, t_money};
    }
};
}  // namespace

TEST(LeaveFactsBatch, SameAsEvaluateForGeneratedWorkers) {
    worker_generator gen(20261202);
    std::vector<worker> ws;
    std::vector<int> years;
    facts_table table;
    for (int i = 0; i < 3000; ++i) {
        const int sy = gen.uniform(2019, 2025);
        ws.push_back(gen.make(sy));
        years.push_back(sy);
        table.add(ws.back(), school_year(sy));
    }
    const auto cols = table.columns();
    outputs out(ws.size(), cols.training_type.size());
    leave_facts_batch(R(), cols, out.workers(), out.trainings());
    std::size_t t0 = 0, rejected = 0, decided = 0;
    for (std::size_t i = 0; i < ws.size(); ++i) {
        SCOPED_TRACE("worker " + std::to_string(i));
        const auto problem = check_facts(ws[i]);
        if (problem) {
            ++rejected;
            EXPECT_EQ(out.w_status[i], batch_bad_facts);
            EXPECT_EQ(out.w_problem[i], static_cast<std::uint8_t>(problem.problem));
        } else {
            ++decided;
            const worker_result r = evaluate(R(), ws[i], school_year(years[i]), false);
            EXPECT_EQ(out.w_status[i], batch_granted);
            EXPECT_EQ(out.w_granted[i], r.granted_total.count);
            EXPECT_EQ(out.w_taken[i], r.taken_total.count);
            EXPECT_EQ(out.w_left[i], r.left.count);
            EXPECT_EQ(out.w_money[i], r.reimbursement_total_known() ? r.reimbursement_total_cents : -1);
            EXPECT_EQ(out.w_cap[i], r.cap.found ? r.cap.cap.count : 0);
            EXPECT_EQ(out.w_susp[i], static_cast<std::int32_t>(r.suspensions.size()));
            for (std::size_t k = 0; k < r.trainings.size(); ++k) {
                const auto& t = r.trainings[k];
                EXPECT_EQ(out.t_regime[t0 + k], static_cast<std::uint8_t>(t.reg));
                EXPECT_EQ(out.t_reasons[t0 + k], t.reasons);
                EXPECT_EQ(out.t_status[t0 + k], t.eligible ? batch_granted : batch_not_eligible);
                EXPECT_EQ(out.t_granted[t0 + k], t.granted.count);
                EXPECT_EQ(out.t_att[t0 + k], t.attended.count);
                EXPECT_EQ(out.t_taken[t0 + k], t.taken.count);
                EXPECT_EQ(out.t_money[t0 + k], t.money.amount_cents);
            }
        }
        t0 += ws[i].trainings.size();
    }
    EXPECT_EQ(rejected + decided, ws.size());  // rows in = decided + rejected
    EXPECT_GT(rejected, 0u);
    EXPECT_GT(decided, ws.size() / 2);
}

// wal.cep.faq (https://emploi.wallonie.be/home/faq/page-content-inner/faq-list/faq-avec-categories-36.html): the quota
// of a worker alternating full- and part-time during the school year is « calculé proportionnellement à leur
// occupation effective ». The probe WAL-down (full-time until 2017-12-31, half-time on a variable schedule from
// 2018-01-01; 30 weekly 2 h lessons from 2017-09-07, 34 h before the change and 26 h after) through two faces: the
// JSON request (two jobs) and the v2 facts batch (two job rows) both grant 34 h x 1 + 26 h x 1/2 = 47 h.
TEST(LeaveFactsBatch, AlternatingEmploymentSameAsJson) {
    worker w = make_worker(region::wallonia, {job{date(2010, 1, 1), date(2017, 12, 31), 38 * 60, 38 * 60},
                                              employ(date(2018, 1, 1), 19, 38, schedule::variable)});
    training t = make_training("pro", training_type::professional);
    add_weekly(t, date(2017, 9, 7), 30, 120);
    w.trainings.push_back(t);
    facts_table table;
    table.add(w, school_year(2017));
    const auto cols = table.columns();
    outputs out(1, cols.training_type.size());
    leave_facts_batch(R(), cols, out.workers(), out.trainings());
    EXPECT_EQ(out.w_status[0], batch_granted);
    EXPECT_EQ(out.w_granted[0], 47 * 60);
    EXPECT_EQ(out.t_granted[0], 47 * 60);

    using json = nlohmann::json;
    json lessons = json::array();
    for (const auto& l : t.lessons) lessons.push_back({{"date", to_iso(l.day)}, {"start", "18:00"}, {"end", "20:00"}});
    const json jobs = json::array({{{"from", "2010-01-01"},
                                    {"to", "2017-12-31"},
                                    {"contract_per_week_hours", "38"},
                                    {"full_time_per_week_hours", "38"}},
                                   {{"from", "2018-01-01"},
                                    {"contract_per_week_hours", "19"},
                                    {"full_time_per_week_hours", "38"},
                                    {"schedule", "variable"}}});
    const json worker_doc{
        {"id", "W"},
        {"establishment_unit", {{"region", "wallonia"}}},
        {"jobs", jobs},
        {"trainings", json::array({{{"id", "pro"}, {"type", "professional"}, {"lessons", lessons}}})}};
    const json req{{"schema_version", 1},
                   {"kind", "leave.evaluate"},
                   {"school_year", "2017-2018"},
                   {"workers", json::array({worker_doc})}};
    const json r = json::parse(io::evaluate_json(default_engine(), req.dump()));
    const json& tr = r["result"]["workers"][0]["trainings"][0];
    EXPECT_EQ(tr["hours"]["granted"]["minutes"], out.t_granted[0]);
    EXPECT_EQ(tr["hours"]["pro_rata_share"], "47/60");
}

TEST(LeaveFactsBatch, MisSizedColumnsAreRefusedBeforeAnyRow) {
    worker_generator gen(1);
    facts_table table;
    table.add(gen.make(2021), school_year(2021));
    auto cols = table.columns();
    outputs out(1, cols.training_type.size());
    std::vector<std::int64_t> bad_offsets{0, 99};
    cols.training_offsets = bad_offsets;
    EXPECT_THROW(leave_facts_batch(R(), cols, out.workers(), out.trainings()), error);
}

TEST(LeaveFactsBatch, BadCodesRejectTheWorkerNotTheCall) {
    worker_generator gen(2);
    facts_table table;
    table.add(gen.make(2021), school_year(2021));
    table.add(gen.make(2022), school_year(2022));
    table.region[0] = 9;
    const auto cols = table.columns();
    outputs out(2, cols.training_type.size());
    leave_facts_batch(R(), cols, out.workers(), out.trainings());
    EXPECT_EQ(out.w_status[0], batch_bad_region);
    EXPECT_NE(out.w_status[1], batch_bad_region);
}

// Issue 13: an absence reason outside leave.absence.reasons refuses the
// worker in the batch as in the JSON path.
TEST(LeaveFactsBatch, UnknownAbsenceReasonRefusesTheWorker) {
    worker w = make_worker(region::wallonia, {employ(date(2015, 1, 1), 38)});
    training t;
    t.id = "t";
    add_weekly(t, date(2020, 9, 7), 20, 180);
    t.absences.push_back(absence{date(2020, 9, 7), minutes{60}, "ilness", {}, {}});
    w.trainings.push_back(t);
    facts_table table;
    table.add(w, school_year(2020));
    const auto cols = table.columns();
    outputs out(1, 1);
    leave_facts_batch(R(), cols, out.workers(), out.trainings());
    EXPECT_EQ(out.w_status[0], batch_bad_facts);
    EXPECT_EQ(out.w_problem[0], static_cast<std::uint8_t>(facts_problem::unknown_absence_reason));
    EXPECT_EQ(out.t_status[0], batch_bad_facts);
}

// Principle 5: a sector or a language kind outside the rulebook's words
// (leave.regime.sectors, leave.brussels.raised_languages: "allowed") refuses
// the worker in the batch as in the JSON path, with its own problem code; it
// was decided as another word (no right, or the ordinary cap).
TEST(LeaveFactsBatch, UnknownSectorOrLanguageKindRefusesTheWorker) {
    for (const bool sector : {true, false}) {
        worker w = make_worker(region::brussels, {employ(date(2015, 1, 1), 38)});
        training t;
        t.id = "t";
        t.type = training_type::language;
        add_weekly(t, date(2023, 9, 11), 20, 180);
        (sector ? w.sector : t.language_kind) = sector ? "privat" : "nationl";
        w.trainings.push_back(t);
        facts_table table;
        table.add(w, school_year(2023));
        const auto cols = table.columns();
        outputs out(1, 1);
        leave_facts_batch(R(), cols, out.workers(), out.trainings());
        EXPECT_EQ(out.w_status[0], batch_bad_facts);
        EXPECT_EQ(out.w_problem[0], static_cast<std::uint8_t>(sector ? facts_problem::unknown_sector
                                                                     : facts_problem::unknown_language_kind));
        EXPECT_EQ(out.t_status[0], batch_bad_facts);
    }
}

// The facts batch refuses a school year the rulebook does not cover as the JSON path does (evaluate's
// refuse_uncovered_year, an input error on school_year: EDR_LEAVE_ROW_BAD_DATE), before (2011-2012) as
// after (2027-2028, beyond leave.coverage.last_day), and decides the worker of a covered year beside them.
TEST(LeaveFactsBatch, SchoolYearsTheRulebookDoesNotCoverRejectTheWorker) {
    facts_table table;
    for (int sy : {2011, 2026, 2027}) {
        worker w = make_worker(region::wallonia, {employ(date(2005, 1, 1), 38)});
        training t = make_training("t", training_type::professional);
        add_weekly(t, date(sy, 9, 6), 20, 180);
        w.trainings.push_back(t);
        table.add(w, school_year(sy));
    }
    const auto cols = table.columns();
    outputs out(3, 3);
    leave_facts_batch(R(), cols, out.workers(), out.trainings());
    EXPECT_EQ(out.w_status[0], batch_bad_date);
    EXPECT_EQ(out.w_status[1], batch_granted);
    EXPECT_EQ(out.w_status[2], batch_bad_date);
}

// Six consecutive variable-schedule jobs whose full-time minutes are coprime: their shares weighed over the school
// year (wal.cep.faq, leave.bev.alternating_employment) do not fit an exact 64-bit fraction. The JSON path refuses the
// request naming the jobs; the facts batch refuses the worker as bad_facts employment_too_fine, not as a bad date
// (a probe's finding: bad_date, a code that points at no date).
TEST(LeaveFactsBatch, EmploymentTooFineToWeighIsRefusedAsSuch) {
    std::vector<job> jobs;
    const std::int64_t full_time[] = {2203, 2207, 2213, 2221, 2237, 2239};
    for (std::int64_t k = 0; k < 6; ++k) {
        const date from = add_days(date(2017, 9, 1), 30 * k);
        jobs.push_back(job{from, add_days(from, 29), 1500, full_time[k], schedule::variable});
    }
    worker w = make_worker(region::wallonia, jobs);
    training t = make_training("pro", training_type::professional);
    add_weekly(t, date(2017, 9, 7), 40, 120);
    w.trainings.push_back(t);
    EXPECT_THROW(evaluate(R(), w, school_year(2017)), error);
    facts_table table;
    table.add(w, school_year(2017));
    const auto cols = table.columns();
    outputs out(1, cols.training_type.size());
    leave_facts_batch(R(), cols, out.workers(), out.trainings());
    EXPECT_EQ(out.w_status[0], batch_bad_facts);
    EXPECT_EQ(out.w_problem[0], static_cast<std::uint8_t>(facts_problem::employment_too_fine));
    EXPECT_EQ(to_string(facts_problem::employment_too_fine), "employment_too_fine");
}

// A job whose contract minutes exceed its full-time minutes is an employment share above 1, which no rule knows
// (a probe: 168 h against 40 h gave "employment_percent": "420.00%" and the full cap). Refused on every face as the
// account domain refuses it: the facts check (job_above_full_time), the facts batch (bad_facts) and the JSON path
// (jobs[0].contract_per_week_hours, tests/leave/test_json.cpp); a contract equal to full time is full time.
TEST(LeaveFactsBatch, ContractAboveFullTimeIsRefused) {
    worker w = make_worker(region::wallonia, {employ(date(2005, 1, 1), 39, 38)});
    training t = make_training("pro", training_type::professional);
    add_weekly(t, date(2017, 9, 7), 40, 120);
    w.trainings.push_back(t);
    const facts_error e = check_facts(w);
    EXPECT_EQ(e.problem, facts_problem::job_above_full_time);
    EXPECT_STREQ(e.field, "contract_minutes_per_week");
    EXPECT_NE(describe(w.trainings, e).find("more than full time"), std::string::npos);
    worker ok = w;
    ok.jobs[0].contract_minutes_per_week = ok.jobs[0].full_time_minutes_per_week;
    EXPECT_FALSE(check_facts(ok));
    facts_table table;
    table.add(w, school_year(2017));
    table.add(ok, school_year(2017));
    const auto cols = table.columns();
    outputs out(2, cols.training_type.size());
    leave_facts_batch(R(), cols, out.workers(), out.trainings());
    EXPECT_EQ(out.w_status[0], batch_bad_facts);
    EXPECT_EQ(out.w_problem[0], static_cast<std::uint8_t>(facts_problem::job_above_full_time));
    EXPECT_EQ(out.w_status[1], batch_granted);
    EXPECT_EQ(to_string(facts_problem::job_above_full_time), "job_above_full_time");
}
