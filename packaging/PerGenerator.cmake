# Read by cpack once per generator (CPACK_PROJECT_CONFIG_FILE), with CPACK_GENERATOR naming the one at work: the
# settings that differ between generators.

if(CPACK_GENERATOR MATCHES "^(NSIS|NSIS64|WIX)$")
    # The Windows installers write the package name into their own texts ("Create Crossline Desktop Icon",
    # "Add Crossline to the system PATH", the MSI's product name). The Linux packages keep the lowercase name.
    set(CPACK_PACKAGE_NAME "Crossline")
endif()

if(CPACK_GENERATOR STREQUAL "WIX")
    # WiX refuses a licence file without a .txt or .rtf extension ("unsupported WiX License file extension"): the same
    # LICENSE, copied under a .txt name at configure time (Packaging.cmake).
    set(CPACK_RESOURCE_FILE_LICENSE "${CPACK_CROSSLINE_LICENSE_TXT}")
endif()

if(CPACK_GENERATOR MATCHES "^NSIS" AND NOT CMAKE_HOST_WIN32)
    # makensis off Windows refuses `BrandingText /TRIM…` ("disabled for non Win32 platforms"), which CPack always
    # writes with a branding text: there the installer keeps NSIS's default branding (tests/packaging/check-nsis.sh).
    unset(CPACK_NSIS_BRANDING_TEXT)
endif()

if(CPACK_GENERATOR STREQUAL "DragNDrop")
    set(CPACK_PACKAGE_ICON "${CPACK_CROSSLINE_DMG_VOLUME_ICON}")   # the DMG's volume icon
endif()
