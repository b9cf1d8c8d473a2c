# The libFuzzer targets, one per parser that reads untrusted bytes: fuzz/<name>.cpp. Read by fuzz/CMakeLists.txt (the
# fuzz build), fuzz/tests.cmake (a CTest test each) and scripts/fuzz; fuzz/seeds.py writes seeds for each.
set(CROSSLINE_FUZZ_TARGETS
    fuzz_unified_request
    fuzz_repeated_key
    fuzz_dotenv
    fuzz_whatsapp_message
    fuzz_twilio_sms
    fuzz_provider_error
    fuzz_redactor
    fuzz_phone_number
    fuzz_record_pager)
