// The fast reader's leave part (see fast_request.hpp): leave.* workers
// straight into leave::worker, every member the document reader knows
// (leave_json.cpp); on any doubt it declines and the document reader decides.
#include <set>

#include "edurules/leave/facts.hpp"
#include "fast_reader.hpp"

namespace edurules::io::detail::fast {

namespace {

using namespace edurules::leave;

constexpr names<7> leave_kinds{"leave.evaluate", "leave.regime",        "leave.eligibility", "leave.entitlement",
                               "leave.absence",  "leave.reimbursement", "leave.deadlines"};

/// A duration given as `<base>_minutes` (whole) or `<base>_hours` (exact decimal), within max_minutes.
struct duration {
    std::optional<minutes> value;
    void set(od::value v, bool hours) {
        if (value) doubt();  // both given
        const minutes m = hours ? known(minutes_of_hours(number(v))) : minutes{count(v)};
        if (m.count > max_minutes) doubt();
        value = m;
    }
};

template <class T, class Parse>
T parsed(od::value v, Parse&& parse) {
    return known(parse(text(v)));
}

job decode_job(od::value v) {
    job out;
    bool from = false;
    duration contract, full_time;
    members(v,
            names<7>{"from", "to", "contract_per_week_hours", "contract_per_week_minutes", "full_time_per_week_hours",
                     "full_time_per_week_minutes", "schedule"},
            [&](std::size_t k, od::value x) {
                switch (k) {
                    case 0:
                        out.from = day(x), from = true;
                        break;
                    case 1:
                        out.to = day(x);
                        break;
                    case 2:
                    case 3:
                        contract.set(x, k == 2);
                        break;
                    case 4:
                    case 5:
                        full_time.set(x, k == 4);
                        break;
                    default: {
                        const std::string_view s = text(x);
                        if (s != "fixed" && s != "variable") doubt();
                        out.sched = s == "fixed" ? schedule::fixed : schedule::variable;
                    }
                }
            });
    if (!from || !contract.value || !full_time.value || (out.to && *out.to < out.from)) doubt();
    out.contract_minutes_per_week = contract.value->count;
    out.full_time_minutes_per_week = full_time.value->count;
    if (out.full_time_minutes_per_week <= 0 || out.contract_minutes_per_week > minutes_per_week ||
        out.full_time_minutes_per_week > minutes_per_week ||
        out.contract_minutes_per_week > out.full_time_minutes_per_week)
        doubt();
    return out;
}

lesson decode_lesson(od::value v, std::optional<bool>& coinciding) {
    lesson x;
    unsigned seen = 0;
    members(v, names<6>{"date", "start", "end", "mode", "cancelled", "coinciding_with_work"},
            [&](std::size_t k, od::value y) {
                seen |= 1u << k;
                switch (k) {
                    case 0:
                        x.day = day(y);
                        break;
                    case 1:
                        x.start = known(clock_minutes(plain(y)));
                        break;
                    case 2:
                        x.end = known(clock_minutes(plain(y)));
                        break;
                    case 3:
                        x.mode = parsed<lesson_mode>(y, parse_lesson_mode);
                        break;
                    case 4:
                        x.cancelled = flag(y);
                        break;
                    default:
                        coinciding = flag(y);
                }
            });
    if ((seen & 0b111) != 0b111) doubt();
    return x;
}

/// An absence's "holiday": the days of the holiday it fell in, both given.
period holiday(od::value v) {
    std::optional<date> from, to;
    members(v, names<2>{"from", "to"}, [&](std::size_t k, od::value y) { (k == 0 ? from : to) = day(y); });
    return period{known(std::move(from)), known(std::move(to))};
}

absence decode_absence(od::value v, std::optional<minutes>& length) {
    absence x;
    unsigned seen = 0;
    duration absent;
    members(v, names<6>{"date", "absent_minutes", "absent_hours", "reason", "employer_declared_on", "holiday"},
            [&](std::size_t k, od::value y) {
                seen |= 1u << k;
                switch (k) {
                    case 0:
                        x.day = day(y);
                        break;
                    case 1:
                    case 2:
                        absent.set(y, k == 2);
                        break;
                    case 3:
                        x.reason = str(y);
                        break;
                    case 4:
                        x.employer_declared_on = day(y);
                        break;
                    default:
                        x.holiday = holiday(y);
                }
            });
    if ((seen & 0b1001) != 0b1001) doubt();
    length = absent.value;
    return x;
}

leave_taken decode_taken(od::value v) {
    leave_taken x;
    bool on = false;
    duration length;
    members(v, names<3>{"date", "leave_minutes", "leave_hours"}, [&](std::size_t k, od::value y) {
        if (k == 0)
            x.day = day(y), on = true;
        else
            length.set(y, k == 2);
    });
    if (!on || !length.value) doubt();
    x.length = *length.value;
    return x;
}

constexpr names<17> training_members{"id",
                                     "type",
                                     "coinciding_with_work",
                                     "raised_cap",
                                     "language_kind",
                                     "organisation",
                                     "unit",
                                     "start",
                                     "module_code",
                                     "provider",
                                     "recognised",
                                     "exams",
                                     "enrolled_on",
                                     "lessons",
                                     "absences",
                                     "leave_taken",
                                     "vov"};

constexpr names<10> vov_members{"counting",           "credits",         "graduate",          "exam_contract",
                                "competences",        "exams",           "employer_proposed", "career_oriented",
                                "career_attest_date", "final_assessment"};

/// A whole number 0 .. max_count, as the document reader's opt_int takes it.
std::int64_t small_count(od::value v) {
    const std::int64_t n = count(v);
    if (n > max_count) doubt();
    return n;
}

/// A training's "vov" object (Flemish training leave: how hours count, and
/// what the diligence rules need). Its "exams", when given, is the training's.
void decode_vov(od::value v, training& t, std::optional<std::int64_t>& exams) {
    members(v, vov_members, [&](std::size_t k, od::value x) {
        switch (k) {
            case 0:
                t.counting = parsed<vov_counting>(x, parse_vov_counting);
                break;
            case 1:
                t.credits = small_count(x);
                break;
            case 2:
                t.graduate = flag(x);
                break;
            case 3:
                t.exam_contract = flag(x);
                break;
            case 4:
                t.competences = small_count(x);
                break;
            case 5:
                exams = small_count(x);
                break;
            case 6:
                t.employer_proposed = flag(x);
                break;
            case 7:
                t.career_oriented = flag(x);
                break;
            case 8:
                t.career_attest_date = day(x);
                break;
            default:
                t.assessment = parsed<final_assessment>(x, parse_final_assessment);
        }
    });
}

training decode_training(od::value v) {
    training t;
    unsigned seen = 0;
    // Per lesson: nullopt = the training's; per absence: nullopt = the day's
    // lessons. The thread's buffers, cleared per training (decode_training
    // does not nest), keep their room from request to request.
    thread_local std::vector<std::optional<bool>> coinciding;
    thread_local std::vector<std::optional<minutes>> lengths;
    thread_local std::vector<lesson> lessons;  // read here, then copied in with one allocation
    coinciding.clear();
    lengths.clear();
    lessons.clear();
    std::optional<std::int64_t> vov_exams;  // vov.exams, which wins over the training's
    members(v, training_members, [&](std::size_t k, od::value x) {
        seen |= 1u << k;
        switch (k) {
            case 0:
                t.id = str(x);
                break;
            case 1:
                t.type = parsed<training_type>(x, parse_training_type);
                break;
            case 2:
                t.coinciding = flag(x);
                break;
            case 3:
                t.raised = parsed<raise_reason>(x, parse_raise_reason);
                break;
            case 4:
                t.language_kind = str(x);
                break;
            case 5: {
                const std::string_view s = text(x);
                if (s != "school_year" && s != "modular") doubt();
                t.org = s == "school_year" ? organisation::school_year : organisation::modular;
                break;
            }
            case 6: {
                const std::string_view s = text(x);
                if (s != "clock_hours" && s != "lesson_periods") doubt();
                t.lesson_periods = s == "lesson_periods";
                break;
            }
            case 7:
                t.start = day(x);
                break;
            case 8:
                t.module_code = str(x);
                break;
            case 9:
                t.provider = str(x);
                break;
            case 10:
                t.recognised = flag(x);
                break;
            case 11:
                t.exams = small_count(x);
                break;
            case 12:
                t.enrolled_on = day(x);
                break;
            case 13:
                elements(x, [&](od::value y) { lessons.push_back(decode_lesson(y, coinciding.emplace_back())); });
                t.lessons.assign(lessons.begin(), lessons.end());
                break;
            case 14:
                elements(x, [&](od::value y) { t.absences.push_back(decode_absence(y, lengths.emplace_back())); });
                break;
            case 15:
                elements(x, [&](od::value y) { t.taken.push_back(decode_taken(y)); });
                break;
            default:
                decode_vov(x, t, vov_exams);
        }
    });
    if ((seen & 0b11) != 0b11) doubt();
    if (vov_exams) t.exams = *vov_exams;
    for (std::size_t i = 0; i < t.lessons.size(); ++i) t.lessons[i].coinciding = coinciding[i].value_or(t.coinciding);
    for (std::size_t i = 0; i < t.absences.size(); ++i)
        t.absences[i].length = lengths[i] ? *lengths[i] : facts_detail::given_on(t, t.absences[i].day);
    return t;
}

constexpr names<15> worker_members{"id",
                                   "establishment_unit",
                                   "head_office_region",
                                   "residence_region",
                                   "sector",
                                   "jobs",
                                   "passed_modules",
                                   "at_most_upper_secondary",
                                   "vov_sanctioned",
                                   "new_job_on",
                                   "trainings",
                                   "school_year",
                                   "bev_reimbursed_elsewhere_minutes",
                                   "bev_reimbursed_elsewhere_hours",
                                   "monthly_wage"};

leave::worker decode_worker(od::value v, std::optional<school_year>& year) {
    leave::worker w;
    unsigned seen = 0;
    duration bev_elsewhere;
    members(v, worker_members, [&](std::size_t k, od::value x) {
        seen |= 1u << k;
        switch (k) {
            case 0:
                w.id = str(x);
                break;
            case 1: {
                bool region = false;
                members(x, names<1>{"region"}, [&](std::size_t, od::value y) {
                    w.reg = parsed<leave::region>(y, parse_region), region = true;
                });
                if (!region) doubt();
                break;
            }
            case 2:
                w.head_office = parsed<leave::region>(x, parse_region);
                break;
            case 3:
                w.residence = parsed<leave::region>(x, parse_region);
                break;
            case 4:
                w.sector = str(x);
                break;
            case 5:
                elements(x, [&](od::value y) { w.jobs.push_back(decode_job(y)); });
                break;
            case 6:
                elements(x, [&](od::value y) { w.passed_modules.push_back(str(y)); });
                break;
            case 7:
                w.at_most_upper_secondary = flag(x);
                break;
            case 8:
                w.vov_sanctioned = flag(x);
                break;
            case 9:
                w.new_job_on = day(x);
                break;
            case 10:
                elements(x, [&](od::value y) { w.trainings.push_back(decode_training(y)); });
                break;
            case 11:
                year = known(school_year::parse(text(x)));
                break;
            case 12:
            case 13:
                bev_elsewhere.set(x, k == 13);
                break;
            default:
                w.monthly_wage_cents = known(wage_in_cents(number(x)));
        }
    });
    if (bev_elsewhere.value) w.bev_reimbursed_elsewhere = *bev_elsewhere.value;
    if ((seen & 0b10000100011) != 0b10000100011) doubt();  // id, establishment_unit, jobs, trainings
    for (std::size_t i = 0; i < w.trainings.size(); ++i)
        for (std::size_t k = 0; k < i; ++k)
            if (w.trainings[k].id == w.trainings[i].id) doubt();
    return w;
}

}  // namespace

bool is_leave_kind(std::string_view kind) { return index_of(leave_kinds, kind) < leave_kinds.size(); }

std::vector<leave::worker> leave_workers(const engine&, od::value v, std::vector<std::optional<school_year>>& years) {
    std::vector<leave::worker> out;
    elements(v, [&](od::value x) { out.push_back(decode_worker(x, years.emplace_back())); });
    return out;
}

bool leave_workers_accepted(const engine& e, leave_request& r, const std::vector<std::optional<school_year>>& years) {
    std::set<std::pair<std::string, int>> seen;  // a worker appears once per school year
    r.years.clear();
    for (std::size_t i = 0; i < r.workers.size(); ++i) {
        const leave::worker& w = r.workers[i];
        if (check_facts(w) || check_words(e.leave(), w, w.trainings)) return false;
        r.years.push_back(years[i].value_or(r.year));
        if (!seen.emplace(w.id, r.years.back().start_year()).second) return false;
    }
    return true;
}

}  // namespace edurules::io::detail::fast
