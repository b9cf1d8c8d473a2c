# The desktop app's modules: plugin files it loads on first use instead of at start-up (docs/PERFORMANCE.md,
# docs/ARCHITECTURE.md). Included from core/CMakeLists.txt, before any module is declared.
#
#   crossline-phone     libphonenumber (+ protobuf, abseil) behind PhoneBackend     core/CMakeLists.txt
#   crossline-sandbox   the embedded emulator (+ cpp-httplib, OpenSSL, brotli)       emulator/sandbox/
#
# crossline-cli, the tests and the benches link the same code in (crossline_phone_engine, crossline_sandbox_engine);
# only the `crossline` program sets CROSSLINE_LOAD_MODULES and loads the files (app/gui/modules.cpp). Where they are,
# relative to the folder of the `crossline` executable — the loader looks in each, in this order:
#
#   ../lib/crossline/modules   Linux packages (/usr/bin → /usr/lib/crossline/modules) and the build tree
#                              (app/ → lib/crossline/modules)
#   .                          Windows (NSIS, ZIP, WiX): next to crossline.exe and the DLLs the deploy step bundles
#   ../PlugIns/crossline       macOS: Crossline.app/Contents/MacOS → Contents/PlugIns/crossline
#
# The file is named exactly as the module (no "lib" prefix): crossline-phone.so, crossline-phone.dll.
include_guard(GLOBAL)
include(GNUInstallDirs)

# crossline_module_install_dir(<out>): the folder, relative to the install prefix, where the modules go.
function(crossline_module_install_dir out)
    if(WIN32)
        set(${out} "${CMAKE_INSTALL_BINDIR}" PARENT_SCOPE)
    elseif(APPLE)
        set(${out} "Crossline.app/Contents/PlugIns/crossline" PARENT_SCOPE)
    else()
        # Not the multiarch libdir (the loader looks at ../lib/crossline/modules), and one level below
        # /usr/lib/crossline: CPack's DEB adds ldconfig calls (maintainer scripts) for a shared object in
        # /usr/lib/<dir>, which a plugin does not need.
        set(${out} "lib/crossline/modules" PARENT_SCOPE)
    endif()
endfunction()

# crossline_add_module(<target> <file name without suffix> <source>...): built with the desktop app only
# (CROSSLINE_BUILD_UI); app/CMakeLists.txt makes `crossline` depend on every module (global property CROSSLINE_MODULES).
function(crossline_add_module target name)
    add_library(${target} MODULE ${ARGN})
    set_target_properties(${target} PROPERTIES
        PREFIX ""
        OUTPUT_NAME ${name}
        LIBRARY_OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}/lib/crossline/modules"
        CXX_VISIBILITY_PRESET hidden
        VISIBILITY_INLINES_HIDDEN ON)
    target_link_libraries(${target} PRIVATE crossline_config)
    if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
        # Only the entry point is exported: the code linked in from static libraries stays private to the module
        # (the program may hold a copy of the same classes), every reference is resolved when the module is linked,
        # and the module's own calls bind inside it.
        target_link_options(${target} PRIVATE LINKER:--exclude-libs,ALL LINKER:-z,defs LINKER:-Bsymbolic)
    endif()
    crossline_module_install_dir(_dest)
    install(TARGETS ${target} LIBRARY DESTINATION "${_dest}")
    set_property(GLOBAL APPEND PROPERTY CROSSLINE_MODULES ${target})
endfunction()
