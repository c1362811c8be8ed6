"""A package deferred while a module that imports it is imported: stand-ins first, the real package on use."""

import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from proagentbench.anonymizer.deferred_import import Deferral, Deferred, DeferredUseError, StandInModule

PACKAGE = """
IMPORTED = True
REGISTRY = {}

def register(name):
    def decorate(function):
        REGISTRY[name] = function
        return function
    return decorate

class Base:
    pass
"""
SUBMODULE = """
class Thing:
    pass
"""
USER = """
from typing import Optional

import {pkg}
from {pkg} import Base, register
from {pkg}.sub import Thing

def make(thing: Optional[Thing] = None):
    return Thing()

@register("hello")
def hello():
    return "hi"

class Derived(Base):
    pass

AVAILABLE = bool({pkg})

try:
    import {pkg}.absent
except ImportError:
    ABSENT = True
"""


@pytest.fixture
def names(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[tuple[str, str]]:
    """A package and a module importing it, with names unique to the test; both removed afterwards."""
    suffix = request.node.name.replace("[", "_").replace("]", "_").replace("-", "_")
    pkg, user = f"deferme_{suffix}", f"deferme_user_{suffix}"
    (tmp_path / pkg).mkdir()
    (tmp_path / pkg / "__init__.py").write_text(PACKAGE)
    (tmp_path / pkg / "sub.py").write_text(SUBMODULE)
    (tmp_path / f"{user}.py").write_text(USER.format(pkg=pkg))
    sys.path.insert(0, str(tmp_path))
    yield pkg, user
    sys.path.remove(str(tmp_path))
    for name in [n for n in sys.modules if n.startswith((pkg, user))]:
        del sys.modules[name]


def _import_deferred(pkg: str, user: str) -> tuple[Deferral, ModuleType]:
    deferral = Deferral((pkg,))
    with deferral.standing_in():
        module = __import__(user)
    return deferral, module


def test_the_importer_gets_stand_ins_and_the_package_is_not_imported(names: tuple[str, str]) -> None:
    pkg, user = names
    deferral, module = _import_deferred(pkg, user)
    assert pkg not in sys.modules and f"{pkg}.sub" not in sys.modules
    assert isinstance(module.Thing, Deferred) and isinstance(getattr(module, pkg), StandInModule)
    assert module.AVAILABLE is True and module.ABSENT is True  # a missing submodule stays missing
    assert not isinstance(object(), module.Thing)  # answered without importing the package
    assert pkg not in sys.modules and deferral.pending()


def test_first_use_imports_the_package_repoints_names_and_replays_decorators(names: tuple[str, str]) -> None:
    pkg, user = names
    deferral, module = _import_deferred(pkg, user)
    thing = module.make()  # `Thing()` through the stand-in bound in `make`'s globals
    real = sys.modules[pkg]
    assert real.IMPORTED is True and not deferral.pending()
    assert module.Thing is sys.modules[f"{pkg}.sub"].Thing and isinstance(thing, module.Thing)
    assert getattr(module, pkg) is real and module.register is real.register and module.Base is real.Base
    assert {"hello": module.hello} == real.REGISTRY
    deferral.load_real()  # idempotent: nothing is registered twice
    assert {"hello": module.hello} == real.REGISTRY


def test_a_class_on_a_deferred_base_refuses_to_be_built(names: tuple[str, str]) -> None:
    pkg, user = names
    deferral, module = _import_deferred(pkg, user)
    deferral.load_real()
    with pytest.raises(DeferredUseError, match=rf"{user}.Derived was defined while its base class"):
        module.Derived()


def test_an_already_imported_package_is_not_deferred(names: tuple[str, str]) -> None:
    pkg, user = names
    real = __import__(pkg)
    deferral, module = _import_deferred(pkg, user)
    assert getattr(module, pkg) is real and not deferral.pending()
    assert {"hello": module.hello} == real.REGISTRY


def test_a_stand_in_used_at_import_other_than_as_a_decorator_fails_loudly(
    names: tuple[str, str], tmp_path: Path
) -> None:
    pkg, _ = names
    misuser = f"{pkg}_misuser"
    (tmp_path / f"{misuser}.py").write_text(f"import {pkg}\nLABEL = {pkg}.register('x').label\n")
    deferral = Deferral((pkg,))
    expected = r"register>\(\.\.\.\)\.label was used at import time"
    with pytest.raises(DeferredUseError, match=expected), deferral.standing_in():
        __import__(misuser)
    assert pkg not in sys.modules


def test_a_package_that_is_not_installed_fails_to_import_as_without_deferral(tmp_path: Path) -> None:
    deferral = Deferral(("proagentbench_no_such_package",))
    (tmp_path / "needs_missing.py").write_text("import proagentbench_no_such_package\n")
    sys.path.insert(0, str(tmp_path))
    try:
        with pytest.raises(ModuleNotFoundError), deferral.standing_in():
            __import__("needs_missing")
    finally:
        sys.path.remove(str(tmp_path))
    assert not deferral.pending()
