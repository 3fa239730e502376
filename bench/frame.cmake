# One GUI frame's CPU time drawing the visualisation panels (null ImGui backend:
# no window needed). Included by bench/CMakeLists.txt when present.
if(TARGET poollab_app_core)
  find_package(benchmark REQUIRED)
  add_executable(poollab_bench_frame ${CMAKE_CURRENT_LIST_DIR}/bench_frame.cpp)
  target_link_libraries(poollab_bench_frame PRIVATE poollab_app_core benchmark::benchmark poollab_warnings)
endif()
