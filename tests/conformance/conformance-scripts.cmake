# Spec conformance (label "conformance"): Crossline's requests and the sandbox's responses checked against the
# official OpenAPI specs in ../shared/specs (or $CROSSLINE_SPECS_DIR). Needs Node.js 18+ and the tools pinned in
# tests/conformance/package.json, installed by the project's setup:   npm ci --prefix tests/conformance
# Without them these tests FAIL and say so; they never skip.
#
#   conformance_validator_selftest  the spec validator accepts the specs' own examples and rejects broken messages
#   conformance_nango_prism         crossline-cli nango ... through `prism proxy nango-openapi.yaml --errors`
#   conformance_panora_prism        crossline-cli contacts/employees/unified through `prism proxy panora-...-hris.yaml`
#   tst_conformance_upstream        what the sandbox's Nango proxy forwards to WhatsApp/Twilio, against their specs
find_program(CROSSLINE_NODE node)
if(NOT CROSSLINE_NODE)
    set(CROSSLINE_NODE node) # not found at configure time: the tests then fail with "node: not found", never skip
endif()

set(_conformance_env
    "CROSSLINE_CLI=$<TARGET_FILE:crossline-cli>"
    "CROSSLINE_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
    "QT_QPA_PLATFORM=offscreen")

add_test(NAME conformance_validator_selftest
         COMMAND ${CROSSLINE_NODE} ${CMAKE_CURRENT_LIST_DIR}/validate-upstream.mjs --self-test)
add_test(NAME conformance_nango_prism
         COMMAND ${CROSSLINE_NODE} ${CMAKE_CURRENT_LIST_DIR}/prism-suite.mjs nango)
add_test(NAME conformance_panora_prism
         COMMAND ${CROSSLINE_NODE} ${CMAKE_CURRENT_LIST_DIR}/prism-suite.mjs panora)
set_tests_properties(conformance_validator_selftest conformance_nango_prism conformance_panora_prism PROPERTIES
    LABELS conformance
    TIMEOUT 90
    ENVIRONMENT "${_conformance_env}")
# Each Prism run starts its own sandbox and Prism on free loopback ports; they may run in parallel (ctest -j),
# but two Prism start-ups at once are slow on a 2-core machine, so keep them apart.
set_tests_properties(conformance_nango_prism conformance_panora_prism PROPERTIES RESOURCE_LOCK crossline_prism)

