# The Composer page (WhatsApp | SMS) driven against the sandbox.
if(TARGET crossline_ui)
    crossline_add_test(NAME tst_composerpage SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_composerpage.cpp LABELS ui LIBS crossline_ui)
endif()
