/* Public headers compile as -std=c99 -pedantic. */
#include <tdx/tdx.h>
#include <tdx/model.h>

int tdx_header_c99_compiles(void);
int tdx_header_c99_compiles(void)
{
	struct tdx_module_args args = { 0 };
	struct tdx_model_record rec = { 0 };
	return (int)sizeof(args) + (int)sizeof(rec);
}
