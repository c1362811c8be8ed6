"""The bundled sample sessions and the whole-road demo."""
