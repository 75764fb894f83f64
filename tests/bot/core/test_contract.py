import pytest

from bot.core.contract import sanitise


@pytest.mark.parametrize("text", ["/affirm", "/deny", '/request_document{"document":"CERT-ARC"}',
                                  '/part_time_work{"visa_status":"D-4"}', '/choose_language{"language_choice":"th"}',
                                  '/ask_documents{"service_id":"IMM-EXT"}', '/childcare_support{"service_id":"FAM-CHILDBEN"}',
                                  '/contact_info{"service_id":"IMM-REENTRY-MULTI"}'])
def test_our_button_payloads_pass(text: str) -> None:
    assert sanitise(text) == text


@pytest.mark.parametrize("text, expected", [
    ("/restart", "restart"),
    ("/session_start", "session_start"),
    ('/inform{"arn":"9501015123456"}', 'inform{"arn":"9501015123456"}'),
    ('/request_document{"document":"<script>"}', 'request_document{"document":"<script>"}'),
    ('/affirm{"privacy_consent": true}', 'affirm{"privacy_consent": true}'),
    ("/", "/"),
    ('/ask_fee{"service_id":"imm-ext"}', 'ask_fee{"service_id":"imm-ext"}'),
    ('/ask_fee{"service_id":"IMM-EXT","place":"x"}', 'ask_fee{"service_id":"IMM-EXT","place":"x"}'),
    ("hello", "hello"),
])
def test_other_payloads_become_plain_text(text: str, expected: str) -> None:
    assert sanitise(text) == expected
