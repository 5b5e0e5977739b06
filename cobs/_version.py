"""The installed version of cobs, on the ground floor: ``cobs.__version__`` and the fetcher's User-Agent read it."""

from importlib.metadata import PackageNotFoundError, version

from cobs import _shadowed  # noqa: F401  (a folder named cobs taken for the package: ImportError saying so)

try:
    __version__ = version("cobs")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without installing
    __version__ = "0.0.0"
