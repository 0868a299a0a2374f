"""``hubdesk.domain`` names every model without importing them until one is asked for."""

from __future__ import annotations

import subprocess
import sys

import hubdesk.domain
from hubdesk.domain import models


def test_every_model_is_named_by_the_package_and_is_the_same_class() -> None:
    imported = {
        name
        for name, value in vars(models).items()
        if isinstance(value, type) and value.__module__.startswith("hubdesk.domain")
    }
    assert imported == set(hubdesk.domain.__all__) - {"SYNCED_MODELS"}, "models.py vs __init__"
    for name in hubdesk.domain.__all__:
        assert getattr(hubdesk.domain, name) is getattr(models, name)


def test_the_code_lists_load_without_the_orm() -> None:
    code = (
        "import sys, hubdesk.domain.enums, hubdesk.domain.money, hubdesk.i18n.formatting; "
        "print('sqlalchemy' in sys.modules, 'hubdesk.domain.models' in sys.modules); "
        "from hubdesk.domain import Member; "
        "print('hubdesk.domain.models' in sys.modules, Member.__tablename__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False", "True", "members"]


def test_the_models_carry_evaluated_annotations() -> None:
    """Mapping the models re-evaluates string annotations (see ``hubdesk.domain``): none of the
    domain's modules may turn them all into strings again."""
    from pathlib import Path

    folder = Path(hubdesk.domain.__file__).parent
    stringified = [
        path.name
        for path in sorted(folder.glob("*.py"))
        if "\nfrom __future__ import annotations" in path.read_text(encoding="utf-8")
    ]
    assert stringified == []
    assert not isinstance(vars(models.Member)["__annotations__"]["name"], str)
