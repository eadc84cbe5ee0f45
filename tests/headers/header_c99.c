/* Public headers compile as -std=c99 -pedantic. */
#include <tdx/tdx.h>

int tdx_header_c99_compiles(void);
int tdx_header_c99_compiles(void)
{
	struct tdx_module_args args = { 0 };
	return (int)sizeof(args);
}
