// Large buffers on transparent huge pages.
//
// A column of millions of rows spans hundreds of thousands of 4 KiB pages;
// reading it sequentially then costs a page walk every 4 KiB, which on a
// virtual machine with shadow or nested paging can cost more than the rules
// themselves (measured on this project's 2-core VM: a plain sum over 10^7
// leave rows took 570 ms on 4 KiB pages and 13 ms on 2 MiB pages). Linux
// gives huge pages to anonymous memory that asks for them (MADV_HUGEPAGE)
// when transparent huge pages are in "madvise" mode (Ubuntu's default and
// many cloud images'), and to all of it in "always" mode. numpy asks for its
// large arrays; std::vector's memory from malloc does not ask.
//
// `huge_page_allocator` asks: a buffer of at least 2 MiB is mapped on its
// own, 2 MiB aligned, and advised; a smaller one comes from operator new as
// usual. Where the advice is unknown or refused the memory is ordinary
// memory: this changes speed, never results.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <new>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace edurules::detail {

inline constexpr std::size_t huge_page_bytes = std::size_t{2} << 20;

/// Maps `bytes` (a multiple of huge_page_bytes) at a huge page boundary and
/// asks for huge pages; nullptr when the system has no memory to give.
inline void* map_huge(std::size_t bytes) noexcept {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    const std::size_t span = bytes + huge_page_bytes;  // room to align
    void* p = ::mmap(nullptr, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return nullptr;
    char* const first = static_cast<char*>(p);
    const std::size_t misaligned = reinterpret_cast<std::uintptr_t>(first) & (huge_page_bytes - 1);
    const std::size_t head = misaligned == 0 ? 0 : huge_page_bytes - misaligned, tail = span - head - bytes;
    char* const aligned = first + head;
    if (head > 0) ::munmap(first, head);
    if (tail > 0) ::munmap(aligned + bytes, tail);
    ::madvise(aligned, bytes, MADV_HUGEPAGE);  // advice: refused = ordinary pages
    return aligned;
#else
    return ::operator new(bytes, std::nothrow);
#endif
}

inline void unmap_huge(void* p, std::size_t bytes) noexcept {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    ::munmap(p, bytes);
#else
    (void)bytes;
    ::operator delete(p);
#endif
}

/// std::allocator, except that buffers of 2 MiB or more sit on huge pages
/// where the system gives them (see the file comment).
template <class T>
struct huge_page_allocator {
    using value_type = T;
    huge_page_allocator() noexcept = default;
    template <class U>
    huge_page_allocator(const huge_page_allocator<U>&) noexcept {}  // NOLINT(google-explicit-constructor)

    static std::size_t mapped_bytes(std::size_t n) noexcept {
        return (n * sizeof(T) + huge_page_bytes - 1) & ~(huge_page_bytes - 1);
    }
    static bool is_huge(std::size_t n) noexcept { return n >= huge_page_bytes / sizeof(T); }

    T* allocate(std::size_t n) {
        static_assert(alignof(T) <= alignof(std::max_align_t), "over-aligned types are not supported");
        if (n > (std::numeric_limits<std::size_t>::max() - huge_page_bytes) / sizeof(T))  // bytes + alignment fit
            throw std::bad_array_new_length();
        if (!is_huge(n)) return std::allocator<T>{}.allocate(n);
        void* p = map_huge(mapped_bytes(n));
        if (!p) throw std::bad_alloc();
        return static_cast<T*>(p);
    }
    void deallocate(T* p, std::size_t n) noexcept {
        if (!is_huge(n))
            std::allocator<T>{}.deallocate(p, n);
        else
            unmap_huge(p, mapped_bytes(n));
    }
    template <class U>
    bool operator==(const huge_page_allocator<U>&) const noexcept {
        return true;
    }
};

/// A vector whose large buffers sit on huge pages (columns of a batch).
template <class T>
using big_vector = std::vector<T, huge_page_allocator<T>>;

}  // namespace edurules::detail
