// The engine: one immutable object holding a rulebook and each domain's
// parameters resolved from it. Build once, share across threads freely.
#pragma once

#include <memory>
#include <string>
#include <utility>

#include "edurules/account/rules.hpp"
#include "edurules/core/rulebook.hpp"
#include "edurules/leave/rules.hpp"
#include "edurules/pe/rules.hpp"

namespace edurules {

/// Immutable after construction; every member function is const and safe to
/// call from several threads at once. Construction resolves and checks every
/// parameter the rules need, so a rulebook lacking one is refused here
/// (errc::rulebook naming it) rather than in the middle of a batch.
class engine {
public:
    /// Resolves every parameter the rules read, once; refuses (errc::rulebook)
    /// a rulebook that lacks one, holds one of the wrong type or out of the
    /// default's declared range, or carries one no rule reads.
    explicit engine(std::shared_ptr<const rulebook> rb = rulebook::builtin())
        : book_(checked(std::move(rb))),
          label_(book_->name() + " " + book_->version()),
          pe_(*book_),
          leave_(*book_),
          account_(*book_) {}

    const rulebook& book() const noexcept { return *book_; }
    const std::shared_ptr<const rulebook>& book_ptr() const noexcept { return book_; }
    /// The rulebook's name and version ("edurules default rulebook 2026.11.0"),
    /// as every answer names it; made once.
    const std::string& rulebook_label() const noexcept { return label_; }
    const pe::rules& pe() const noexcept { return pe_; }
    const leave::rules& leave() const noexcept { return leave_; }
    const account::rules& account() const noexcept { return account_; }

private:
    static std::shared_ptr<const rulebook> checked(std::shared_ptr<const rulebook> rb) {
        if (rb) rb->refuse_unknown_parameters();
        return rb;
    }
    std::shared_ptr<const rulebook> book_;
    std::string label_;
    pe::rules pe_;
    leave::rules leave_;
    account::rules account_;
};

}  // namespace edurules
