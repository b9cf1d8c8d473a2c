# The fuzz targets as tests of the main build (label fuzz), so that scripts/test runs each for a bounded time.
#   fuzz_build     the fixture's setup: `scripts/fuzz --build-only` configures and builds the fuzz build folder (clang
#                  14, ASan + UBSan, CROSSLINE_FUZZ_BUILD_DIR) and writes the seeds; it builds with two jobs, so it
#                  holds both of ctest's slots (PROCESSORS 2)
#   fuzz_<parser>  `scripts/fuzz --run fuzz_<parser> SECONDS`: one target for CROSSLINE_FUZZ_SECONDS over its seeds
#                  and what earlier runs kept; fails on a crash, a broken invariant, a leak or a hang, and prints the
#                  reproducer and the command that runs it again
# `ctest -R fuzz_redactor` brings in fuzz_build by itself. Left out (and said so here and by scripts/test) where
# scripts/fuzz --check finds no clang 14, libFuzzer or python3.
set(CROSSLINE_FUZZ_SECONDS 30 CACHE STRING "How long each fuzz test (label fuzz) runs its target, in seconds")
set(CROSSLINE_FUZZ_BUILD_DIR "${PROJECT_SOURCE_DIR}/build/fuzz"
    CACHE PATH "The fuzz tests' build folder for the targets (scripts/fuzz's, so both grow the same corpora)")
option(CROSSLINE_FUZZ_TESTS "Run the libFuzzer targets as tests (label fuzz) where clang 14 and libFuzzer are there" ON)
if(NOT CROSSLINE_FUZZ_TESTS OR NOT CMAKE_HOST_UNIX)
    return()
endif()
if(NOT CROSSLINE_FUZZ_SECONDS MATCHES "^[1-9][0-9]*$")
    message(FATAL_ERROR "CROSSLINE_FUZZ_SECONDS must be a whole number of seconds, not '${CROSSLINE_FUZZ_SECONDS}'")
endif()
execute_process(COMMAND "${PROJECT_SOURCE_DIR}/scripts/fuzz" --check RESULT_VARIABLE _fuzz_ok
                ERROR_VARIABLE _fuzz_why OUTPUT_QUIET)
if(NOT _fuzz_ok EQUAL 0)
    string(STRIP "${_fuzz_why}" _fuzz_why)
    message(STATUS "The fuzz tests (label fuzz) are left out: ${_fuzz_why}")
    return()
endif()

include(${CMAKE_CURRENT_LIST_DIR}/targets.cmake)
set(_fuzz_env "CROSSLINE_FUZZ_BUILD_DIR=${CROSSLINE_FUZZ_BUILD_DIR}")
add_test(NAME fuzz_build COMMAND "${PROJECT_SOURCE_DIR}/scripts/fuzz" --build-only)
# A first build of crossline_core and the targets with clang and the sanitizers, without ccache, takes minutes on two
# shared cores: ctest's default timeout (scripts/test gives 300 s) is too short for it.
set_tests_properties(fuzz_build PROPERTIES LABELS fuzz FIXTURES_SETUP fuzz_targets PROCESSORS 2 TIMEOUT 3600
                                           ENVIRONMENT "${_fuzz_env}")
# The run stops itself after CROSSLINE_FUZZ_SECONDS; the timeout leaves room for reading the kept corpus.
math(EXPR _fuzz_timeout "${CROSSLINE_FUZZ_SECONDS} + 300")
foreach(target IN LISTS CROSSLINE_FUZZ_TARGETS)
    add_test(NAME ${target} COMMAND "${PROJECT_SOURCE_DIR}/scripts/fuzz" --run ${target} ${CROSSLINE_FUZZ_SECONDS})
    set_tests_properties(${target} PROPERTIES LABELS fuzz FIXTURES_REQUIRED fuzz_targets TIMEOUT ${_fuzz_timeout}
                                              ENVIRONMENT "${_fuzz_env}")
endforeach()
