# SPDX-License-Identifier: MIT
# cmake -DSIM=tdx-sim -DIMAGE=x.elf [-DSIM_ARGS=a;b] [-DEXPECT=re] [-DEXPECT_STDERR=re]
#       [-DEXPECT_STDERR_ALL=re;re]
#       [-DEXIT=n] [-DTIMEOUT=s] [-DSHOW=ON -DTOP=dir] -P run-example.cmake
# Runs IMAGE under tdx-sim; fails unless the exit status is EXIT and the
# output matches.  SHOW=ON prints the run the way a shell in TOP would.
if(NOT DEFINED EXIT)
  set(EXIT 1)
endif()
if(NOT TIMEOUT)
  set(TIMEOUT 30)
endif()
get_filename_component(image_name ${IMAGE} NAME)
list(JOIN SIM_ARGS " " args_text)
if(SHOW)
  # Paths as typed from TOP (the source tree), e.g. build/tools/tdx-sim.
  file(RELATIVE_PATH sim_shown ${TOP} ${SIM})
  file(RELATIVE_PATH image_shown ${TOP} ${IMAGE})
  string(STRIP "${sim_shown} ${args_text}" cmd)
  message("$ ${cmd} ${image_shown}")
endif()
execute_process(COMMAND ${SIM} ${SIM_ARGS} ${IMAGE}
  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT ${TIMEOUT})

if(SHOW)
  execute_process(COMMAND ${CMAKE_COMMAND} -E echo_append "${out}")
  execute_process(COMMAND ${CMAKE_COMMAND} -E echo_append "${err}")
  message("$ echo $?\n${status}")
else()
  message("---- stdout (COM1) ----\n${out}---- stderr (tdx-sim) ----\n${err}---- exit status: ${status}")
endif()

set(problems)
if(NOT "${status}" STREQUAL "${EXIT}")
  list(APPEND problems "exit status ${status}, expected ${EXIT}")
endif()
if(DEFINED EXPECT AND NOT "${EXPECT}" STREQUAL "" AND NOT "${out}" MATCHES "${EXPECT}")
  list(APPEND problems "stdout does not match: ${EXPECT}")
endif()
if(DEFINED EXPECT_STDERR AND NOT "${EXPECT_STDERR}" STREQUAL "" AND NOT "${err}" MATCHES "${EXPECT_STDERR}")
  list(APPEND problems "stderr does not match: ${EXPECT_STDERR}")
endif()
foreach(re IN LISTS EXPECT_STDERR_ALL)
  if(NOT "${err}" MATCHES "${re}")
    list(APPEND problems "stderr does not match: ${re}")
  endif()
endforeach()
if(problems)
  list(JOIN problems "\n  " text)
  message(FATAL_ERROR "${image_name}:\n  ${text}")
endif()
