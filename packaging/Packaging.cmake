# Installers: install rules for the desktop integration files, the Windows/macOS bundle details, and CPack.
# Included from the top-level CMakeLists.txt after app/ (install rules run in declaration order, CMP0082),
# so the deploy steps below see the executables already installed.
#
#   Linux   DEB (shlibdeps), RPM (rpmbuild autoreq), TGZ — built and checked here (tests/packaging)
#   Windows NSIS installer (+ ZIP); WiX is configured too (cpack -G WIX) — built by .github/workflows/build.yml
#   macOS   DragNDrop .dmg with Crossline.app — built by .github/workflows/build.yml
#
# The version comes from project(VERSION) only; the homepage, maintainer, licence and copyright from the top-level
# CMakeLists.txt only (CROSSLINE_HOMEPAGE, CROSSLINE_MAINTAINER, CROSSLINE_LICENSE, CROSSLINE_COPYRIGHT); the licence
# text is LICENSE. packaging/README.md describes every file and the signing steps.
include(GNUInstallDirs)

set(CROSSLINE_APP_ID "dev.crossline.Crossline")
set(_pkg ${CMAKE_CURRENT_LIST_DIR})
# The homepage without its trailing slash, for the URLs the metainfo builds on it (…/issues, …/screenshots/…).
string(REGEX REPLACE "/+$" "" CROSSLINE_HOMEPAGE_BASE "${CROSSLINE_HOMEPAGE}")

