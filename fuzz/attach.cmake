# Adds fuzz/, tests/hostile/ and tests/integrity/ to an edurules build that
# does not list them (yet): scripts/sanitize.sh and scripts/fuzz.sh pass
#   -DCMAKE_PROJECT_edurules_INCLUDE=<source>/fuzz/attach.cmake
# A deferred call runs at the end of the top-level CMakeLists.txt, once every
# target exists. Deferred code may not add_subdirectory, so the folders'
# CMakeLists.txt are include()d (they use CMAKE_CURRENT_LIST_DIR, right both
# ways); a folder the project already added sets a global property and is
# not added twice.
cmake_language(DEFER DIRECTORY ${CMAKE_SOURCE_DIR} CALL cmake_language EVAL CODE [[
  if(EDURULES_BUILD_TESTS OR EDURULES_FUZZ)
    get_property(_fuzz_added GLOBAL PROPERTY EDURULES_FUZZ_ADDED)
    if(NOT _fuzz_added)
      include(${PROJECT_SOURCE_DIR}/fuzz/CMakeLists.txt)
    endif()
  endif()
  if(EDURULES_BUILD_TESTS AND NOT EDURULES_FUZZ)
    foreach(_area hostile integrity)
      get_property(_added GLOBAL PROPERTY EDURULES_TESTS_${_area}_ADDED)
      if(NOT _added AND EXISTS ${PROJECT_SOURCE_DIR}/tests/${_area}/CMakeLists.txt)
        include(${PROJECT_SOURCE_DIR}/tests/${_area}/CMakeLists.txt)
      endif()
    endforeach()
  endif()
]])
