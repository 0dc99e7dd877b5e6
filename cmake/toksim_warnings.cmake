# toksim::warnings: the warning set every toksim target links PRIVATE.
# C++ only, so that nvcc's host pass never sees -Wpedantic.
add_library(toksim_warnings INTERFACE)
add_library(toksim::warnings ALIAS toksim_warnings)
target_compile_options(toksim_warnings INTERFACE
  "$<$<COMPILE_LANGUAGE:CXX>:-Wall;-Wextra;-Wpedantic;-Wshadow;-Wnon-virtual-dtor;-Wold-style-cast;-Wcast-align;-Woverloaded-virtual;-Wimplicit-fallthrough>")
option(TOKSIM_WERROR "Treat warnings as errors" OFF)
if(TOKSIM_WERROR)
  target_compile_options(toksim_warnings INTERFACE "$<$<COMPILE_LANGUAGE:CXX>:-Werror>")
endif()