# ---------------------------------------------------------------------------------------------------------------
# Linux: desktop entry, AppStream metainfo, hicolor icons, man pages, copyright and changelog.
if(UNIX AND NOT APPLE)
    install(FILES ${PROJECT_SOURCE_DIR}/resources/linux/${CROSSLINE_APP_ID}.desktop
            DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
    # The metainfo and the Debian copyright file carry the homepage, maintainer and licence: configured from the
    # values above into the build tree. copyright.in's licence paragraph is Apache-2.0's (it points at Debian's
    # /usr/share/common-licenses/Apache-2.0, as lintian requires): another licence needs that paragraph rewritten too.
    configure_file(${PROJECT_SOURCE_DIR}/resources/linux/${CROSSLINE_APP_ID}.metainfo.xml.in
                   ${CMAKE_CURRENT_BINARY_DIR}/packaging/${CROSSLINE_APP_ID}.metainfo.xml @ONLY)
    configure_file(${_pkg}/linux/copyright.in ${CMAKE_CURRENT_BINARY_DIR}/packaging/copyright @ONLY)
    install(FILES ${CMAKE_CURRENT_BINARY_DIR}/packaging/${CROSSLINE_APP_ID}.metainfo.xml
            DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
    install(DIRECTORY ${PROJECT_SOURCE_DIR}/resources/icons/hicolor
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons)

    # Debian wants man pages and the changelog gzipped with -9n (reproducible: no name, no timestamp).
    find_program(CROSSLINE_GZIP gzip)
    if(CROSSLINE_GZIP)
        set(_gz_outputs)
        foreach(_src IN ITEMS linux/crossline.1 linux/crossline-cli.1 linux/changelog)
            get_filename_component(_name ${_src} NAME)
            set(_out ${CMAKE_CURRENT_BINARY_DIR}/packaging/${_name}.gz)
            add_custom_command(OUTPUT ${_out}
                COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_CURRENT_BINARY_DIR}/packaging
                COMMAND ${CROSSLINE_GZIP} -9nc ${_pkg}/${_src} > ${_out}
                DEPENDS ${_pkg}/${_src} VERBATIM)
            list(APPEND _gz_outputs ${_out})
        endforeach()
        add_custom_target(crossline_packaging_docs ALL DEPENDS ${_gz_outputs})
        install(FILES ${CMAKE_CURRENT_BINARY_DIR}/packaging/crossline.1.gz
                      ${CMAKE_CURRENT_BINARY_DIR}/packaging/crossline-cli.1.gz
                DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
        install(FILES ${CMAKE_CURRENT_BINARY_DIR}/packaging/changelog.gz
                DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/crossline)
    endif()
    install(FILES ${CMAKE_CURRENT_BINARY_DIR}/packaging/copyright DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/crossline)
endif()

# ---------------------------------------------------------------------------------------------------------------
# Windows and macOS: icons and version resources on the executables, then Qt's deploy tooling (windeployqt /
# macdeployqt via qt_deploy_runtime_dependencies) bundles Qt, its plugins (platforms, styles, imageformats,
# iconengines, sqldrivers, tls) and the non-Qt libraries (QtKeychain, libphonenumber and what they need).
# Linux packages keep using the system Qt: none of this runs there.
if((WIN32 OR APPLE) AND TARGET crossline)
    include(${_pkg}/Deploy.cmake)
endif()

# ---------------------------------------------------------------------------------------------------------------
# CPack, common to every generator.
set(CPACK_PACKAGE_NAME "crossline")
set(CPACK_PACKAGE_VENDOR "The Crossline developers")
set(CPACK_PACKAGE_CONTACT "${CROSSLINE_MAINTAINER}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_HOMEPAGE_URL "${CROSSLINE_HOMEPAGE}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Desktop admin console for Nango and Panora integrations")
# Wrapped by hand: the DEB control file keeps these lines as they are (lintian wants them under 80 columns).
string(CONCAT CPACK_PACKAGE_DESCRIPTION
    "Crossline sends unified operations through Nango (auth and Requests Proxy)\n"
    "or Panora (unified CRM and HRIS API), imports WhatsApp Cloud tokens into\n"
    "Nango, lists connections, browses CRM contacts and HR employees, and\n"
    "composes WhatsApp and Twilio test messages. Secrets are kept in the system\n"
    "keychain.\n"
    "\n"
    "The package contains the desktop application (crossline) and its\n"
    "command-line twin (crossline-cli), with an embedded sandbox that emulates\n"
    "the services.")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Crossline")
set(CPACK_PACKAGE_EXECUTABLES "crossline;Crossline")
# The installers' licence page (NSIS; the default is CMake's own licence). WiX takes only a .txt or .rtf file, so
# PerGenerator.cmake hands it the same text under a .txt name.
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
configure_file(${PROJECT_SOURCE_DIR}/LICENSE ${CMAKE_CURRENT_BINARY_DIR}/packaging/LICENSE.txt COPYONLY)
set(CPACK_CROSSLINE_LICENSE_TXT "${CMAKE_CURRENT_BINARY_DIR}/packaging/LICENSE.txt")   # CPACK_*: passed on to cpack
set(CPACK_STRIP_FILES TRUE)
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
set(CPACK_SOURCE_IGNORE_FILES "/build/" "/\\\\.git/" "/node_modules/")

if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$")
    set(_arch x86_64)
elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "^(aarch64|arm64|ARM64)$")
    set(_arch arm64)
else()
    set(_arch ${CMAKE_SYSTEM_PROCESSOR})
endif()
if(APPLE AND CMAKE_OSX_ARCHITECTURES)
    string(REPLACE ";" "-" _arch "${CMAKE_OSX_ARCHITECTURES}")
endif()

if(WIN32)
    set(CPACK_GENERATOR "NSIS;ZIP")
    set(CPACK_PACKAGE_FILE_NAME "crossline-${PROJECT_VERSION}-windows-${_arch}")
elseif(APPLE)
    set(CPACK_GENERATOR "DragNDrop")
    set(CPACK_PACKAGE_FILE_NAME "crossline-${PROJECT_VERSION}-macos-${_arch}")
else()
    set(CPACK_GENERATOR "DEB;TGZ")
    find_program(CROSSLINE_RPMBUILD rpmbuild)
    if(CROSSLINE_RPMBUILD)
        list(APPEND CPACK_GENERATOR RPM)
    endif()
    set(CPACK_PACKAGE_FILE_NAME "crossline-${PROJECT_VERSION}-linux-${_arch}")   # TGZ; DEB/RPM name themselves
endif()

# ---- DEB --------------------------------------------------------------------------------------------------------
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)                      # crossline_<version>_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)                       # Qt, QtKeychain, libphonenumber, libc … by soname
# What shlibdeps cannot see: plugins Qt loads at run time (the SQLite driver for history, the SVG icon engine and
# image format for every icon). libqt6keychain1 itself recommends a Secret Service (gnome-keyring | kwalletmanager).
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, libqt6svg6")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-wayland")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)

