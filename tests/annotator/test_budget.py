"""The run budget and the price table (`proagentbench.models.budget`, `.prices`): exact request limits under
concurrency, cost from real token usage, cache hits free, bad price files refused in one line."""

import threading
from pathlib import Path

import pytest
from pydantic import BaseModel

from proagentbench.devtools.model_server import ModelServer
from proagentbench.errors import ConfigError
from proagentbench.models import ChatModel, ModelSettings
from proagentbench.models.budget import Budget, BudgetExhausted, BudgetLimits
from proagentbench.models.prices import Price, load_prices


class Reply(BaseModel):
    help: bool
    confidence: float


def test_concurrent_reservations_never_pass_max_requests() -> None:
    budget = Budget(BudgetLimits(max_requests=10))
    granted: list[int] = []

    def worker() -> None:
        for _ in range(5):
            try:
                budget.reserve()
            except BudgetExhausted:
                return
            granted.append(1)

    threads = [threading.Thread(target=worker) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(granted) == budget.requests == 10 and budget.exhausted


def test_the_model_stops_before_the_request_past_the_budget_and_cache_hits_are_free(tmp_path: Path) -> None:
    with ModelServer() as server:
        model = ChatModel(ModelSettings(model="m", base_url=server.base_url), cache_dir=tmp_path)
        model.budget = Budget(BudgetLimits(max_requests=2), Price(input=1.0, output=3.0))
        asked = [[{"role": "user", "content": f"question {n}"}] for n in range(3)]
        model.complete_json(asked[0], Reply)
        model.complete_json(asked[1], Reply)
        with pytest.raises(BudgetExhausted, match=r"budget reached \(--max-requests 2\)"):
            model.complete_json(asked[2], Reply)
        assert len(server.requests) == 2
        model.complete_json(asked[0], Reply)  # from the cache: no request, no budget
    usage = model.usage.to_json()
    assert usage["requests"] == 2 and usage["cached"] == 1 and usage["failed"] == 0
    assert model.budget.cost == (usage["prompt_tokens"] * 1.0 + usage["completion_tokens"] * 3.0) / 1e6 > 0


def test_a_cost_limit_needs_a_price() -> None:
    with pytest.raises(ValueError, match="needs the model's price"):
        Budget(BudgetLimits(max_cost=1.0))


def test_price_table(tmp_path: Path) -> None:
    path = tmp_path / "prices.toml"
    assert load_prices(path, required=False) == {}
    with pytest.raises(ConfigError, match="price table not found"):
        load_prices(path, required=True)
    path.write_text('[models."gpt-x"]\ninput = 0.15\noutput = 1\n[models.local]\ninput = 0\noutput = 0\n')
    assert load_prices(path, required=True) == {"gpt-x": Price(0.15, 1.0), "local": Price(0.0, 0.0)}
    assert Price(0.15, 1.0).cost(2_000_000, 1_000_000) == pytest.approx(1.3)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[models."m"]\ninput = 1\n', "needs exactly input and output"),
        ('[models."m"]\ninput = -1\noutput = 1\n', "non-negative numbers"),
        ('[models."m"]\ninput = "cheap"\noutput = 1\n', "non-negative numbers"),
        ("[prices]\nm = 1\n", "unknown table(s) prices"),
        ("models = 3\n", "must be a table"),
        ("[models\n", "not valid TOML"),
    ],
)
def test_bad_price_tables_are_one_line_errors(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "prices.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")) as error:
        load_prices(path, required=False)
    assert "\n" not in str(error.value)
