#!/bin/sh
# Installs what modscope's tests and benchmarks need from Debian's packages,
# or says exactly what is missing when it cannot (not root).
#   scripts/deps.sh build|test|bench ...
set -eu
pkgs_build="gcc make"
pkgs_test="python3 python3-venv python3-setuptools python3-wheel python3-jsonschema python3-pytest python3-pycodestyle python3-django python3-sympy python3-numpy python3-pandas pylint isort valgrind util-linux"
pkgs_bench="hyperfine"
want=""
npm_bench=""
for what in "$@"; do
	case "$what" in
	build) want="$want $pkgs_build" ;;
	test) want="$want $pkgs_build $pkgs_test" ;;
	bench) want="$want $pkgs_build $pkgs_test $pkgs_bench"; npm_bench=1 ;;
	*) echo "deps.sh: unknown group '$what'" >&2; exit 2 ;;
	esac
done
missing=""
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# pyright (bench/cycles_django.py, bench/graph.py): pinned in bench/package.json
# and package-lock.json, installed into bench/node_modules.
bench_npm() {
	[ -n "$npm_bench" ] || return 0
	if command -v npm >/dev/null 2>&1; then
		npm ci --prefix "$(dirname "$0")/../bench" >&2
	else
		echo "deps.sh: npm missing: pyright is not installed (install nodejs with npm, then: npm ci --prefix bench)" >&2
	fi
}
[ -z "$missing" ] && { bench_npm; exit 0; }
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "deps.sh: installing:$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing >&2
else
	echo "deps.sh: missing Debian packages:$missing" >&2
	echo "deps.sh: install them with: sudo apt-get install$missing" >&2
	exit 2
fi
bench_npm
