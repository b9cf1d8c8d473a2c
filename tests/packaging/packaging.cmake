# Packaging test (label "packaging"): builds the DEB with CPack from this build tree and checks it unpacked in a
# throwaway root (tests/packaging/check-deb.sh). Linux with the desktop app only; about a minute.
if(CMAKE_SYSTEM_NAME STREQUAL "Linux" AND TARGET crossline AND TARGET crossline-cli)
    add_test(NAME packaging_deb
             COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/check-deb.sh
                     ${PROJECT_BINARY_DIR} ${PROJECT_VERSION})
    set_tests_properties(packaging_deb PROPERTIES LABELS packaging TIMEOUT 600
                         FAIL_REGULAR_EXPRESSION "(^|\n)FAIL: ")
endif()
