// Public headers compile from C++ and declare C linkage.
#include <tdx/tdx.h>

static_assert(sizeof(tdx_module_args) == 13 * 8, "ABI layout");

extern "C" uint64_t (*const tdx_header_cxx_hypercall)(tdx_module_args *) = __tdx_hypercall;
