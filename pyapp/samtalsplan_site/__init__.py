"""The build of the Samtalsplan site: everything but the page generator's own work.

Build tooling, not part of the browser's wheel (that holds ``samtalsplan``
alone). One module per concern:

- ``paths``: the project, node_modules and the build's staging folders.
- ``python_assets``: the wheel with bytecode, its lockfile, the runtime (``bytecode``).
- ``compression``: which files get precompressed copies, and how.
- ``serving``: MIME types, caching and precompressed copies, as every server should serve them.
- ``csp``, ``theme_markup``, ``page_context``: what the MkDocs hooks do to pages and templates.
- ``service_worker``: the offline worker's manifest; ``release``: the release zip.
- ``server``: the static server of ``make serve``, the tests and the benchmark.

``overrides/hooks/`` holds the MkDocs adapters; ``python -m samtalsplan_site``
runs the steps that need no generator.
"""
