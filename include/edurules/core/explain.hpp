// Decisions that explain themselves: every result carries the rules applied,
// the parameter values used (with their effective dates) and their sources.
//
// A decision records, it does not write: each step is a rule id, the raw
// values the rule saw (integers, dates, decimals, short texts) and the
// rulebook values it used, appended to flat pools that a reused explanation
// keeps between decisions. The sentence of a step is produced only when it
// is read (step_ref::text), by the formatter the rule chose. Steps whose
// text is ready (note) or made by a callable (add) are the eager fallback;
// their text is kept in the same kind of pool.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "edurules/core/rulebook.hpp"

namespace edurules {

/// Text copied into the explanation when it is recorded, so that the
/// explanation never points at data that dies with the decision (ids, names).
struct copied {
    std::string_view text;
};

/// One recorded value: an integer (also dates as day numbers, points as
/// hundredths, booleans and enum codes), a decimal, or copied text (held in
/// the explanation's text pool). It holds no pointer.
struct trace_value {
    enum class kind : std::uint8_t { integer, decimal, text };
    std::int64_t n = 0;   ///< integer, day number, decimal mantissa, or text length
    std::uint32_t x = 0;  ///< decimal scale, or text offset in the pool
    kind k = kind::integer;
};

/// The recorded values of one step, as its formatter reads them; position i
/// is the i-th value given to explanation::record.
class trace_args {
public:
    trace_args(const trace_value* v, std::string_view pool) noexcept : v_(v), pool_(pool) {}
    std::int64_t integer(std::size_t i) const noexcept { return v_[i].n; }
    bool flag(std::size_t i) const noexcept { return v_[i].n != 0; }
    date day(std::size_t i) const noexcept { return date(static_cast<date::date_int_type>(v_[i].n)); }
    decimal dec(std::size_t i) const noexcept { return decimal{v_[i].n, static_cast<int>(v_[i].x)}; }
    std::string_view text(std::size_t i) const noexcept {
        return pool_.substr(v_[i].x, static_cast<std::size_t>(v_[i].n));
    }

private:
    const trace_value* v_;
    std::string_view pool_;
};

/// Writes the sentence of a recorded step (appends to `out`).
using step_formatter = void (*)(std::string& out, const trace_args& a);

class explanation;

/// What an explanation keeps of a decision: its steps (explain on), only
/// whether a provisional value was used (explain off: the flag is part of the
/// answer), or nothing (batches, whose results carry no such flag). A bool
/// converts: true records the steps, false the flag.
struct recording {
    enum mode : std::uint8_t { nothing, flags, steps };
    mode m;
    constexpr recording(bool explain) noexcept : m(explain ? steps : flags) {}
    constexpr recording(mode x) noexcept : m(x) {}
};

/// One step as read from an explanation: a stable rule id (e.g.
/// "pe.registration.lapse", a string literal), the rulebook values it used,
/// and its sentence, formatted on request.
class step_ref {
public:
    std::string_view rule;
    std::span<const param_use> params;
    std::string text() const;
    void append_text(std::string& out) const;

private:
    friend class explanation;
    step_ref(const explanation* owner, std::size_t i);
    const explanation* owner_;
    std::size_t index_;
};

/// The reasons behind a decision. A disabled explanation records nothing and
/// allocates nothing, for batch paths that only need the results; the rule
/// code is the same either way. clear() keeps the capacity, so an explanation
/// reused across decisions stops allocating once warm.
class explanation {
public:
    explicit explanation(recording what = true) noexcept : mode_(what.m) {}
    explanation(const explanation& o) : mode_(o.mode_), provisional_(o.provisional_) { copy_pools(o); }
    explanation(explanation&& o) noexcept { swap(o); }
    explanation& operator=(explanation o) noexcept {
        swap(o);
        return *this;
    }
    ~explanation() { release(); }

