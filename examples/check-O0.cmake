# SPDX-License-Identifier: MIT
# cmake -DSRC=dir -DOUT=dir -DCC=compiler -DGENERATOR=name [-DSIM=tdx-sim]
#       -P examples/check-O0.cmake
#
# The examples at -O0 (CMAKE_BUILD_TYPE=Debug) with CC: configures the tree
# at SRC into OUT with only the library and the examples, builds them, checks
# the archive with tools/check-freestanding and, with SIM, runs the payloads
# under tdx-sim.  At -O0 a compiler turns aggregate initializers into memset
# and memcpy calls: the images get libtdx.a's own (weak) ones.
# OUT is kept between runs, so a second run only rebuilds what changed.
foreach(var SRC OUT CC GENERATOR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "check-O0.cmake: -D${var}=... is required")
  endif()
endforeach()

function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${what} failed (${status}):\n${out}")
  endif()
endfunction()

run("configure (${CC}, Debug)" ${CMAKE_COMMAND} -S ${SRC} -B ${OUT} -G ${GENERATOR}
  -DCMAKE_C_COMPILER=${CC} -DCMAKE_BUILD_TYPE=Debug
  -DTDX_BUILD_EXAMPLES=ON -DTDX_BUILD_TESTS=OFF -DTDX_BUILD_TOOLS=OFF
  -DTDX_BUILD_CONSUMER_TESTS=OFF -DTDX_INSTALL=OFF)
run("build at -O0" ${CMAKE_COMMAND} --build ${OUT} -j 2)
run("check-freestanding" ${SRC}/tools/check-freestanding ${OUT}/libtdx.a)
message("libtdx.a and every example built with ${CC} at -O0")

if(SIM)
  # name, then tdx-sim options: each must end with the guest writing 0 to
  # the isa-debug-exit port (status 1).
  foreach(run IN ITEMS "hello" "tdinfo;--vcpus;2" "accept;--vcpus;4" "attest" "ve")
    list(POP_FRONT run name)
    execute_process(COMMAND ${SIM} ${run} ${OUT}/examples/${name}.elf
      RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 60)
    if(NOT "${status}" STREQUAL "1")
      message(FATAL_ERROR "${name}.elf at -O0: tdx-sim status ${status}, expected 1\n${out}${err}")
    endif()
    message("${name}.elf at -O0 runs under tdx-sim: ok")
  endforeach()
endif()