# ---- RPM --------------------------------------------------------------------------------------------------------
set(CPACK_RPM_FILE_NAME RPM-DEFAULT)                         # crossline-<version>-1.x86_64.rpm
set(CPACK_RPM_PACKAGE_RELEASE 1)
set(CPACK_RPM_PACKAGE_LICENSE "${CROSSLINE_LICENSE}")
set(CPACK_RPM_PACKAGE_GROUP "Applications/Internet")
set(CPACK_RPM_PACKAGE_URL "${CROSSLINE_HOMEPAGE}")
set(CPACK_RPM_PACKAGE_AUTOREQ ON)                            # sonames, like shlibdeps
set(CPACK_RPM_PACKAGE_REQUIRES "libQt6Svg.so.6()(64bit)")   # the SVG plugins ship with the Qt Svg library
set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
    /usr/share/applications /usr/share/icons /usr/share/metainfo /usr/share/icons/hicolor /usr/share/icons/hicolor/scalable
    /usr/share/icons/hicolor/scalable/apps /usr/share/man /usr/share/man/man1)
foreach(_n 16 22 24 32 48 64 128 256 512)
    list(APPEND CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
         /usr/share/icons/hicolor/${_n}x${_n} /usr/share/icons/hicolor/${_n}x${_n}/apps)
endforeach()

# ---- NSIS (Windows) ---------------------------------------------------------------------------------------------
set(_ico "${_pkg}/windows/crossline.ico")                   # NSIS takes forward slashes
set(CPACK_NSIS_PACKAGE_NAME "Crossline")
set(CPACK_NSIS_DISPLAY_NAME "Crossline ${PROJECT_VERSION}")
set(CPACK_NSIS_MUI_ICON "${_ico}")
set(CPACK_NSIS_MUI_UNIICON "${_ico}")
# The wizard's pictures instead of NSIS's stock ones (packaging/render-icons makes them from the icon).
set(CPACK_NSIS_MUI_WELCOMEFINISHPAGE_BITMAP "${_pkg}/windows/installer-side.bmp")
set(CPACK_NSIS_MUI_UNWELCOMEFINISHPAGE_BITMAP "${_pkg}/windows/installer-side.bmp")
set(CPACK_NSIS_MUI_HEADERIMAGE "${_pkg}/windows/installer-header.bmp")
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\crossline.exe")
set(CPACK_NSIS_EXECUTABLES_DIRECTORY "bin")
set(CPACK_NSIS_MUI_FINISHPAGE_RUN "crossline.exe")
set(CPACK_NSIS_URL_INFO_ABOUT "${CROSSLINE_HOMEPAGE}")
set(CPACK_NSIS_CONTACT "${CROSSLINE_MAINTAINER}")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)           # upgrades replace the previous version
# The options page: "add crossline-cli's folder to PATH" (for all users / this user / not at all, the default) and the
# desktop icon (CPACK_CREATE_DESKTOP_LINKS below). Without this CPack never shows that page, so no desktop icon either.
# CPack's PATH code refuses, with a message, to touch a PATH too long for NSIS rather than truncate it.
set(CPACK_NSIS_MODIFY_PATH ON)
set(CPACK_NSIS_MANIFEST_DPI_AWARE ON)
set(CPACK_NSIS_BRANDING_TEXT "Crossline ${PROJECT_VERSION}")
set(CPACK_PACKAGE_INSTALL_REGISTRY_KEY "Crossline")          # stable across versions: the upgrade key
set(CPACK_CREATE_DESKTOP_LINKS crossline)
# (Written unescaped into CPackConfig.cmake, hence \\\" for a quote and \\\\ for a backslash in NSIS.)
set(CPACK_NSIS_CREATE_ICONS_EXTRA
    "CreateShortCut '$SMPROGRAMS\\\\$STARTMENU_FOLDER\\\\Crossline CLI.lnk' '$SYSDIR\\\\cmd.exe' '/k \\\"$INSTDIR\\\\bin\\\\crossline-cli.exe\\\" --help'")