    /// Whether the steps are recorded.
    bool enabled() const noexcept { return mode_ == recording::steps; }
    bool empty() const noexcept { return n_steps_ == 0; }
    std::size_t size() const noexcept { return n_steps_; }

    /// The steps, in the order they were recorded.
    class step_range;
    step_range steps() const noexcept;

    /// Records a step: its rule, the formatter of its sentence, the rulebook
    /// values used and the raw values the formatter reads (integral, enum,
    /// date, decimal or copied). Nothing is formatted here.
    template <class... V>
    [[gnu::always_inline]] void record(std::string_view rule, step_formatter fmt,
                                       std::initializer_list<param_use> params, const V&... values) {
        if (mode_ != recording::steps) return flag(params);
        reserve_more(1, sizeof...(V), params.size(), (chars_of(values) + ... + std::size_t{0}));
        const auto v0 = static_cast<std::uint32_t>(n_values_);
        trace_value* out = values_ + n_values_;
        ((*out++ = value_of(values)), ...);
        n_values_ += sizeof...(V);
        push_step(rule, fmt, v0, sizeof...(V), params);
    }
    /// Records a step with the sentence made now by `text`, a callable
    /// returning std::string (eager; it costs nothing when disabled).
    template <class TextFn>
    void add(std::string_view rule, TextFn&& text, std::initializer_list<param_use> params = {}) {
        if (mode_ != recording::steps) return flag(params);
        note(rule, std::string_view(std::forward<TextFn>(text)()), params);
    }
    /// Records a step with a ready sentence (copied into the text pool).
    void note(std::string_view rule, std::string_view text, std::initializer_list<param_use> params = {}) {
        if (mode_ != recording::steps) return flag(params);
        reserve_more(1, 0, params.size(), text.size());
        const auto at = push_chars(text);
        push_step(rule, nullptr, at, static_cast<std::uint32_t>(text.size()), params);
    }
    /// Appends another explanation's steps (e.g. a sub-decision's).
    void append(const explanation& other);
    /// Forgets the steps, keeping the capacity.
    void clear() noexcept {
        n_steps_ = n_values_ = n_params_ = n_chars_ = 0;
        provisional_ = false;
    }
    /// Forgets the steps and records from now on only when `enabled`.
    void reset(recording what) noexcept {
        clear();
        mode_ = what.m;
    }

    /// True if any value used is provisional (confidence P). Known whether or
    /// not the steps are recorded: a decision made without its explanation
    /// flags the same provisional values as one made with it.
    bool uses_provisional() const noexcept { return provisional_; }

    void swap(explanation& o) noexcept {
        std::swap(mode_, o.mode_);
        std::swap(provisional_, o.provisional_);
        std::swap(block_, o.block_);
        std::swap(steps_, o.steps_);
        std::swap(values_, o.values_);
        std::swap(params_, o.params_);
        std::swap(chars_, o.chars_);
        std::swap(cap_steps_, o.cap_steps_);
        std::swap(cap_values_, o.cap_values_);
        std::swap(cap_params_, o.cap_params_);
        std::swap(cap_chars_, o.cap_chars_);
        std::swap(n_steps_, o.n_steps_);
        std::swap(n_values_, o.n_values_);
        std::swap(n_params_, o.n_params_);
        std::swap(n_chars_, o.n_chars_);
    }

private:
    friend class step_ref;
    /// A recorded step. fmt null: eager, the text is chars [a, a + b);
    /// otherwise the values are [a, a + b).
    struct record_t {
        std::string_view rule;
        step_formatter fmt;
        std::uint32_t a, b, p, np;
    };
    static_assert(std::is_trivially_copyable_v<record_t> && std::is_trivially_copyable_v<trace_value> &&
                  std::is_trivially_copyable_v<param_use>);

