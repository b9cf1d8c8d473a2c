# crossline-cli profile/secret/env commands, the keychain workflow of the profiles issue, and the no-keychain path.
crossline_add_test(NAME tst_profiles SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_profiles.cpp ${CMAKE_CURRENT_LIST_DIR}/clirunner.h
    LABELS "cli;keychain")
crossline_add_test(NAME tst_keychainworkflow SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_keychainworkflow.cpp ${CMAKE_CURRENT_LIST_DIR}/clirunner.h
    LABELS "cli;keychain")
# No D-Bus session at all: the "no keychain backend" path (needs no keychain, so only the cli label). Linux only:
# QtKeychain's Windows Credential Manager and macOS Keychain backends are always there, so that path never happens.
if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
    crossline_add_test(NAME tst_nokeychain SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_nokeychain.cpp ${CMAKE_CURRENT_LIST_DIR}/clirunner.h
        LABELS cli)
    add_dependencies(tst_nokeychain crossline-cli)
endif()
add_dependencies(tst_profiles crossline-cli)
add_dependencies(tst_keychainworkflow crossline-cli)
