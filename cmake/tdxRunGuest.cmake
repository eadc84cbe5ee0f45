# SPDX-License-Identifier: MIT
# Runs a guest image under tdx-sim, for tdx_add_guest() (tdxGuest.cmake):
#
#   cmake -DSIM=tdx-sim -DIMAGE=guest.elf [-DSIM_ARGS=a;b] [-DEXIT=1]
#         [-DCHECK=ON [-DEXPECT=regex]] -P tdxRunGuest.cmake
#
# Fails unless tdx-sim exits with EXIT (default 1: the guest wrote 0 to the
# isa-debug-exit port).  Without CHECK the guest's COM1 output and tdx-sim's
# messages go straight to the terminal; with CHECK (a ctest) they are
# captured and printed, and COM1 (tdx-sim's stdout) must match EXPECT.
if(NOT SIM OR NOT EXISTS "${SIM}")
  message(FATAL_ERROR "no tdx-sim to run ${IMAGE}: this libtdx was installed without it "
    "(a cross build installs none; a native x86-64 Linux build of libtdx does)")
endif()
if(NOT DEFINED EXIT OR EXIT STREQUAL "")
  set(EXIT 1)
endif()

if(CHECK)
  execute_process(COMMAND ${SIM} ${SIM_ARGS} ${IMAGE}
    RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  message("---- COM1 (tdx-sim's stdout) ----\n${out}---- tdx-sim's stderr ----\n${err}"
    "---- exit status ${status}")
else()
  execute_process(COMMAND ${SIM} ${SIM_ARGS} ${IMAGE} RESULT_VARIABLE status)
endif()

if(NOT "${status}" STREQUAL "${EXIT}")
  message(FATAL_ERROR "${IMAGE}: tdx-sim exited with status ${status}, expected ${EXIT}. "
    "An odd status is the guest's: it wrote (status - 1) / 2 to the isa-debug-exit port; "
    "an even one is tdx-sim's own (tdx-sim --help lists them).")
endif()
if(CHECK AND NOT "${EXPECT}" STREQUAL "" AND NOT "${out}" MATCHES "${EXPECT}")
  message(FATAL_ERROR "${IMAGE}: the COM1 output does not match: ${EXPECT}")
endif()
