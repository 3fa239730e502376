# One GUI frame's CPU time drawing the visualisation panels (null ImGui backend:
# no window needed), and the frame time while a program runs flat out.
# Included by bench/CMakeLists.txt when present.
if(TARGET poollab_app_core)
  find_package(benchmark REQUIRED)
  add_executable(poollab_bench_frame ${CMAKE_CURRENT_LIST_DIR}/bench_frame.cpp)
  target_link_libraries(poollab_bench_frame PRIVATE poollab_app_core benchmark::benchmark poollab_warnings)
  add_executable(poollab_bench_frame_live ${CMAKE_CURRENT_LIST_DIR}/bench_frame_live.cpp)
  target_link_libraries(poollab_bench_frame_live PRIVATE poollab_app_core benchmark::benchmark poollab_warnings)
  target_compile_definitions(poollab_bench_frame_live PRIVATE POOLLAB_BENCH_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
endif()
