# ctest packaging.install: installs this build's runtime and development
# components into a fresh prefix under the build dir, then checks the layout.
# Usage: cmake -DBUILD_DIR=.. -DPREFIX=.. -DCONFIG=.. -DLIBDIR=lib -DINCLUDEDIR=include -P install.cmake
file(REMOVE_RECURSE "${PREFIX}")
foreach(component runtime development)
  set(cmd "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}" --component ${component})
  if(CONFIG)
    list(APPEND cmd --config "${CONFIG}")
  endif()
  execute_process(COMMAND ${cmd} RESULT_VARIABLE rc OUTPUT_QUIET)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "install of component ${component} failed (${rc})")
  endif()
endforeach()
foreach(f
    ${INCLUDEDIR}/edurules/edurules.h
    ${INCLUDEDIR}/edurules/engine.hpp
    ${LIBDIR}/libedurules.a
    ${LIBDIR}/libedurules_c.so
    ${LIBDIR}/pkgconfig/edurules.pc
    ${LIBDIR}/cmake/edurules/edurulesConfig.cmake
    ${LIBDIR}/cmake/edurules/edurulesConfigVersion.cmake
    ${LIBDIR}/cmake/edurules/edurules-targets.cmake
    ${LIBDIR}/cmake/edurules/edurules_c-targets.cmake)
  if(NOT EXISTS "${PREFIX}/${f}")
    message(FATAL_ERROR "not installed: ${f}")
  endif()
endforeach()
file(GLOB sonames "${PREFIX}/${LIBDIR}/libedurules_c.so.*")
if(NOT sonames)
  message(FATAL_ERROR "no versioned libedurules_c.so.* installed")
endif()
message(STATUS "installed to ${PREFIX}")
