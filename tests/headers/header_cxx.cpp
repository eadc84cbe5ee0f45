// Public headers compile from C++ and declare C linkage.
#include <tdx/tdx.h>
#include <tdx/model.h>

static_assert(sizeof(tdx_module_args) == 13 * 8, "ABI layout");
static_assert(sizeof(tdx_model_regs) == 18 * 8, "a register file");

extern "C" uint64_t (*const tdx_header_cxx_hypercall)(tdx_module_args *) = __tdx_hypercall;
extern "C" void (*const tdx_header_cxx_arm)(void) = tdx_model_arm;
