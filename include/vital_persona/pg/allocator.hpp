// A standard allocator over a PostgreSQL MemoryContext, for Boost.Container (flat_map,
// small_vector, ...). Allocation never longjmps: it asks palloc not to raise on OOM and
// throws std::bad_alloc instead, which the entry guard reports as SQLSTATE 53200.
//
// Rules: the context must outlive the container; keep elements trivially destructible
// (ints, Oid, Datum, pointers into palloc memory), so a skipped destructor leaks nothing.
#pragma once

#include <cstddef>
#include <new>

#include <boost/container/flat_map.hpp>
#include <boost/container/small_vector.hpp>

#include "vital_persona/pg/postgres.hpp"

namespace vp::pg {

template <class T>
struct McxtAllocator {
	using value_type = T;
	MemoryContext context;

	explicit McxtAllocator(MemoryContext cxt = CurrentMemoryContext) noexcept : context(cxt) {}
	template <class U>
	McxtAllocator(const McxtAllocator<U> &other) noexcept : context(other.context) {}

	// The element size, also when T is a pointer (clang-tidy suspects sizeof of a pointer to an aggregate).
	static constexpr std::size_t element_size = sizeof(T);  // NOLINT(bugprone-sizeof-expression)

	T *allocate(std::size_t n) {
		if (n > MaxAllocSize / element_size)
			throw std::bad_array_new_length();
		// lint: cannot-raise: MCXT_ALLOC_NO_OOM returns nullptr on OOM, and the size is checked above
		void *p = MemoryContextAllocExtended(context, n * element_size, MCXT_ALLOC_NO_OOM);
		if (p == nullptr)
			throw std::bad_alloc();
		return static_cast<T *>(p);
	}
	void deallocate(T *p, std::size_t) noexcept { pfree(p); }

	template <class U>
	bool operator==(const McxtAllocator<U> &o) const noexcept { return context == o.context; }
	template <class U>
	bool operator!=(const McxtAllocator<U> &o) const noexcept { return context != o.context; }
};

// Containers most code needs, palloc-backed.
template <class T, std::size_t N>
using SmallVector = boost::container::small_vector<T, N, McxtAllocator<T>>;

template <class K, class V, class Compare = std::less<K>>
using FlatMap = boost::container::flat_map<K, V, Compare, McxtAllocator<std::pair<K, V>>>;

// Boost 1.74: small_vector's allocator_type wraps ours with an explicit constructor.
template <class Vec>
Vec make_small_vector(MemoryContext cxt = CurrentMemoryContext) {
	return Vec{typename Vec::allocator_type(McxtAllocator<typename Vec::value_type>(cxt))};
}

}  // namespace vp::pg
