# Builds consumer.cpp with the flags `pkg-config --cflags --libs tiaoli` gives for the installed
# package, then runs it.
#   cmake -DPKG_CONFIG=... -DCXX=... -DPREFIX=... -DLIBDIR=... -DSOURCE=consumer.cpp
#         -DWORK_DIR=... -DRULES=... -P pkg_config.cmake
set(ENV{PKG_CONFIG_PATH} "${PREFIX}/${LIBDIR}/pkgconfig")
execute_process(COMMAND "${PKG_CONFIG}" --cflags --libs tiaoli
                OUTPUT_VARIABLE flags OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "pkg-config does not know tiaoli")
endif()
message("pkg-config --cflags --libs tiaoli: ${flags}")
separate_arguments(flag_list UNIX_COMMAND "${flags}")
file(MAKE_DIRECTORY "${WORK_DIR}")
execute_process(COMMAND "${CXX}" -std=c++20 "${SOURCE}" ${flag_list} -o "${WORK_DIR}/app"
                RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "building with the pkg-config flags failed")
endif()
execute_process(COMMAND "${WORK_DIR}/app" "${RULES}" RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "the consumer built with pkg-config failed: ${status}")
endif()
