# Tests of the embedded emulator itself (core/sandbox), over real loopback HTTP.
foreach(name IN ITEMS tst_sandbox_nango tst_sandbox_proxy tst_sandbox_panora tst_sandbox_faults)
    crossline_add_test(NAME ${name} SOURCES ${CMAKE_CURRENT_LIST_DIR}/${name}.cpp LABELS sandbox LIBS Qt6::Network)
endforeach()
