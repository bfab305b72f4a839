# Installs the build tree into a fresh prefix for the consumer tests (fixture tiaoli_installed).
#   cmake -DBUILD_DIR=... -DPREFIX=... [-DCONFIG=...] -P install.cmake
file(REMOVE_RECURSE "${PREFIX}")
set(config_args "")
if(CONFIG)
  set(config_args --config "${CONFIG}")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}" ${config_args}
                RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "cmake --install failed: ${status}")
endif()
foreach(file IN ITEMS include/tiaoli/tiaoli.hpp ${LIBDIR}/cmake/tiaoli/tiaoli-config.cmake
                      ${LIBDIR}/cmake/tiaoli/tiaoli-config-version.cmake ${LIBDIR}/cmake/tiaoli/tiaoli-targets.cmake
                      ${LIBDIR}/pkgconfig/tiaoli.pc)
  if(NOT EXISTS "${PREFIX}/${file}")
    message(FATAL_ERROR "not installed: ${file}")
  endif()
endforeach()
