"""Understanding what people write: one text model behind a small interface, cached vectors.

Pure (no Django). `model.get_model()` gives the sentence-embedding model or None (the lexical
fallback: every caller keeps working on its lexical scores alone); `vectors.VectorCache` keeps
passage vectors per model, keyed by the text itself, so an import re-embeds only new labels.
"""
