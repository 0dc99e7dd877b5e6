# Third-party dependencies, all from Debian 12 packages (scripts/setup.sh installs them).
find_package(TBB CONFIG REQUIRED)
find_package(Eigen3 3.4 CONFIG REQUIRED)
find_package(Boost 1.74 REQUIRED)
find_package(fmt CONFIG REQUIRED)
find_path(TOKSIM_R123_INCLUDE Random123/philox.h REQUIRED)
add_library(toksim_random123 INTERFACE)
target_include_directories(toksim_random123 SYSTEM INTERFACE ${TOKSIM_R123_INCLUDE})

if(TOKSIM_BUILD_TESTS)
  find_package(Catch2 2 CONFIG REQUIRED)
endif()
if(TOKSIM_WITH_MPI)
  find_package(MPI REQUIRED COMPONENTS C CXX)
endif()
if(TOKSIM_WITH_CUDA)
  if(NOT DEFINED CMAKE_CUDA_ARCHITECTURES)
    set(CMAKE_CUDA_ARCHITECTURES 80 90)
  endif()
  enable_language(CUDA)
  find_package(CUDAToolkit REQUIRED)
endif()

# HDF5 (serial) for the run file (io/src/*.cpp): the C API and the high-level library (dimension scales),
# through the FindHDF5 module.
find_package(HDF5 REQUIRED COMPONENTS C HL)
find_package(yaml-cpp CONFIG REQUIRED)
if(TARGET yaml-cpp::yaml-cpp)   # 0.8+
  set(TOKSIM_YAML yaml-cpp::yaml-cpp)
else()                          # Debian 12 (0.7.0): unnamespaced
  set(TOKSIM_YAML yaml-cpp)
endif()
find_package(CLI11 CONFIG REQUIRED)
