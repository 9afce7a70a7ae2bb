// Memory a response is written into, owned by whoever asked for it: the
// writers write straight into it and ask its owner for more room, so that an
// answer reaches the caller's memory (the C ABI's edr_buf) without a copy.
#pragma once

#include <cstddef>
#include <string>

namespace edurules::io {

/// `cap` bytes at `ptr`, grown by the owner on request (grow). A writer
/// writes from an offset it is given and reports how far it wrote; the owner
/// decides what the bytes are (a string's size, an edr_buf's NUL).
class out_buffer {
public:
    char* ptr = nullptr;
    std::size_t cap = 0;
    /// Makes `cap` at least `need`, keeping the first `keep` bytes (ptr may
    /// move). Throws std::bad_alloc.
    virtual void grow(std::size_t keep, std::size_t need) = 0;

protected:
    out_buffer() = default;
    out_buffer(const out_buffer&) = default;
    out_buffer& operator=(const out_buffer&) = default;
    ~out_buffer() = default;
};

/// An out_buffer over a std::string: its whole capacity is the room (the
/// string is resized to it); set its size once written (done).
class string_out final : public out_buffer {
public:
    explicit string_out(std::string& s) : s_(&s) { take(s.capacity()); }
    void grow(std::size_t, std::size_t need) override {
        std::size_t n = 2 * s_->size();  // doubling, as appending would
        if (n < 256) n = 256;
        take(need > n ? need : n);
    }
    /// The string holds the first `n` bytes written.
    void done(std::size_t n) { s_->resize(n); }

private:
    void take(std::size_t n) {
        s_->resize(n);
        ptr = s_->data();
        cap = s_->size();
    }
    std::string* s_;
};

}  // namespace edurules::io