set(CPACK_NSIS_DELETE_ICONS_EXTRA
    "Delete '$SMPROGRAMS\\\\$START_MENU\\\\Crossline CLI.lnk'")

# ---- WiX (Windows, optional: cpack -G WIX) ------------------------------------------------------------------------
set(CPACK_WIX_UPGRADE_GUID "2761FF82-7CC2-494B-8A97-6AB1BCF57181")   # never change: MSI major upgrades key on it
set(CPACK_WIX_PRODUCT_ICON "${_pkg}/windows/crossline.ico")
set(CPACK_WIX_PROGRAM_MENU_FOLDER "Crossline")
set(CPACK_WIX_PROPERTY_ARPURLINFOABOUT "${CROSSLINE_HOMEPAGE}")

# ---- DragNDrop (macOS) --------------------------------------------------------------------------------------------
set(CPACK_DMG_VOLUME_NAME "Crossline ${PROJECT_VERSION}")
set(CPACK_DMG_FORMAT "UDZO")
# No licence agreement on the DMG. CPACK_RESOURCE_FILE_LICENSE (above, for the Windows installers) would otherwise be
# attached as a DMG "SLA" with `hdiutil udifrez`, a tool macOS 12 deprecated: CPack does that when policy CMP0133
# (CMake 3.24) is not NEW, and cmake_minimum_required(VERSION 3.21) leaves it unset, i.e. OLD. Both are set here: the
# policy where CMake knows it, the option itself for CMake 3.23 (which has the option but not the policy). The licence
# stays where a Mac user sees it: the About box (name and full text) and the README.
if(POLICY CMP0133)
    cmake_policy(SET CMP0133 NEW)
endif()
set(CPACK_DMG_SLA_USE_RESOURCE_FILE_LICENSE OFF)
# hdiutil through a wrapper that tries again: on GitHub's macOS runners `hdiutil create` fails at random with "Resource
# busy" (see packaging/macos/hdiutil-retry). Run with /bin/sh so that a lost executable bit does not matter; CPack
# splits the command at spaces but keeps a quoted word whole (written unescaped into CPackConfig.cmake, hence \\\").
set(CPACK_COMMAND_HDIUTIL "/bin/sh \\\"${_pkg}/macos/hdiutil-retry\\\"")
# The volume icon, CPACK_PACKAGE_ICON, is set in PerGenerator.cmake for DragNDrop only: NSIS takes the same variable
# as its header picture, where an .icns is no picture at all.
set(CPACK_CROSSLINE_DMG_VOLUME_ICON "${_pkg}/macos/crossline.icns")   # CPACK_*: CPack passes it on to cpack time

# ---- Signing (optional, driven by environment variables; never committed secrets) ---------------------------------
# Binaries are signed in CPack's staging tree before packing, the installer/DMG after it (packaging/sign.cmake).
set(CPACK_PRE_BUILD_SCRIPTS "${_pkg}/sign.cmake")
set(CPACK_PROJECT_CONFIG_FILE "${_pkg}/PerGenerator.cmake")  # what differs between generators
set(CPACK_POST_BUILD_SCRIPTS "${_pkg}/sign.cmake")

include(CPack)
