# The installed public headers stand alone: each compiles on its own with only the installed
# include directory, and none of them reaches a header of yaml-cpp, Boost, nlohmann_json or
# simdjson (so consumers need none of their headers).
#   cmake -DCXX=... -DINCLUDE_DIR=<prefix>/include -DWORK_DIR=... -P check_headers.cmake
file(GLOB headers RELATIVE "${INCLUDE_DIR}" "${INCLUDE_DIR}/tiaoli/*.hpp")
if(NOT headers)
  message(FATAL_ERROR "no headers under ${INCLUDE_DIR}/tiaoli")
endif()
file(MAKE_DIRECTORY "${WORK_DIR}")
set(failed FALSE)
foreach(header IN LISTS headers)
  string(MAKE_C_IDENTIFIER "${header}" name)
  set(tu "${WORK_DIR}/${name}.cpp")
  file(WRITE "${tu}" "#include <${header}>\n#include <${header}>  // include guard\n")
  execute_process(COMMAND "${CXX}" -std=c++20 -fsyntax-only -Wall -Wextra -Wpedantic -Werror
                          -I "${INCLUDE_DIR}" "${tu}"
                  RESULT_VARIABLE status ERROR_VARIABLE errors)
  if(NOT status EQUAL 0)
    message(SEND_ERROR "${header} does not compile on its own:\n${errors}")
    set(failed TRUE)
    continue()
  endif()
  execute_process(COMMAND "${CXX}" -std=c++20 -M -I "${INCLUDE_DIR}" "${tu}"
                  OUTPUT_VARIABLE deps RESULT_VARIABLE status)
  string(REGEX MATCHALL "[^ \\\n]*(yaml-cpp|boost|nlohmann|simdjson)[^ \\\n]*" leaked "${deps}")
  if(leaked)
    list(REMOVE_DUPLICATES leaked)
    message(SEND_ERROR "${header} includes dependency headers: ${leaked}")
    set(failed TRUE)
  endif()
endforeach()
if(failed)
  message(FATAL_ERROR "public header check failed")
endif()
list(LENGTH headers count)
message("${count} public headers compile alone and include no dependency headers")
