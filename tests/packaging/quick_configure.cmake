# ctest packaging.quick_configure: the quick build README.md documents (the
# libraries only: no tests, Python, benchmarks or command-line tool) still
# configures, and generates no test target. Configure only: a few seconds.
# Usage: cmake -DSOURCE_DIR=.. -DWORK=.. -DGENERATOR=.. -DMAKE_PROGRAM=.. -P quick_configure.cmake
file(REMOVE_RECURSE "${WORK}")
execute_process(
  COMMAND "${CMAKE_COMMAND}" -S "${SOURCE_DIR}" -B "${WORK}" -G "${GENERATOR}" "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}"
    -DCMAKE_BUILD_TYPE=Release -DEDURULES_BUILD_TESTS=OFF -DEDURULES_BUILD_PYTHON=OFF
    -DEDURULES_BUILD_BENCH=OFF -DEDURULES_BUILD_CLI=OFF
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the quick configure failed (${rc}):\n${out}\n${err}")
endif()
file(READ "${WORK}/CMakeCache.txt" cache)
foreach(off TESTS PYTHON BENCH CLI)
  if(NOT cache MATCHES "EDURULES_BUILD_${off}:BOOL=OFF")
    message(FATAL_ERROR "EDURULES_BUILD_${off} is not OFF in the quick build")
  endif()
endforeach()
if(EXISTS "${WORK}/CTestTestfile.cmake" OR EXISTS "${WORK}/tests")
  message(FATAL_ERROR "the quick build generated tests")
endif()
message(STATUS "quick configure ok")
file(REMOVE_RECURSE "${WORK}")
