"""Compiled Jinja templates kept between runs, keyed by their source: never stale, safe to delete.

Compiling a template (parsing it, checking a recommendation template against its whitelist,
generating Python and compiling that) costs far more than running it, and the same source under
the same code always compiles to the same code object. So the code object is kept in the cache
folder (:mod:`trafficking_audit.load.cache`, under ``templates/``) in an entry named by a SHA-256 of
the entry format, the Python version and bytecode tag (the code object's format), the Jinja version,
a fingerprint the caller gives of the code that configures its environment (options, filters and,
for recommendation templates, the whitelist), and the template's name, file and full source. An
edited template, another Python or Jinja, or changed environment code is another key, so a stale
compilation is never run; a failed compilation is never stored. An entry that is missing,
unreadable, damaged (the header's digest, checked on every read) or not a code object is a miss,
compiled again and replaced; the folder may be deleted at any time, even during a run. At most
:data:`KEEP` entries are kept, the least recently used going first.

Entries hold ``marshal`` data, never pickle. As for every entry of the cache folder (private to the
user), a deliberate forgery by someone who can write the user's files is out of scope: that person
can change the installed package too. ``TRAFFICKING_AUDIT_NO_CACHE=1`` turns it off with the rest.
Jinja is imported only when a template is compiled or loaded, never by importing this module.

A second kind, ``rendered/``, keeps the recommendation texts of one audit: the list of texts that a
list of (template source, context) pairs rendered to, keyed by all of those pairs, the code that renders
them (given by the caller) and the installed Jinja and MarkupSafe (by their ``.dist-info`` names, read
without importing them). A recommendation is a pure function of its template and its four plain
variables, so an audit whose failed rules and their contexts did not change (an edit elsewhere in the
profile) gets its texts without importing Jinja at all. A list with any failed render is never stored.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import sys
from collections.abc import Mapping, Sequence
from functools import lru_cache
from types import CodeType
from typing import TYPE_CHECKING, Any

from trafficking_audit.load.cache import (
    FORMAT,
    cache_dir,
    entry_file,
    library_version,
    prune_once,
    read_parsed,
    write_entry,
)

if TYPE_CHECKING:
    from jinja2 import Environment
    from jinja2.bccache import BytecodeCache

KIND = "templates"
KEEP = 1024  # 23 report templates and 81 recommendation templates per language, many times over
RENDERED = "rendered"
KEEP_RENDERED = 4096  # one entry per audited profile, date and language: a data repository of a thousand stays warm


def template_key(salt: str, name: str, source: str) -> str | None:
    """The key of the compiled form of ``source`` (``name``: its name and file), or None when the cache is off."""
    if cache_dir() is None:
        return None
    import jinja2

    head = f"{FORMAT}|{sys.implementation.cache_tag}|{sys.hexversion}|{jinja2.__version__}|{salt}|{name}|"
    digest = hashlib.sha256(head.encode("utf-8", "surrogatepass"))
    digest.update(source.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def fetch_code(key: str | None) -> CodeType | None:
    """The code object stored under ``key``, or None (cache off, no entry, damaged, not a code object)."""
    if key is None:
        return None
    return read_parsed(entry_file(KIND, key), _code, (ValueError, EOFError, TypeError))


def _code(body: bytes) -> CodeType | None:
    code = marshal.loads(body)
    return code if isinstance(code, CodeType) else None


def store_code(key: str | None, code: CodeType) -> None:
    """Keep ``code`` under ``key`` (nothing when the cache is off; failures are ignored: it is only a cache)."""
    if key is None:
        return
    try:
        payload = marshal.dumps(code)
    except ValueError:
        return
    write_entry(entry_file(KIND, key), payload)
    prune_once(KIND, KEEP)


def bytecode_cache(*parts: Any) -> BytecodeCache:
    """A Jinja bytecode cache for an environment's file templates, its entries in this module's folder.

    ``parts`` fingerprint the code that configures the environment (its options and filters, e.g. the
    bytes of the module that makes it): Jinja's own key names only the template and its file, and one
    file compiles differently under other options (``finalize``, autoescaping, whitespace control).
    """
    return _entries(code_salt(*parts))


@lru_cache(maxsize=8)
def _entries(salt: str) -> BytecodeCache:
    from jinja2.bccache import Bucket
    from jinja2.bccache import BytecodeCache as Base

    class Entries(Base):
        """Jinja's bucket protocol over :func:`fetch_code` and :func:`store_code`."""

        def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
            key = template_key(salt, f"{name}|{filename}", source)
            bucket = Bucket(environment, key or "", self.get_source_checksum(source))
            bucket.code = fetch_code(key)
            return bucket

        def set_bucket(self, bucket: Bucket) -> None:
            if bucket.key and bucket.code is not None:
                store_code(bucket.key, bucket.code)

        def load_bytecode(self, bucket: Bucket) -> None:  # pragma: no cover - get_bucket does its work
            bucket.code = fetch_code(bucket.key or None)

        def dump_bytecode(self, bucket: Bucket) -> None:  # pragma: no cover - set_bucket does its work
            self.set_bucket(bucket)

    return Entries()


def code_salt(*parts: Any) -> str:
    """A fingerprint of the given parts (bytes of source files, option names) for :func:`template_key`."""
    digest = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def rendered_key(code: bytes, jobs: Sequence[tuple[str, Mapping[str, Any]]]) -> str | None:
    """The key of the texts ``jobs`` (template source, context) render to under ``code`` (the bytes of the
    rendering module), or None when the cache is off or a context is not plain JSON."""
    if cache_dir() is None:
        return None
    libraries = f"{library_version('jinja2', 'jinja2')}|{library_version('markupsafe', 'markupsafe')}"
    head = f"{FORMAT}|rendered|{sys.version}|{libraries}|{code_salt(code)}|"
    try:
        body = json.dumps([[source, dict(context)] for source, context in jobs], sort_keys=True, ensure_ascii=False)
    except (TypeError, ValueError):
        return None
    digest = hashlib.sha256(head.encode("utf-8", "surrogatepass"))
    digest.update(body.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def fetch_rendered(key: str | None, count: int) -> list[str] | None:
    """The ``count`` texts stored under ``key``, or None (cache off, no entry, damaged, not ``count`` texts)."""
    if key is None:
        return None

    def texts_of(body: bytes) -> list[str] | None:
        texts = json.loads(body)
        if isinstance(texts, list) and len(texts) == count and all(isinstance(t, str) for t in texts):
            return texts
        return None

    return read_parsed(entry_file(RENDERED, key), texts_of, (ValueError, RecursionError))


def store_rendered(key: str | None, texts: Sequence[str]) -> None:
    """Keep the texts of one list of jobs (nothing when the cache is off)."""
    if key is None:
        return
    try:
        payload = json.dumps(list(texts), ensure_ascii=False).encode("utf-8")
    except (TypeError, ValueError):  # a lone surrogate: just not cached
        return
    write_entry(entry_file(RENDERED, key), payload)
    prune_once(RENDERED, KEEP_RENDERED)
