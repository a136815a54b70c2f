"""The fake Slack Web API answers like Slack and records what the real client sends."""

from __future__ import annotations

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry import RateLimitErrorRetryHandler
from slack_sdk.webhook import WebhookClient

from tests.support.fake_slack import BOT_USER_ID, FakeSlack

TOKEN = "xoxb-test-token"


@pytest.fixture
def client(fake: FakeSlack) -> WebClient:
    return WebClient(token=TOKEN, base_url=fake.base_url)


def test_base_url_ends_with_slash(fake: FakeSlack) -> None:
    assert fake.base_url.startswith("http://127.0.0.1:")
    assert fake.base_url.endswith("/")


def test_auth_test_names_the_bot(client: WebClient) -> None:
    assert client.auth_test()["user_id"] == BOT_USER_ID


def test_calls_record_method_params_and_token(fake: FakeSlack, client: WebClient) -> None:
    client.chat_postMessage(channel="C1", text="hello", blocks=[{"type": "divider"}])
    (call,) = fake.calls_to("chat.postMessage")
    assert call.params["channel"] == "C1"
    assert call.params["text"] == "hello"
    assert call.json_param("blocks") == [{"type": "divider"}]
    assert call.token == TOKEN


def test_post_message_returns_distinct_ts(client: WebClient) -> None:
    first = client.chat_postMessage(channel="C1", text="a")["ts"]
    second = client.chat_postMessage(channel="C1", text="b")["ts"]
    assert first != second


def test_rate_limit_answers_429_with_retry_after(fake: FakeSlack, client: WebClient) -> None:
    fake.rate_limit("chat.postMessage", retry_after=7)
    with pytest.raises(SlackApiError) as info:
        client.chat_postMessage(channel="C1", text="x")
    assert info.value.response.status_code == 429
    assert info.value.response.headers["Retry-After"] == "7"


def test_rate_limit_is_retried_by_the_retry_handler(fake: FakeSlack) -> None:
    client = WebClient(token=TOKEN, base_url=fake.base_url)
    client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=1))
    fake.rate_limit("chat.postMessage", retry_after=0)
    assert client.chat_postMessage(channel="C1", text="x")["ok"]
    assert len(fake.calls_to("chat.postMessage")) == 2


def test_server_error_answers_500(fake: FakeSlack, client: WebClient) -> None:
    fake.server_error("views.publish")
    with pytest.raises(SlackApiError) as info:
        client.views_publish(user_id="U1", view={"type": "home", "blocks": []})
    assert info.value.response.status_code == 500


def test_error_rule_applies_only_to_its_channel(fake: FakeSlack, client: WebClient) -> None:
    fake.fail("chat.postMessage", "channel_not_found", channel="C404")
    with pytest.raises(SlackApiError) as info:
        client.chat_postMessage(channel="C404", text="x")
    assert info.value.response["error"] == "channel_not_found"
    assert client.chat_postMessage(channel="C1", text="x")["ok"]


def test_rule_with_times_expires(fake: FakeSlack, client: WebClient) -> None:
    fake.fail("chat.postEphemeral", "user_not_in_channel", times=1)
    with pytest.raises(SlackApiError):
        client.chat_postEphemeral(channel="C1", user="U1", text="x")
    assert client.chat_postEphemeral(channel="C1", user="U1", text="x")["ok"]


def test_users_info_uses_configured_user(fake: FakeSlack, client: WebClient) -> None:
    fake.set_user("U1", name="ada", tz="Europe/London")
    user = client.users_info(user="U1")["user"]
    assert (user["name"], user["tz"]) == ("ada", "Europe/London")


def test_conversations_info_flags_dm(client: WebClient) -> None:
    assert client.conversations_info(channel="D123")["channel"]["is_im"] is True


def test_views_publish_echoes_view(client: WebClient) -> None:
    view = client.views_publish(user_id="U1", view={"type": "home", "blocks": []})["view"]
    assert view["type"] == "home"
    assert view["id"].startswith("V")


def test_files_upload_v2_round_trip(fake: FakeSlack, client: WebClient) -> None:
    result = client.files_upload_v2(channel="C1", content=b"chart-bytes", filename="c.png")
    file_id = result["file"]["id"]
    assert fake.upload(file_id) == b"chart-bytes"
    assert [c.method for c in fake.calls] == [
        "files.getUploadURLExternal",
        "upload",
        "files.completeUploadExternal",
    ]


def test_response_url_posts_are_recorded(fake: FakeSlack) -> None:
    WebhookClient(fake.response_url("abc")).send(text="later", response_type="ephemeral")
    (post,) = fake.responses
    assert post.path.endswith("/abc")
    assert post.params["text"] == "later"


def test_unknown_method_is_refused(client: WebClient) -> None:
    with pytest.raises(SlackApiError) as info:
        client.api_call("nope.never")
    assert info.value.response["error"] == "unknown_method"


def test_wait_for_times_out_with_assertion(fake: FakeSlack) -> None:
    with pytest.raises(AssertionError):
        fake.wait_for("chat.postMessage", timeout=0.05)


def test_history_serves_posted_messages_with_metadata(client: WebClient) -> None:
    marker = {"event_type": "cdf_digest", "event_payload": {"subscription": 1}}
    client.chat_postMessage(channel="C1", text="a", metadata=marker)
    client.chat_postMessage(channel="C1", text="b")
    client.chat_postMessage(channel="C2", text="elsewhere")
    history = client.conversations_history(channel="C1", include_all_metadata=True)
    assert [m["text"] for m in history["messages"]] == ["b", "a"]
    assert history["messages"][1]["metadata"] == marker


def test_history_leaves_metadata_out_unless_asked(client: WebClient) -> None:
    client.chat_postMessage(
        channel="C1", text="a", metadata={"event_type": "x", "event_payload": {}}
    )
    (message,) = client.conversations_history(channel="C1")["messages"]
    assert "metadata" not in message


def test_history_pages_with_a_cursor(client: WebClient) -> None:
    for n in range(3):
        client.chat_postMessage(channel="C1", text=str(n))
    first = client.conversations_history(channel="C1", limit=2)
    second = client.conversations_history(
        channel="C1", limit=2, cursor=first["response_metadata"]["next_cursor"]
    )
    assert [m["text"] for m in first["messages"] + second["messages"]] == ["2", "1", "0"]
    assert second["has_more"] is False


def test_accept_then_reset_posts_and_answers_nothing(fake: FakeSlack) -> None:
    fake.accept_then_reset("chat.postMessage")
    with pytest.raises(ConnectionError):
        WebClient(token=TOKEN, base_url=fake.base_url, retry_handlers=[]).chat_postMessage(
            channel="C1", text="x"
        )
    assert [m["text"] for m in fake.messages("C1")] == ["x"]


def test_accept_then_delay_posts_and_outlasts_the_client_timeout(fake: FakeSlack) -> None:
    fake.accept_then_delay("chat.postMessage", 1.5)
    client = WebClient(token=TOKEN, base_url=fake.base_url, timeout=0.5, retry_handlers=[])
    with pytest.raises(TimeoutError):
        client.chat_postMessage(channel="C1", text="x")
    assert len(fake.messages("C1")) == 1


def test_accept_then_server_error_posts_and_answers_500(fake: FakeSlack) -> None:
    fake.accept_then_server_error("chat.postMessage")
    client = WebClient(token=TOKEN, base_url=fake.base_url, retry_handlers=[])
    with pytest.raises(SlackApiError) as info:
        client.chat_postMessage(channel="C1", text="x")
    assert info.value.response.status_code == 500
    assert len(fake.messages("C1")) == 1
