"""The bundled sample disclosure: data (``tongnan_2025.json``) and its PDF renderer (``build``)."""
