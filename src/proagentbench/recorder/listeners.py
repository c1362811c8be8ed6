"""Global keyboard and mouse listeners (pynput), translated into the core's platform-neutral calls.

The pause hotkey is detected inside the same keyboard listener with pynput's ``HotKey`` (what its
``GlobalHotKeys`` does internally), so no third input hook is opened.
"""

import contextlib
from collections.abc import Callable
from typing import Any

from proagentbench.errors import MissingDependencyError
from proagentbench.recorder.core import RecorderCore
from proagentbench.recorder.errors import PermissionMissingError
from proagentbench.recorder.inputs import KeyInput

LISTENER_START_TIMEOUT = 10.0


class InputListeners:
    def __init__(self, core: RecorderCore, pause_hotkey: str, on_hotkey: Callable[[], None]) -> None:
        self._core = core
        self._pause_hotkey = pause_hotkey
        self._on_hotkey = on_hotkey
        self._keyboard: Any = None
        self._mouse: Any = None
        self._hotkey: Any = None
        self._hotkey_fired = False

    def start(self) -> None:
        try:
            from pynput import keyboard, mouse
        except ModuleNotFoundError:
            raise MissingDependencyError("pynput", "record") from None
        if self._pause_hotkey:
            self._hotkey = keyboard.HotKey(keyboard.HotKey.parse(self._pause_hotkey), self._hotkey_activated)
        self._keyboard = keyboard.Listener(on_press=self._press, on_release=self._release)
        self._mouse = mouse.Listener(on_move=self._move, on_click=self._click, on_scroll=self._scroll)
        for listener in (self._keyboard, self._mouse):
            listener.start()
        for listener in (self._keyboard, self._mouse):
            listener.wait()
            if not listener.is_alive():
                raise PermissionMissingError(
                    "the system refused global input monitoring to this program (no permission, or the X "
                    "server's RECORD extension failed)"
                )

    def stop(self) -> None:
        # With the display gone, pynput raises from stop() and re-raises its thread's error from join().
        for listener in (self._keyboard, self._mouse):
            if listener is not None:
                with contextlib.suppress(Exception):
                    listener.stop()
                _wake_xrecord(listener)
        for listener in (self._keyboard, self._mouse):
            if listener is not None and listener.is_alive():
                with contextlib.suppress(Exception):
                    listener.join(5)

    def _hotkey_activated(self) -> None:
        self._hotkey_fired = True
        self._on_hotkey()

    def _press(self, key: Any) -> None:
        if key is None:
            return
        if self._hotkey is not None:
            self._hotkey_fired = False
            self._hotkey.press(self._keyboard.canonical(key))
            if self._hotkey_fired:
                return  # the key that toggled pause is not itself recorded
        self._core.key_press(describe_key(key))

    def _release(self, key: Any) -> None:
        if key is None:
            return
        if self._hotkey is not None:
            self._hotkey.release(self._keyboard.canonical(key))
        self._core.key_release(describe_key(key))

    def _move(self, x: float, y: float) -> None:
        self._core.move(int(x), int(y))

    def _click(self, x: float, y: float, button: Any, pressed: bool) -> None:
        self._core.click(int(x), int(y), getattr(button, "name", str(button)), bool(pressed))

    def _scroll(self, x: float, y: float, dx: float, dy: float) -> None:
        self._core.scroll(int(x), int(y), int(dx), int(dy))


def describe_key(key: Any) -> KeyInput:
    from pynput.keyboard import Key

    if isinstance(key, Key):
        return KeyInput.special(key.name)
    char = getattr(key, "char", None)
    if char:
        return KeyInput.printable(char)
    return KeyInput(name=f"vk:{getattr(key, 'vk', None)}")


def _wake_xrecord(listener: Any) -> None:
    """pynput's X11 listener disables its XRecord context without flushing the request, so ``join`` waits for
    the next input event (pynput PR #583). Sending the same request on its other connection, flushed, ends it
    at once. Harmless elsewhere: other back-ends have no such attributes."""
    display = getattr(listener, "_display_stop", None)
    context = getattr(listener, "_context", None)
    if display is None or context is None:
        return
    with contextlib.suppress(Exception):  # the listener may already have closed this connection
        display.record_disable_context(context)
        display.flush()
