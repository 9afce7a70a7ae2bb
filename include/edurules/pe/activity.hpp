// Learning activities: which forms count, minimum net duration, the test
// element and exam topics. Sources: SEU FAQ werkgevers (seed 000): "Een
// leeractiviteit duurt minimaal 45 minuten (e-learning) of 60 minuten
// (bijeenkomst)"; "toetselement ... hoeveel vragen de deelnemer goed moet
// beantwoorden"; "eind- en toetstermen van de SEU-examens". docs/rules.md 1.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "edurules/core/explain.hpp"
#include "edurules/core/nearest.hpp"
#include "edurules/pe/model.hpp"
#include "edurules/pe/rules.hpp"

namespace edurules::pe {

/// Why an activity does not meet the PE criteria.
enum class activity_defect { unknown_form, too_short, no_test_element, bad_test_element, no_topics };

inline const char* to_string(activity_defect d) {
    switch (d) {
        case activity_defect::unknown_form:
            return "unknown_form";
        case activity_defect::too_short:
            return "too_short";
        case activity_defect::no_test_element:
            return "no_test_element";
        case activity_defect::bad_test_element:
            return "bad_test_element";
        case activity_defect::no_topics:
            return "no_topics";
    }
    return "?";
}

struct activity_assessment {
    bool meets_criteria = true;
    /// False when the activity gives no topics: the fit with the SEU exam end
    /// terms is then not judged here but left to the recognition committee.
    bool topics_checked = true;
    bool listed_publicly = true;  ///< shown on the public training calendar (scholingskalender)
    std::vector<activity_defect> defects;
    minutes minimum;          ///< the minimum that applied to its form
    bool individual = false;  ///< e-learning-like (individual) rather than a meeting
    explanation why;
};

/// The topic criterion. Seed 000: "Leeractiviteiten passen binnen de
/// onderwerpen zoals beschreven in de eind- en toetstermen van de
/// SEU-examens", and in the recognition application "het is van belang dat je
/// kunt aangeven op welke eind- en toetstermen van de SEU-examinering de
/// leeractiviteit aansluit": the fit is declared to and judged by the
/// recognition committee (erkenningscommissie, erkenningsreglement). So an
/// activity that gives no topic list is not refused for it: the criterion is
/// unchecked (topics_checked false, explained). A list that is given but empty
/// declares that the activity covers no end term: that fails (no_topics).
template <class Fail>
void assess_topics(const activity& a, activity_assessment& out, Fail&& fail) {
    if (!a.topics) {
        out.topics_checked = false;
        out.why.note("pe.activity.topics",
                     "no topics given: whether the activity fits the SEU exam end terms is not checked here; the "
                     "recognition committee judges it on the application (seed 000)");
    } else if (a.topics->empty()) {
        fail(activity_defect::no_topics);
        out.why.note("pe.activity.topics", "the activity covers no SEU exam topic (end term)");
    } else {
        out.why.add("pe.activity.topics", [&] {
            return "covers " + std::to_string(a.topics->size()) +
                   " SEU exam topic(s) (end terms); their fit is for the recognition committee to judge";
        });
    }
}

/// Does `a` meet the PE criteria for recognition, under the rules in force on `on`?
inline activity_assessment assess_activity(const rules& r, const activity& a, date on, bool explain = true) {
    activity_assessment out;
    out.why = explanation(explain);
    auto fail = [&](activity_defect d) {
        out.meets_criteria = false;
        out.defects.push_back(d);
    };
    const auto forms = read<std::vector<std::string>>(*r.forms, on);
    if (std::find(forms.value.begin(), forms.value.end(), a.form) == forms.value.end()) {
        fail(activity_defect::unknown_form);
        out.why.add("pe.activity.form",
                    [&] {
                        return "form \"" + a.form + "\" is not a recognised form of learning activity" +
                               one_of(a.form, forms.value);
                    },
                    {forms.use});
    } else {
        out.why.add("pe.activity.form", [&] { return "form \"" + a.form + "\" is a recognised form"; }, {forms.use});
    }
    const auto indiv = read<std::vector<std::string>>(*r.individual_forms, on);
    out.individual = std::find(indiv.value.begin(), indiv.value.end(), a.form) != indiv.value.end();
    const auto min = read<minutes>(out.individual ? *r.min_individual : *r.min_meeting, on);
    out.minimum = min.value;
    if (a.net_duration < min.value) {
        fail(activity_defect::too_short);
        out.why.add("pe.activity.min_duration",
                    [&] {
                        return "net duration " + std::to_string(a.net_duration.count) +
                               " min is below the minimum of " + std::to_string(min.value.count) + " min for " +
                               (out.individual ? "an e-learning" : "a meeting");
                    },
                    {indiv.use, min.use});
    } else {
        out.why.add("pe.activity.min_duration",
                    [&] {
                        return "net duration " + std::to_string(a.net_duration.count) + " min meets the minimum of " +
                               std::to_string(min.value.count) + " min";
                    },
                    {indiv.use, min.use});
    }
    const auto test_needed = read<bool>(*r.test_required, on);
    if (test_needed.value) {
        if (!a.test) {
            fail(activity_defect::no_test_element);
            out.why.add("pe.activity.test", [] { return std::string("the activity has no test element"); },
                        {test_needed.use});
        } else if (a.test->questions <= 0 || a.test->required_correct <= 0 ||
                   a.test->required_correct > a.test->questions) {
            fail(activity_defect::bad_test_element);
            out.why.add("pe.activity.test",
                        [&] {
                            return "the test element needs 1 to " + std::to_string(a.test->questions) +
                                   " correct answers out of " + std::to_string(a.test->questions) + " questions, not " +
                                   std::to_string(a.test->required_correct);
                        },
                        {test_needed.use});
        } else {
            out.why.add("pe.activity.test",
                        [&] {
                            return "test element: " + std::to_string(a.test->required_correct) + " of " +
                                   std::to_string(a.test->questions) + " questions must be answered correctly";
                        },
                        {test_needed.use});
        }
    }
    // Seed 000: "Erkende leeractiviteiten van een werkgever worden niet vermeld
    // in de openbare scholingskalender"; "Een interne- of maatwerk
    // leeractiviteit is niet zichtbaar op de openbare scholingskalender. Dit kun
    // je zelf aangeven": internal activities are never listed, others unless hidden.
    out.listed_publicly = a.provider == provider_kind::commercial && a.public_calendar;
    out.why.note("pe.activity.calendar",
                 out.listed_publicly ? std::string("listed on the public training calendar")
                 : a.provider == provider_kind::employer
                     ? std::string("an employer's internal activity: not on the public training calendar")
                     : std::string("tailored activity hidden from the public training calendar"));
    assess_topics(a, out, fail);
    return out;
}

}  // namespace edurules::pe
