# Checks that the version macros of include/edurules/edurules.h equal the
# project version (one number, written twice: the header must stand alone).
# Included by src/capi/CMakeLists.txt at configure time, and run as a script by
# ctest capi.version:
#   cmake -DHEADER=.../edurules.h -DVERSION=0.1.0 -P check_header_version.cmake
function(edurules_check_header_version header version)
  file(READ "${header}" _text)
  string(REGEX MATCH "#define EDR_VERSION_MAJOR ([0-9]+)" _ "${_text}")
  set(_major "${CMAKE_MATCH_1}")
  string(REGEX MATCH "#define EDR_VERSION_MINOR ([0-9]+)" _ "${_text}")
  set(_minor "${CMAKE_MATCH_1}")
  string(REGEX MATCH "#define EDR_VERSION_PATCH ([0-9]+)" _ "${_text}")
  set(_patch "${CMAKE_MATCH_1}")
  string(REGEX MATCH "#define EDR_VERSION_STRING \"([0-9.]+)\"" _ "${_text}")
  set(_string "${CMAKE_MATCH_1}")
  if(NOT "${_major}.${_minor}.${_patch}" STREQUAL "${version}" OR NOT "${_string}" STREQUAL "${version}")
    message(FATAL_ERROR "${header}: EDR_VERSION_MAJOR/MINOR/PATCH say ${_major}.${_minor}.${_patch} and "
      "EDR_VERSION_STRING \"${_string}\", but the project version is ${version}: update the header's "
      "version macros with project(edurules VERSION ...)")
  endif()
endfunction()

if(CMAKE_SCRIPT_MODE_FILE AND NOT CMAKE_PARENT_LIST_FILE)
  edurules_check_header_version("${HEADER}" "${VERSION}")
  message(STATUS "edurules.h version macros agree with ${VERSION}")
endif()
