# Widget tests (QT_QPA_PLATFORM=offscreen): each page driven against the sandbox as a person would use it.
if(TARGET crossline_ui)
    foreach(name tst_mainwindow tst_connectionspage tst_browserpage tst_unifiedpage tst_activitypage)
        crossline_add_test(NAME ${name} SOURCES ${CMAKE_CURRENT_LIST_DIR}/${name}.cpp LABELS ui LIBS crossline_ui)
    endforeach()
endif()

# Not a test: renders every page to PNGs (scripts/screenshots).
if(TARGET crossline_ui)
    add_executable(crossline-screenshots ${CMAKE_CURRENT_LIST_DIR}/screenshots.cpp)
    target_link_libraries(crossline-screenshots PRIVATE crossline_ui)
endif()
