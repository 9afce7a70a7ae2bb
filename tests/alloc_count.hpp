// Counts global allocations for the "no allocation per row" tests of the
// batches. Include it from exactly one source file of a test program: it
// replaces the global operator new and delete of that program. Under
// sanitizers (which own operator new) counting is off and the tests skip.
#pragma once

#include <atomic>
#include <cstdlib>
#include <new>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define EDURULES_COUNT_ALLOCATIONS 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define EDURULES_COUNT_ALLOCATIONS 0
#endif
#endif
#ifndef EDURULES_COUNT_ALLOCATIONS
#define EDURULES_COUNT_ALLOCATIONS 1
#endif

namespace {
std::atomic<long> allocations{0};
}

#if EDURULES_COUNT_ALLOCATIONS
void* operator new(std::size_t n) {
    allocations.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(n ? n : 1)) return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
#endif
