# core/secrets: SecretStore against a REAL Secret Service (scripts/test: dbus-run-session + unlocked gnome-keyring).
crossline_add_test(NAME tst_secretstore SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_secretstore.cpp LABELS "core;keychain")
