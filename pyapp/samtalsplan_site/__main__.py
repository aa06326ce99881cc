"""Build steps of the Samtalsplan site that run without the site generator.

  assets SITE_DIR          stage the Python assets (wheel, lockfile, runtime),
                           copy them into SITE_DIR
  stamp SITE_DIR           stamp the offline service worker with the build's files
  dist SITE_DIR OUT_DIR    build the release zip (site and server configs)
  serve SITE_DIR           serve the built site as a well-configured server would

Exit status: 0 done, 1 a step failed (the message says why), 2 the command line is wrong.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import python_assets, release, server, service_worker


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m samtalsplan_site",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    assets = commands.add_parser(
        "assets",
        help="stage the Python assets and copy them into SITE_DIR",
        description="Stage the Python assets and copy them into SITE_DIR.",
    )
    assets.add_argument("site_dir", metavar="SITE_DIR", type=Path, help="the built site's folder")

    stamp = commands.add_parser(
        "stamp",
        help="stamp the offline service worker with the build's files",
        description="Write the list of the site's files and a build id into SITE_DIR/sw.js.",
    )
    stamp.add_argument("site_dir", metavar="SITE_DIR", type=Path, help="the built site's folder")

    dist = commands.add_parser(
        "dist",
        help="build the release zip into OUT_DIR",
        description="Build OUT_DIR/samtalsplan-<version>.zip: the site, the filled-in "
        "server configs and a README.",
    )
    dist.add_argument("site_dir", metavar="SITE_DIR", type=Path, help="the built site's folder")
    dist.add_argument("out_dir", metavar="OUT_DIR", type=Path, help="where the zip goes")

    serve = commands.add_parser(
        "serve",
        help="serve the built site on http://HOST:PORT/",
        description="Serve SITE_DIR with the MIME types, caching and precompressed copies of a "
        "well-configured server; with --rebuild, build it again whenever a source changes.",
    )
    serve.add_argument("site_dir", metavar="SITE_DIR", type=Path, help="the built site's folder")
    serve.add_argument(
        "--host", default="127.0.0.1", help="the address to listen on (default: %(default)s)"
    )
    serve.add_argument(
        "--port", type=int, default=8000, help="the port; 0 picks a free one (default: %(default)s)"
    )
    serve.add_argument(
        "--rebuild", action="store_true", help="rebuild the site when a source changes"
    )
    serve.add_argument(
        "--generator",
        choices=server.GENERATORS,
        default=server.GENERATORS[0],
        help="what --rebuild builds with (default: %(default)s)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "assets":
            python_assets.stage()
            python_assets.publish(args.site_dir)
        elif args.command == "stamp":
            print(f"service worker build {service_worker.stamp_service_worker(args.site_dir)}")
        elif args.command == "dist":
            print(release.build_zip(args.site_dir, args.out_dir))
        elif args.command == "serve":
            server.run(args.site_dir, args.host, args.port, args.rebuild, args.generator)
    except (OSError, ValueError, RuntimeError) as error:
        print(f"samtalsplan_site {args.command}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