    // One heap block holds the four pools: [steps | values | params | chars];
    // chars holds the eager sentences and the copied texts.
    record_t* steps_ptr() const noexcept { return steps_; }
    trace_value* values_ptr() const noexcept { return values_; }
    param_use* params_ptr() const noexcept { return params_; }
    char* chars_ptr() const noexcept { return chars_; }
    std::string_view chars_view() const noexcept { return n_chars_ ? std::string_view(chars_ptr(), n_chars_) : ""; }
    std::span<const param_use> params_view(std::size_t at, std::size_t n) const noexcept {
        return n ? std::span<const param_use>(params_ptr() + at, n) : std::span<const param_use>();
    }

    [[gnu::always_inline]] void reserve_more(std::size_t s, std::size_t v, std::size_t p, std::size_t c) {
        if (n_steps_ + s > cap_steps_ || n_values_ + v > cap_values_ || n_params_ + p > cap_params_ ||
            n_chars_ + c > cap_chars_)
            grow(n_steps_ + s, n_values_ + v, n_params_ + p, n_chars_ + c);
    }
    void grow(std::size_t s, std::size_t v, std::size_t p, std::size_t c);
    void release() noexcept;
    void place(std::unique_ptr<std::byte[]> b, std::size_t cs, std::size_t cv, std::size_t cp, std::size_t cc) noexcept;
    // The first block of an explanation has this layout; the last one freed
    // on a thread is kept for the next explanation made there (a fresh
    // explanation per decision then allocates nothing either).
    static constexpr std::size_t first_steps = 8, first_values = 20, first_params = 16, first_chars = 128;
    struct spare_slot {
        std::unique_ptr<std::byte[]> block;
        ~spare_slot();
    };
    /// The thread's spare block, or null once the thread's slot is gone
    /// (an explanation destroyed during thread exit frees its own block).
    static spare_slot* spare() noexcept;
    template <class T>
    static std::size_t chars_of(const T& v) noexcept {
        if constexpr (std::is_same_v<T, copied>)
            return v.text.size();
        else
            return 0;
    }
    std::uint32_t push_chars(std::string_view t) noexcept {
        const auto at = static_cast<std::uint32_t>(n_chars_);
        if (!t.empty()) std::memcpy(chars_ptr() + n_chars_, t.data(), t.size());
        n_chars_ += t.size();
        return at;
    }
    void copy_pools(const explanation& o);
    /// A step not recorded: only whether it used a provisional value, when asked.
    void flag(std::initializer_list<param_use> params) noexcept {
        if (mode_ == recording::nothing) return;
        for (const param_use& u : params) provisional_ |= u.version && u.version->conf == confidence::provisional;
    }

    [[gnu::always_inline]] void push_step(std::string_view rule, step_formatter fmt, std::uint32_t a, std::uint32_t b,
                                          std::initializer_list<param_use> params) noexcept {
        param_use* pp = params_ptr() + n_params_;
        for (const param_use& u : params) {
            *pp++ = u;
            provisional_ |= u.version && u.version->conf == confidence::provisional;
        }
        steps_ptr()[n_steps_++] =
            record_t{rule, fmt, a, b, static_cast<std::uint32_t>(n_params_), static_cast<std::uint32_t>(params.size())};
        n_params_ += params.size();
    }
    template <class T>
    [[gnu::always_inline]] trace_value value_of(const T& v) noexcept {
        using kind = trace_value::kind;
        if constexpr (std::is_same_v<T, date>) {
            return trace_value{static_cast<std::int64_t>(v.day_number()), 0, kind::integer};
        } else if constexpr (std::is_same_v<T, decimal>) {
            return trace_value{v.mantissa, static_cast<std::uint32_t>(v.scale), kind::decimal};
        } else if constexpr (std::is_same_v<T, copied>) {
            return trace_value{static_cast<std::int64_t>(v.text.size()), push_chars(v.text), kind::text};
        } else {
            static_assert(std::is_integral_v<T> || std::is_enum_v<T>,
                          "record integers, enums, dates, decimals or copied text");
            return trace_value{static_cast<std::int64_t>(v), 0, kind::integer};
        }
    }

