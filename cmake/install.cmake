# Install rules and package files, so that users write the same code whether
# they use add_subdirectory or an installed edurules:
#   find_package(edurules)              -> edurules::edurules (C++), edurules::edurules_c (C)
#   find_package(edurules COMPONENTS c) -> edurules::edurules_c only (needs no Boost/nlohmann)
#   pkg-config edurules                 -> the C library
# Both targets carry $<INSTALL_INTERFACE:include> themselves.
# Components: "runtime" (the shared C library and the CLI), "development"
# (headers, the static C++ library, CMake and pkg-config files).
include(CMakePackageConfigHelpers)

set(EDURULES_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/edurules CACHE STRING
  "Where to install the CMake package files, relative to the prefix")
set(EDURULES_INSTALL_PKGCONFIGDIR ${CMAKE_INSTALL_LIBDIR}/pkgconfig CACHE STRING
  "Where to install edurules.pc, relative to the prefix")

# The C++ library: static, with Boost and nlohmann_json as dependencies the
# package config finds again.
install(TARGETS edurules EXPORT edurules-targets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT development)
install(EXPORT edurules-targets NAMESPACE edurules:: DESTINATION ${EDURULES_INSTALL_CMAKEDIR}
  COMPONENT development)

# The C library: shared, self-contained; its own export set so a C user's
# find_package needs nothing else.
if(TARGET edurules_c)
  install(TARGETS edurules_c EXPORT edurules_c-targets
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT runtime NAMELINK_COMPONENT development
    RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT development)
  install(EXPORT edurules_c-targets NAMESPACE edurules:: DESTINATION ${EDURULES_INSTALL_CMAKEDIR}
    COMPONENT development)

  # pkg-config, relocatable: the prefix is found from the .pc file's place.
  if(IS_ABSOLUTE "${EDURULES_INSTALL_PKGCONFIGDIR}")
    set(_pc_dir "${EDURULES_INSTALL_PKGCONFIGDIR}")
  else()
    set(_pc_dir "${CMAKE_INSTALL_PREFIX}/${EDURULES_INSTALL_PKGCONFIGDIR}")
  endif()
  file(RELATIVE_PATH _pc_to_prefix "${_pc_dir}" "${CMAKE_INSTALL_PREFIX}")
  string(REGEX REPLACE "/$" "" _pc_to_prefix "${_pc_to_prefix}")
  set(EDURULES_PC_PREFIX "\${pcfiledir}/${_pc_to_prefix}")
  foreach(_d LIBDIR INCLUDEDIR)
    if(IS_ABSOLUTE "${CMAKE_INSTALL_${_d}}")
      set(EDURULES_PC_${_d} "${CMAKE_INSTALL_${_d}}")
    else()
      set(EDURULES_PC_${_d} "\${prefix}/${CMAKE_INSTALL_${_d}}")
    endif()
  endforeach()
  configure_file(${PROJECT_SOURCE_DIR}/cmake/edurules.pc.in ${PROJECT_BINARY_DIR}/edurules.pc @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/edurules.pc DESTINATION ${EDURULES_INSTALL_PKGCONFIGDIR}
    COMPONENT development)
endif()

# Headers: the C header, the C++ headers.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/edurules DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  COMPONENT development FILES_MATCHING PATTERN "*.h" PATTERN "*.hpp")

# The command-line tool, when built.
if(TARGET edurules_cli)
  install(TARGETS edurules_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime)
endif()

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/edurulesConfig.cmake.in
  ${PROJECT_BINARY_DIR}/edurulesConfig.cmake
  INSTALL_DESTINATION ${EDURULES_INSTALL_CMAKEDIR})
# 0.x follows the SOVERSION: same major version, compatible.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/edurulesConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/edurulesConfig.cmake ${PROJECT_BINARY_DIR}/edurulesConfigVersion.cmake
  DESTINATION ${EDURULES_INSTALL_CMAKEDIR} COMPONENT development)
