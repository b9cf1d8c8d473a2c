# Windows and macOS only (included from Packaging.cmake): icons and version information on the executables, and
# Qt's deploy tooling so the installers carry Qt, its plugins and every non-system library the programs need.
# Linux packages use the distribution's Qt and never include this file.
if(Qt6Core_VERSION VERSION_LESS 6.5)
    message(FATAL_ERROR "Windows/macOS installers need Qt >= 6.5 (qt_generate_deploy_script); found ${Qt6Core_VERSION}")
endif()

# Extra folders where DLLs/dylibs that are not Qt's live (QtKeychain, libphonenumber and its protobuf/abseil/ICU):
# by default every CMAKE_PREFIX_PATH entry's bin/ and lib/. The workflow passes its vcpkg/QtKeychain prefixes.
set(_runtime_dirs)
foreach(_p IN LISTS CMAKE_PREFIX_PATH)
    list(APPEND _runtime_dirs "${_p}/bin" "${_p}/lib")
endforeach()
set(CROSSLINE_RUNTIME_DIRS "${_runtime_dirs}" CACHE STRING "Folders searched for non-Qt runtime libraries to bundle")

if(WIN32)
    # Icon and VERSIONINFO on both .exe files.
    set(CROSSLINE_ICO "${_pkg}/windows/crossline.ico")
    foreach(_t crossline crossline-cli)
        set(CROSSLINE_RC_NAME ${_t})
        set(CROSSLINE_RC_DESCRIPTION "Crossline")
        if(_t STREQUAL "crossline-cli")
            set(CROSSLINE_RC_DESCRIPTION "Crossline command line")
        endif()
        configure_file(${_pkg}/windows/crossline.rc.in ${CMAKE_CURRENT_BINARY_DIR}/packaging/${_t}.rc @ONLY)
        target_sources(${_t} PRIVATE ${CMAKE_CURRENT_BINARY_DIR}/packaging/${_t}.rc)
    endforeach()
    # The MSVC runtime (msvcp140.dll, vcruntime140*.dll) next to the executables.
    set(CMAKE_INSTALL_SYSTEM_RUNTIME_DESTINATION ${CMAKE_INSTALL_BINDIR})
    include(InstallRequiredSystemLibraries)
    set(_exe "${CMAKE_INSTALL_BINDIR}/$<TARGET_FILE_NAME:crossline>")
    set(_cli "${CMAKE_INSTALL_BINDIR}/$<TARGET_FILE_NAME:crossline-cli>")
    set(_bindir "${CMAKE_INSTALL_BINDIR}")
elseif(APPLE)
    configure_file(${_pkg}/macos/Info.plist.in ${CMAKE_CURRENT_BINARY_DIR}/packaging/Info.plist.in @ONLY)
    set_target_properties(crossline PROPERTIES
        OUTPUT_NAME Crossline                                # Crossline.app
        MACOSX_BUNDLE_INFO_PLIST ${CMAKE_CURRENT_BINARY_DIR}/packaging/Info.plist.in
        MACOSX_BUNDLE_BUNDLE_NAME Crossline
        MACOSX_BUNDLE_GUI_IDENTIFIER ${CROSSLINE_APP_ID}
        MACOSX_BUNDLE_BUNDLE_VERSION ${PROJECT_VERSION}
        MACOSX_BUNDLE_SHORT_VERSION_STRING ${PROJECT_VERSION}
        MACOSX_BUNDLE_ICON_FILE crossline.icns)
    target_sources(crossline PRIVATE ${_pkg}/macos/crossline.icns)
    set_source_files_properties(${_pkg}/macos/crossline.icns TARGET_DIRECTORY crossline
        PROPERTIES MACOSX_PACKAGE_LOCATION Resources)
    # app/CMakeLists.txt installs crossline-cli inside the bundle, next to the frameworks macdeployqt copies.
    set(_exe "Crossline.app")
    set(_cli "Crossline.app/Contents/MacOS/crossline-cli")
    set(_bindir "Crossline.app/Contents/MacOS")
endif()

