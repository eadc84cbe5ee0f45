# SPDX-License-Identifier: MIT
#
# Toolchain file: clang for a bare x86-64 ELF target, no host headers, no
# host libraries.  For libtdx itself and for freestanding projects that link
# it (firmware, unikernels, TD payloads).
#
#   cmake -S . -B out/cross -DCMAKE_TOOLCHAIN_FILE=cmake/x86_64-none-elf-clang.cmake
#
# The only headers libtdx includes beyond its own are <stdint.h>, <stddef.h>
# and <stdbool.h>; with -ffreestanding clang provides them from its resource
# directory, so -nostdinc cuts /usr/include off and the resource directory is
# put back as the one system include directory.  Executables are linked with
# ld.lld, -nostdlib -static: the consumer supplies its own entry point and,
# usually, its own linker script.
#
# Override the compiler with -DTDX_CLANG=/path/to/clang (and TDX_LLVM_SUFFIX,
# e.g. -14, when the LLVM tools carry a version suffix).

set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(TDX_CLANG clang CACHE STRING "clang used for the x86_64-unknown-none-elf build")
set(TDX_LLVM_SUFFIX "" CACHE STRING "Suffix of the LLVM binutils (llvm-ar<suffix>)")
set(TDX_TARGET_TRIPLE x86_64-unknown-none-elf)

set(CMAKE_C_COMPILER ${TDX_CLANG})
set(CMAKE_CXX_COMPILER ${TDX_CLANG}++)
set(CMAKE_ASM_COMPILER ${TDX_CLANG})
set(CMAKE_C_COMPILER_TARGET ${TDX_TARGET_TRIPLE})
set(CMAKE_CXX_COMPILER_TARGET ${TDX_TARGET_TRIPLE})
set(CMAKE_ASM_COMPILER_TARGET ${TDX_TARGET_TRIPLE})

find_program(TDX_LLVM_AR NAMES llvm-ar${TDX_LLVM_SUFFIX} llvm-ar REQUIRED)
find_program(TDX_LLVM_RANLIB NAMES llvm-ranlib${TDX_LLVM_SUFFIX} llvm-ranlib REQUIRED)
set(CMAKE_AR ${TDX_LLVM_AR} CACHE FILEPATH "Archiver" FORCE)
set(CMAKE_RANLIB ${TDX_LLVM_RANLIB} CACHE FILEPATH "Ranlib" FORCE)

# clang's own <stdint.h>, <stddef.h>, <stdbool.h> (and <stdarg.h> ...), nothing else.
execute_process(COMMAND ${TDX_CLANG} -print-resource-dir
  OUTPUT_VARIABLE TDX_CLANG_RESOURCE_DIR OUTPUT_STRIP_TRAILING_WHITESPACE
  RESULT_VARIABLE _tdx_rc)
if(NOT _tdx_rc EQUAL 0 OR NOT EXISTS "${TDX_CLANG_RESOURCE_DIR}/include/stdint.h")
  message(FATAL_ERROR "${TDX_CLANG} -print-resource-dir gave '${TDX_CLANG_RESOURCE_DIR}': no stdint.h there")
endif()
set(_tdx_freestanding "-ffreestanding -nostdinc -isystem ${TDX_CLANG_RESOURCE_DIR}/include")
set(CMAKE_C_FLAGS_INIT "${_tdx_freestanding}")
set(CMAKE_CXX_FLAGS_INIT "${_tdx_freestanding}")
set(CMAKE_ASM_FLAGS_INIT "${_tdx_freestanding}")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-fuse-ld=lld -nostdlib -static")

# Nothing can be run, and there is no C runtime to link a test program against.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
