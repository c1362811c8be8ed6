"""Importing a module while some packages it imports are stood in for, and loaded only if they are used.

Inside `with deferral.standing_in():`, `import pkg` and `from pkg.sub import Name` (for the deferral's
top-level packages, when none of them is imported yet) bind stand-ins: `StandInModule`s and `Deferred`
names. The importing code may bind them, annotate with them, subclass them and decorate with them (such
import-time calls are recorded). Using a stand-in afterwards (calling it, reading an attribute, `isinstance`)
first runs `deferral.load_real()`: it imports the real packages, re-points every name bound to a stand-in in
the modules imported inside the block, and replays the recorded calls, so from then on those modules hold
exactly what a plain import would have given them.

The one thing that does not carry over is a class defined on a deferred base: it is built on
`DeferredBase`, which refuses to be instantiated with a clear error (its module would have to be imported
again with the real package present).
"""

import importlib
import importlib.abc
import importlib.machinery
import sys
import threading
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


class DeferredUseError(ImportError):
    """A stand-in was used at import time in a way that cannot be replayed later."""


class DeferredBase:
    """The base of a class whose real base was deferred when its module was imported."""

    def __new__(cls, *args: Any, **kwargs: Any) -> "DeferredBase":
        raise DeferredUseError(
            f"{cls.__module__}.{cls.__qualname__} was defined while its base class was deferred; import "
            f"{cls.__module__} after the real package"
        )


class Deferred:
    """A name from a deferred package: `module` is where it was imported from, `attrs` the path below it."""

    __slots__ = ("_deferral", "_module", "_attrs")

    def __init__(self, deferral: "Deferral", module: str, attrs: tuple[str, ...]) -> None:
        self._deferral = deferral
        self._module = module
        self._attrs = attrs

    def __repr__(self) -> str:
        return f"<deferred {'.'.join((self._module, *self._attrs))}>"

    def target(self) -> Any:
        """The real object (imports the real package; does not re-point anything)."""
        value: Any = importlib.import_module(self._module)
        for attr in self._attrs:
            value = getattr(value, attr)
        return value

    def resolve(self) -> Any:
        self._deferral.load_real()
        return self.target()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # typing, copy and pickle probe dunders: a stand-in has none
            raise AttributeError(name)
        if self._deferral.active:
            return Deferred(self._deferral, self._module, (*self._attrs, name))
        return getattr(self.resolve(), name)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self._deferral.active:
            return self._deferral.record(self, args, kwargs)
        return self.resolve()(*args, **kwargs)

    def __mro_entries__(self, bases: tuple[Any, ...]) -> tuple[type, ...]:
        return (DeferredBase,)

    def __instancecheck__(self, instance: Any) -> bool:
        # Nothing can be an instance of a class from a package that was never imported.
        if not self._deferral.really_imported():
            return False
        return isinstance(instance, self.resolve())

    def __subclasscheck__(self, subclass: type) -> bool:
        if not self._deferral.really_imported():
            return False
        return issubclass(subclass, self.resolve())


class RecordedCall:
    """A call made on a stand-in at import time: a decorator factory (`@Language.factory(...)`), replayed
    on the real object by `load_real`, with the function it decorated."""

    def __init__(self, deferred: Deferred, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        self.deferred = deferred
        self.args = args
        self.kwargs = kwargs
        self.decorated: Callable[..., Any] | None = None

    def __call__(self, function: Callable[..., Any]) -> Callable[..., Any]:
        if self.decorated is not None or not callable(function):
            raise DeferredUseError(f"{self.deferred!r}(...) was used at import time, not as a decorator")
        self.decorated = function
        return function

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        raise DeferredUseError(f"{self.deferred!r}(...).{name} was used at import time")

    def replay(self) -> None:
        result = self.deferred.target()(*self.args, **self.kwargs)
        if self.decorated is not None:
            result(self.decorated)


class StandInModule(types.ModuleType):
    """A deferred module: every public attribute is a `Deferred` name."""

    def __init__(self, name: str, deferral: "Deferral") -> None:
        super().__init__(name)
        self._deferral = deferral

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return Deferred(self._deferral, self.__name__, (name,))


class _StandInFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def __init__(self, deferral: "Deferral") -> None:
        self.deferral = deferral

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        if fullname.partition(".")[0] not in self.deferral.packages:
            return None
        real = importlib.machinery.PathFinder.find_spec(fullname, path)
        if real is None:
            return None  # as missing as it really is
        # A stand-in package searches where the real one does, so its submodules are found (or not) alike.
        locations = real.submodule_search_locations
        spec = importlib.machinery.ModuleSpec(fullname, self, is_package=locations is not None)
        if locations is not None:
            spec.submodule_search_locations = list(locations)
        return spec

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        self.deferral.served.append(spec.name)
        return StandInModule(spec.name, self.deferral)

    def exec_module(self, module: types.ModuleType) -> None:
        """A stand-in has no code to run."""


class Deferral:
    """One group of packages deferred together (a package and the ones it cannot be imported without)."""

    def __init__(self, packages: tuple[str, ...]) -> None:
        self.packages = packages
        self.active = False
        self.served: list[str] = []
        self.importers: list[str] = []  # modules imported while standing in, which may hold stand-ins
        self.calls: list[RecordedCall] = []
        self.loaded = False
        self._lock = threading.RLock()

    def really_imported(self) -> bool:
        modules = [sys.modules.get(name) for name in self.packages]
        return any(module is not None and not isinstance(module, StandInModule) for module in modules)

    def pending(self) -> bool:
        """Stand-ins were handed out and the real packages are not loaded into their importers yet."""
        return bool(self.served) and not self.loaded

    def record(self, deferred: Deferred, args: tuple[Any, ...], kwargs: dict[str, Any]) -> RecordedCall:
        call = RecordedCall(deferred, args, kwargs)
        self.calls.append(call)
        return call

    @contextmanager
    def standing_in(self) -> Iterator[None]:
        """Stand in for the packages inside the block, unless one of them is already imported (then the
        block imports normally)."""
        if self.served or any(name in sys.modules for name in self.packages):
            yield
            return
        finder = _StandInFinder(self)
        before = set(sys.modules)
        sys.meta_path.insert(0, finder)
        self.active = True
        try:
            yield
        finally:
            self.active = False
            sys.meta_path.remove(finder)
            for name in self.served:
                if isinstance(sys.modules.get(name), StandInModule):
                    del sys.modules[name]
            self.importers = [name for name in sys.modules if name not in before]

    def load_real(self) -> None:
        """Import the real packages into every module that was given stand-ins; idempotent."""
        with self._lock:
            if self.loaded or not self.served:
                return
            self.loaded = True
            for name in self.served:
                importlib.import_module(name)
            for module_name in self.importers:
                module = sys.modules.get(module_name)
                if module is not None:
                    _repoint(module)
            for call in self.calls:
                call.replay()


def _repoint(module: types.ModuleType) -> None:
    for attr, value in list(vars(module).items()):
        if isinstance(value, Deferred):
            setattr(module, attr, value.target())
        elif isinstance(value, StandInModule):
            setattr(module, attr, importlib.import_module(value.__name__))
