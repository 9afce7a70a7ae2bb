// Decisions that explain themselves: every result carries the rules applied,
// the parameter values used (with their effective dates) and their sources.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "edurules/core/rulebook.hpp"

namespace edurules {

/// One rule applied in a decision: a stable rule id (e.g.
/// "pe.registration.lapse"), a sentence saying what it found, and the
/// rulebook values it used.
struct step {
    std::string_view rule;  ///< points at a string literal: rule ids are static
    std::string text;
    std::vector<param_use> params;
};

/// The reasons behind a decision. A disabled explanation records nothing and
/// allocates nothing, for batch paths that only need the results; the rule
/// code is the same either way.
class explanation {
public:
    explicit explanation(bool enabled = true) : enabled_(enabled) {}

    bool enabled() const noexcept { return enabled_; }
    const std::vector<step>& steps() const noexcept { return steps_; }
    bool empty() const noexcept { return steps_.empty(); }

    /// Records a step. `text` is a callable returning std::string, so that
    /// formatting costs nothing when the explanation is disabled.
    template <class TextFn>
    void add(std::string_view rule, TextFn&& text, std::initializer_list<param_use> params = {}) {
        if (!enabled_) return;
        steps_.push_back(step{rule, std::forward<TextFn>(text)(), std::vector<param_use>(params)});
    }
    /// Records a step with a ready text; a literal costs nothing when disabled.
    template <class Text>
    void note(std::string_view rule, Text&& text, std::initializer_list<param_use> params = {}) {
        if (!enabled_) return;
        steps_.push_back(step{rule, std::string(std::forward<Text>(text)), std::vector<param_use>(params)});
    }
    /// Appends another explanation's steps (e.g. a sub-decision's).
    void append(const explanation& other) {
        if (!enabled_) return;
        steps_.insert(steps_.end(), other.steps_.begin(), other.steps_.end());
    }
    void clear() noexcept { steps_.clear(); }

    /// True if any value used is provisional (confidence P).
    bool uses_provisional() const noexcept {
        for (const auto& s : steps_)
            for (const auto& u : s.params)
                if (u.version && u.version->conf == confidence::provisional) return true;
        return false;
    }

private:
    bool enabled_;
    std::vector<step> steps_;
};

}  // namespace edurules