# The app's modules (packaging/Modules.cmake), installed next to the executables (Windows) or in
# Contents/PlugIns/crossline (macOS): the deploy tools treat them as more binaries whose libraries are bundled (and,
# on macOS, whose references macdeployqt rewrites to the bundle's Frameworks).
get_property(_module_targets GLOBAL PROPERTY CROSSLINE_MODULES)
crossline_module_install_dir(_module_dir)
set(_modules_q "")
set(_modules_abs_q "")
foreach(_m IN LISTS _module_targets)
    string(APPEND _modules_q " \"${_module_dir}/$<TARGET_FILE_NAME:${_m}>\"")
    string(APPEND _modules_abs_q " \"\${QT_DEPLOY_PREFIX}/${_module_dir}/$<TARGET_FILE_NAME:${_m}>\"")
endforeach()
if(_module_targets)
    set(_modules_q "ADDITIONAL_MODULES${_modules_q}")
endif()

set(_tool_options)
if(APPLE)
    foreach(_d IN LISTS CROSSLINE_RUNTIME_DIRS)
        if(IS_DIRECTORY "${_d}")
            list(APPEND _tool_options "-libpath=${_d}")
        endif()
    endforeach()
endif()
# The deploy script's text must not contain ';' (it travels as one argument): lists become quoted words.
set(_dirs_q ${CROSSLINE_RUNTIME_DIRS})
list(TRANSFORM _dirs_q PREPEND "\"")
list(TRANSFORM _dirs_q APPEND "\"")
list(JOIN _dirs_q " " _dirs_q)
list(JOIN _tool_options "\" \"" _tool_options_q)
if(_tool_options AND Qt6Core_VERSION VERSION_GREATER_EQUAL 6.7)
    set(_tool_options_q "DEPLOY_TOOL_OPTIONS \"${_tool_options_q}\"")
elseif(_tool_options)
    # qt_deploy_runtime_dependencies() takes DEPLOY_TOOL_OPTIONS since Qt 6.7; Qt 6.5 and 6.6 stop the install with
    # "Unparsed arguments". There macdeployqt runs without -libpath: it still follows the absolute install names that
    # Homebrew's dylibs and this build's QtKeychain carry, but not @rpath references into those folders.
    message(WARNING "Crossline: Qt ${Qt6Core_VERSION} < 6.7 has no DEPLOY_TOOL_OPTIONS; macdeployqt runs without "
                    "${_tool_options}")
    set(_tool_options_q "")
endif()

# windeployqt/macdeployqt bundle Qt and its plugins (platforms, styles, imageformats, iconengines, sqldrivers, tls)
# for both programs. On Windows they skip non-Qt DLLs, so those are collected with GET_RUNTIME_DEPENDENCIES by
# RuntimeDeps.cmake, which also settles a DLL found at two paths (macdeployqt already copies every non-system dylib,
# rewriting install names).
qt_generate_deploy_script(TARGET crossline OUTPUT_SCRIPT _crossline_deploy CONTENT "
qt_deploy_runtime_dependencies(
    EXECUTABLE \"${_exe}\"
    ADDITIONAL_EXECUTABLES \"${_cli}\"
    ${_modules_q}
    GENERATE_QT_CONF
    VERBOSE
    ${_tool_options_q})
if(CMAKE_HOST_WIN32)   # install scripts run in script mode, where WIN32 is not set
    include(\"${_pkg}/RuntimeDeps.cmake\")
    crossline_bundle_runtime_deps(
        DESTINATION \"\${QT_DEPLOY_PREFIX}/${_bindir}\"
        EXECUTABLES \"\${QT_DEPLOY_PREFIX}/${_exe}\" \"\${QT_DEPLOY_PREFIX}/${_cli}\"${_modules_abs_q}
        DIRECTORIES ${_dirs_q} \"\${QT_DEPLOY_PREFIX}/${_bindir}\"
        PRE_EXCLUDE_REGEXES \"^api-ms-\" \"^ext-ms-\"
        POST_EXCLUDE_REGEXES \"[Ss]ystem32\" \"[Ss]ys[Ww][Oo][Ww]64\" \"[Ww]in[Ss]x[Ss]\")
endif()
")
install(SCRIPT ${_crossline_deploy})