    recording::mode mode_ = recording::steps;
    bool provisional_ = false;  ///< a value used is provisional (recorded, or flags)
    std::unique_ptr<std::byte[]> block_;
    record_t* steps_ = nullptr;
    trace_value* values_ = nullptr;
    param_use* params_ = nullptr;
    char* chars_ = nullptr;
    std::size_t cap_steps_ = 0, cap_values_ = 0, cap_params_ = 0, cap_chars_ = 0;
    std::size_t n_steps_ = 0, n_values_ = 0, n_params_ = 0, n_chars_ = 0;
};

/// The steps of an explanation, read as step_ref values.
class explanation::step_range {
public:
    class iterator {
    public:
        using value_type = step_ref;
        using difference_type = std::ptrdiff_t;
        iterator() = default;
        iterator(const explanation* e, std::size_t i) : e_(e), i_(i) {}
        step_ref operator*() const { return step_ref(e_, i_); }
        iterator& operator++() {
            ++i_;
            return *this;
        }
        iterator operator++(int) {
            iterator t = *this;
            ++i_;
            return t;
        }
        bool operator==(const iterator& o) const noexcept { return i_ == o.i_; }

    private:
        const explanation* e_ = nullptr;
        std::size_t i_ = 0;
    };
    explicit step_range(const explanation* e) : e_(e) {}
    iterator begin() const { return iterator(e_, 0); }
    iterator end() const { return iterator(e_, e_->n_steps_); }
    std::size_t size() const noexcept { return e_->n_steps_; }
    bool empty() const noexcept { return e_->n_steps_ == 0; }
    step_ref operator[](std::size_t i) const { return step_ref(e_, i); }
    step_ref front() const { return step_ref(e_, 0); }
    step_ref back() const { return step_ref(e_, e_->n_steps_ - 1); }

private:
    const explanation* e_;
};

inline explanation::step_range explanation::steps() const noexcept { return step_range(this); }

inline step_ref::step_ref(const explanation* owner, std::size_t i) : owner_(owner), index_(i) {
    const auto& r = owner->steps_ptr()[i];
    rule = r.rule;
    params = owner->params_view(r.p, r.np);
}

inline void step_ref::append_text(std::string& out) const {
    const auto& r = owner_->steps_ptr()[index_];
    if (!r.fmt)
        out.append(owner_->chars_ptr() + r.a, r.b);
    else
        r.fmt(out, trace_args(owner_->values_ptr() + r.a, owner_->chars_view()));
}

inline std::string step_ref::text() const {
    std::string out;
    append_text(out);
    return out;
}

inline void explanation::place(std::unique_ptr<std::byte[]> b, std::size_t cs, std::size_t cv, std::size_t cp,
                               std::size_t cc) noexcept {
    std::byte* at = b.get();
    auto* steps = reinterpret_cast<record_t*>(at);
    auto* values = reinterpret_cast<trace_value*>(at += cs * sizeof(record_t));
    auto* params = reinterpret_cast<param_use*>(at += cv * sizeof(trace_value));
    auto* chars = reinterpret_cast<char*>(at + cp * sizeof(param_use));
    if (n_steps_) std::memcpy(steps, steps_, n_steps_ * sizeof(record_t));
    if (n_values_) std::memcpy(values, values_, n_values_ * sizeof(trace_value));
    if (n_params_) std::memcpy(params, params_, n_params_ * sizeof(param_use));
    if (n_chars_) std::memcpy(chars, chars_, n_chars_);
    release();
    block_ = std::move(b);
    steps_ = steps;
    values_ = values;
    params_ = params;
    chars_ = chars;
    cap_steps_ = cs;
    cap_values_ = cv;
    cap_params_ = cp;
    cap_chars_ = cc;
}

inline void explanation::grow(std::size_t s, std::size_t v, std::size_t p, std::size_t c) {
    static_assert(sizeof(record_t) == 40);
    if (!block_ && s <= first_steps && v <= first_values && p <= first_params && c <= first_chars) {
        // First use: the thread's spare block, or a new one of the first layout.
        spare_slot* slot = spare();
        std::unique_ptr<std::byte[]> b = slot && slot->block ? std::move(slot->block) : nullptr;
        if (!b)
            b = std::make_unique_for_overwrite<std::byte[]>(first_steps * sizeof(record_t) +
                                                            first_values * sizeof(trace_value) +
                                                            first_params * sizeof(param_use) + first_chars);
        place(std::move(b), first_steps, first_values, first_params, first_chars);
        return;
    }
    const std::size_t cs = std::max({s, 2 * cap_steps_, first_steps});
    const std::size_t cv = std::max({v, 2 * cap_values_, first_values});
    const std::size_t cp = std::max({p, 2 * cap_params_, first_params});
    const std::size_t cc = (std::max({c, 2 * cap_chars_, first_chars}) + 7) / 8 * 8;
    place(std::make_unique_for_overwrite<std::byte[]>(cs * sizeof(record_t) + cv * sizeof(trace_value) +
                                                      cp * sizeof(param_use) + cc),
          cs, cv, cp, cc);
}

inline void explanation::release() noexcept {
    if (!block_) return;
    if (cap_steps_ == first_steps && cap_values_ == first_values && cap_params_ == first_params &&
        cap_chars_ == first_chars)
        if (spare_slot* slot = spare(); slot && !slot->block) slot->block = std::move(block_);
    block_.reset();
}

namespace detail {
inline thread_local bool explanation_spare_gone = false;  // trivially destructible: readable during thread exit
}
inline explanation::spare_slot::~spare_slot() { detail::explanation_spare_gone = true; }
inline explanation::spare_slot* explanation::spare() noexcept {
    if (detail::explanation_spare_gone) return nullptr;
    static thread_local spare_slot slot;
    return &slot;
}

inline void explanation::copy_pools(const explanation& o) {
    if (o.n_steps_ == 0) return;
    grow(o.n_steps_, o.n_values_, o.n_params_, o.n_chars_);
    std::memcpy(steps_ptr(), o.steps_ptr(), o.n_steps_ * sizeof(record_t));
    if (o.n_values_) std::memcpy(values_ptr(), o.values_ptr(), o.n_values_ * sizeof(trace_value));
    if (o.n_params_) std::memcpy(params_ptr(), o.params_ptr(), o.n_params_ * sizeof(param_use));
    if (o.n_chars_) std::memcpy(chars_ptr(), o.chars_ptr(), o.n_chars_);
    n_steps_ = o.n_steps_;
    n_values_ = o.n_values_;
    n_params_ = o.n_params_;
    n_chars_ = o.n_chars_;
}

inline void explanation::append(const explanation& other) {
    if (mode_ != recording::nothing) provisional_ |= other.provisional_;
    if (mode_ != recording::steps || other.n_steps_ == 0) return;
    if (&other == this) {
        const explanation copy(other);
        append(copy);
        return;
    }
    reserve_more(other.n_steps_, other.n_values_, other.n_params_, other.n_chars_);
    const auto v0 = static_cast<std::uint32_t>(n_values_), p0 = static_cast<std::uint32_t>(n_params_);
    const std::uint32_t text0 = push_chars(other.chars_view());
    for (std::size_t i = 0; i < other.n_values_; ++i) {
        trace_value t = other.values_ptr()[i];
        if (t.k == trace_value::kind::text) t.x += text0;
        values_ptr()[n_values_++] = t;
    }
    if (other.n_params_) std::memcpy(params_ptr() + n_params_, other.params_ptr(), other.n_params_ * sizeof(param_use));
    n_params_ += other.n_params_;
    for (std::size_t i = 0; i < other.n_steps_; ++i) {
        record_t r = other.steps_ptr()[i];
        r.a += r.fmt ? v0 : text0;
        r.p += p0;
        steps_ptr()[n_steps_++] = r;
    }
}

}  // namespace edurules
