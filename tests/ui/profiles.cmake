# Profiles and .env import dialogs, against the REAL Secret Service (scripts/test: dbus-run-session + an unlocked
# gnome-keyring) and the sandbox.
if(TARGET crossline_ui)
    foreach(name tst_profilesdialog tst_envimportdialog)
        crossline_add_test(NAME ${name} SOURCES ${CMAKE_CURRENT_LIST_DIR}/${name}.cpp ${CMAKE_CURRENT_LIST_DIR}/keychaintestenvironment.h
            LABELS "ui;keychain" LIBS crossline_ui)
    endforeach()
endif()
