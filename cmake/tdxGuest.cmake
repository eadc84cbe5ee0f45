# SPDX-License-Identifier: MIT
# tdx_add_guest(): a freestanding TD guest linked with libtdx and its linker
# script, and a target that runs it under tdx-sim.  Part of the installed
# CMake package: tdxConfig.cmake sets TDX_LINKER_SCRIPT and
# TDX_SIM_EXECUTABLE, then includes this file.
#
#   tdx_add_guest(<name> SOURCES <file>...
#                 [LINK_OPTIONS <option>...] [SIM_ARGS <arg>...]
#                 [EXIT <status>] [TEST] [EXPECT <regex>])
#
#   <name>        the executable target; the image is <name>.elf
#   SOURCES       compiled with TDX_GUEST_COMPILE_OPTIONS (freestanding: no
#                 libc, no SSE/x87 registers, no red zone, no stack
#                 protector), linked with TDX_GUEST_LINK_OPTIONS (-nostdlib
#                 -static, the linker script, --gc-sections) and tdx::tdx
#   LINK_OPTIONS  more link options, placed before the script: GNU ld reads
#                 --defsym before -T only (e.g.
#                 -Wl,--defsym,TDX_PAYLOAD_BASE=0x2000000)
#   SIM_ARGS      tdx-sim options for the run (--vcpus 4, --trace, ...)
#   EXIT          tdx-sim's exit status for a good run; default 1: the guest
#                 wrote 0 to the isa-debug-exit port (status (v << 1) | 1)
#   TEST          also a ctest named <name>: the same run, passed on EXIT
#   EXPECT        (implies TEST) the guest's COM1 output, tdx-sim's stdout,
#                 must match <regex> too
#
# The target run-<name> builds the image and runs it under tdx-sim, COM1 on
# the terminal, and fails unless tdx-sim exits with EXIT.  An install
# without tdx-sim (a cross build of libtdx) still builds guests: run-<name>
# then says there is no tdx-sim, and TEST adds no test.
# (No include guard: every find_package(tdx) sets these in its own scope.)

set(TDX_GUEST_COMPILE_OPTIONS
  -ffreestanding -fno-builtin -mno-red-zone -mgeneral-regs-only -fno-stack-protector
  -fno-asynchronous-unwind-tables -ffunction-sections -fdata-sections)
set(TDX_GUEST_LINK_OPTIONS
  -nostdlib -static -Wl,-T,${TDX_LINKER_SCRIPT}
  -Wl,--gc-sections -Wl,-z,noexecstack -Wl,-z,max-page-size=4096 -Wl,--build-id=none)
set(_tdx_run_guest_script ${CMAKE_CURRENT_LIST_DIR}/tdxRunGuest.cmake)

function(tdx_add_guest name)
  cmake_parse_arguments(PARSE_ARGV 1 G "TEST" "EXIT;EXPECT" "SOURCES;LINK_OPTIONS;SIM_ARGS")
  if(G_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "tdx_add_guest(${name}): unknown arguments: ${G_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT G_SOURCES)
    message(FATAL_ERROR "tdx_add_guest(${name}): no SOURCES")
  endif()
  if(NOT DEFINED G_EXIT)
    set(G_EXIT 1)
  endif()

  add_executable(${name} ${G_SOURCES})
  target_compile_options(${name} PRIVATE ${TDX_GUEST_COMPILE_OPTIONS})
  target_link_options(${name} PRIVATE ${G_LINK_OPTIONS} ${TDX_GUEST_LINK_OPTIONS})
  target_link_libraries(${name} PRIVATE tdx::tdx)
  set_target_properties(${name} PROPERTIES SUFFIX .elf LINK_DEPENDS ${TDX_LINKER_SCRIPT})

  # A list inside one argument of a custom command needs its ; escaped.
  string(REPLACE ";" "$<SEMICOLON>" sim_args "${G_SIM_ARGS}")
  add_custom_target(run-${name}
    COMMAND ${CMAKE_COMMAND} "-DSIM=${TDX_SIM_EXECUTABLE}" "-DIMAGE=$<TARGET_FILE:${name}>"
      "-DSIM_ARGS=${sim_args}" "-DEXIT=${G_EXIT}" -P ${_tdx_run_guest_script}
    DEPENDS ${name}
    USES_TERMINAL VERBATIM)

  if(G_TEST OR DEFINED G_EXPECT)
    if(TDX_SIM_EXECUTABLE)
      add_test(NAME ${name}
        COMMAND ${CMAKE_COMMAND} "-DSIM=${TDX_SIM_EXECUTABLE}" "-DIMAGE=$<TARGET_FILE:${name}>"
          "-DSIM_ARGS=${G_SIM_ARGS}" "-DEXIT=${G_EXIT}" -DCHECK=ON "-DEXPECT=${G_EXPECT}"
          -P ${_tdx_run_guest_script})
    else()
      message(STATUS "tdx_add_guest(${name}): no test, this libtdx install has no tdx-sim")
    endif()
  endif()
endfunction()
