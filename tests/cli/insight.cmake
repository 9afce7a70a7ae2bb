# The insight command's ctests, included by one line of tests/cli/CMakeLists.txt:
# the CLI script, and the employer report checked in headless chromium (skipped,
# exit 77, only when chromium is not installed); its screenshots are kept in
# the build dir, tests/cli/artefacts/insight-report-{nl,en}.png.
add_test(NAME cli.insight COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/test_cli_insight.sh $<TARGET_FILE:edurules_cli> ${PROJECT_SOURCE_DIR})
add_test(NAME cli.insight.html COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/test_cli_insight_html.sh $<TARGET_FILE:edurules_cli> ${PROJECT_SOURCE_DIR}
                                          ${CMAKE_CURRENT_BINARY_DIR}/artefacts)
set_tests_properties(cli.insight.html PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 600 LABELS browser)
