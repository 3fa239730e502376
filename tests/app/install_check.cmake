# `cmake --install` into a fresh prefix, then the installed binary, started from
# another folder, must find its own assets (../share/poollab next to bin/), not
# the source tree's: one lesson is removed from the installed copy and must
# vanish from `poollab list` while the others stay.
#
#   cmake -DBUILD_DIR=<build> -DSCRATCH=<empty dir> -P tests/app/install_check.cmake
foreach(var BUILD_DIR SCRATCH)
  if(NOT ${var})
    message(FATAL_ERROR "install_check: pass -D${var}=...")
  endif()
endforeach()

set(prefix ${SCRATCH}/prefix)
file(REMOVE_RECURSE ${SCRATCH})
file(MAKE_DIRECTORY ${SCRATCH}/elsewhere)
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (${rc}):\n${out}\n${err}")
endif()

set(expected
  bin/poollab
  share/poollab/lessons/first-pool/main.go
  share/poollab/lessons/first-pool/lesson.toml
  share/poollab/lessons/close-jobs/lesson.toml
  share/applications/poollab.desktop
  share/icons/hicolor/scalable/apps/poollab.svg)
foreach(f ${expected})
  if(NOT EXISTS ${prefix}/${f})
    message(FATAL_ERROR "cmake --install did not put ${f} under the prefix ${prefix}")
  endif()
endforeach()
file(READ ${prefix}/share/applications/poollab.desktop desktop)
foreach(key "Exec=poollab" "Icon=poollab" "Type=Application")
  string(FIND "${desktop}" "${key}" at)
  if(at LESS 0)
    message(FATAL_ERROR "the installed poollab.desktop lacks '${key}'")
  endif()
endforeach()
file(READ ${prefix}/share/icons/hicolor/scalable/apps/poollab.svg icon)
string(FIND "${icon}" "<svg" at)
if(at LESS 0)
  message(FATAL_ERROR "the installed poollab.svg is not an SVG")
endif()

# Only the installed copy lacks close-jobs: listing it proves which assets were read.
file(REMOVE_RECURSE ${prefix}/share/poollab/lessons/close-jobs)
execute_process(COMMAND ${CMAKE_COMMAND} -E env --unset=POOLLAB_ASSETS ${prefix}/bin/poollab list
                WORKING_DIRECTORY ${SCRATCH}/elsewhere
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the installed `poollab list` failed (${rc}):\n${out}\n${err}")
endif()
string(FIND "${out}" "first-pool" at)
if(at LESS 0)
  message(FATAL_ERROR "the installed `poollab list` does not list first-pool:\n${out}\n${err}")
endif()
string(FIND "${out}" "close-jobs" at)
if(NOT at LESS 0)
  message(FATAL_ERROR "the installed `poollab list` read the source tree's lessons, not ${prefix}/share/poollab:\n${out}")
endif()
file(REMOVE_RECURSE ${SCRATCH})
message(STATUS "installed under ${prefix}: binary, assets, .desktop, icon; the binary finds its assets")
