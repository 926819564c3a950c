#!/usr/bin/env bash
# Vendor front-end assets into hrbureau/static/vendor/ so that no page loads
# anything from a CDN. Only the npm registry is contacted (via `npm pack`).
#
# Usage:   scripts/vendor_assets.sh            # writes into hrbureau/static/vendor/
#          VENDOR_DEST=/tmp/x scripts/vendor_assets.sh   # dry run elsewhere
#
# To upgrade: bump a version below, run the script, review `git diff --stat`,
# then update docs/vendored-assets.md (versions + sha256 printed at the end).
set -euo pipefail

# --- pinned versions ---------------------------------------------------------
TABLER_CORE_VERSION="1.6.1"          # @tabler/core          (MIT)
TABLER_ICONS_VERSION="3.49.0"        # @tabler/icons-webfont (MIT)
HTMX_VERSION="2.0.11"                # htmx.org              (0BSD)
ECHARTS_VERSION="6.1.0"              # echarts               (Apache-2.0)
# -----------------------------------------------------------------------------

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "${SCRIPT_DIR}/.." && pwd)"
DEST="${VENDOR_DEST:-${REPO_ROOT}/hrbureau/static/vendor}"

for tool in npm node tar sha256sum; do
    command -v "$tool" >/dev/null 2>&1 || { echo "error: '$tool' not found" >&2; exit 1; }
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/vendor_assets.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# fetch <npm-name> <version> <short-dir>: npm pack + extract into $WORK/<short-dir>
fetch() {
    local name="$1" version="$2" short="$3" tgz
    echo ">> npm pack ${name}@${version}" >&2
    tgz="$(cd "$WORK" && npm pack --silent "${name}@${version}" | tail -n 1)"
    mkdir -p "$WORK/$short"
    tar -xzf "$WORK/$tgz" -C "$WORK/$short"
    local got
    got="$(node -p "require(process.argv[1]).version" "$WORK/$short/package/package.json")"
    if [[ "$got" != "$version" ]]; then
        echo "error: ${name}: expected ${version}, tarball says ${got}" >&2
        exit 1
    fi
    echo "$WORK/$short/package"
}

# fresh <subdir>: recreate an empty destination folder (only ever under $DEST)
fresh() {
    local d="$DEST/$1"
    [[ -n "$1" && "$1" != */* ]] || { echo "error: bad subdir '$1'" >&2; exit 1; }
    rm -rf -- "$d"
    mkdir -p -- "$d"
}

# strip_remote_imports <css>: drop any `@import` that pulls an absolute http(s)
# URL (e.g. rsms.me/inter or Google Fonts). Prints what was removed.
strip_remote_imports() {
    local css="$1" before after
    before="$(wc -c <"$css")"
    perl -0pi -e 's{\@import\s+(?:url\(\s*["\x27]?(?:https?:)?//[^)]*\)|["\x27](?:https?:)?//[^"\x27]*["\x27])[^;]*;\s*}{}gi' "$css"
    after="$(wc -c <"$css")"
    if [[ "$before" != "$after" ]]; then
        echo "   modified $(basename "$css"): removed remote @import ($((before - after)) bytes)" >&2
    else
        echo "   $(basename "$css"): no remote @import found, unchanged" >&2
    fi
}

# strip_sourcemap_comment <file>: remove a trailing sourceMappingURL comment.
# Source maps are not vendored; whitenoise's CompressedManifestStaticFilesStorage
# (and Django's ManifestStaticFilesStorage) make collectstatic fail when a
# referenced .map file is missing, and browsers would 404 on it anyway.
strip_sourcemap_comment() {
    local f="$1" before after
    before="$(wc -c <"$f")"
    case "$f" in
        *.css) perl -0pi -e 's{\n?/\*[#@]\s*sourceMappingURL=[^*]*\*/\s*\z}{\n}' "$f" ;;
        *.js)  perl -0pi -e 's{\n?//[#@]\s*sourceMappingURL=\S*\s*\z}{\n}' "$f" ;;
    esac
    after="$(wc -c <"$f")"
    if [[ "$before" != "$after" ]]; then
        echo "   modified $(basename "$f"): removed sourceMappingURL comment" >&2
    fi
    if grep -q 'sourceMappingURL' "$f"; then
        echo "error: $f still contains a sourceMappingURL" >&2
        exit 1
    fi
}

# css_url_targets <css>: targets of every url(...) in a CSS file, unquoted.
css_url_targets() {
    { grep -oE 'url\([^)]*\)' "$1" || true; } \
        | sed -E "s/^url\([[:space:]]*[\"']?//; s/[\"']?[[:space:]]*\)\$//"
}
# local_refs <css>: relative file paths referenced by url(), query/hash removed.
local_refs() {
    css_url_targets "$1" \
        | { grep -vE '^(data:|[A-Za-z][A-Za-z0-9+.-]*:|//|#|$)' || true; } \
        | sed -E 's/[?#].*$//' | sort -u
}
# remote_refs <css>: absolute http(s) / protocol-relative url() and @import.
remote_refs() {
    css_url_targets "$1" | { grep -iE '^(https?:)?//' || true; }
    { grep -oiE '@import[^;]*;' "$1" || true; } | { grep -E '//' || true; }
}

mkdir -p "$DEST"

# --- @tabler/core ------------------------------------------------------------
PKG="$(fetch @tabler/core "$TABLER_CORE_VERSION" tabler-core)"
fresh tabler
cp "$PKG/dist/css/tabler.min.css" "$DEST/tabler/"
cp "$PKG/dist/js/tabler.min.js"   "$DEST/tabler/"
strip_remote_imports "$DEST/tabler/tabler.min.css"
if [[ -f "$PKG/LICENSE" ]]; then
    cp "$PKG/LICENSE" "$DEST/tabler/LICENSE"
else
    # The @tabler/core npm tarball ships no LICENSE file (package.json says
    # "MIT"). Reconstruct the upstream MIT licence text, taking the copyright
    # lines from the banner of tabler.min.css itself.
    echo "   @tabler/core tarball has no LICENSE: writing MIT text from banner" >&2
    {
        echo "The MIT License (MIT)"
        echo
        sed -n '1,12p' "$PKG/dist/css/tabler.min.css" \
            | sed -n 's/^[[:space:]]*\*[[:space:]]*\(Copyright .*\)$/\1/p'
        cat <<'EOF'

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in
all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
THE SOFTWARE.

(Source: https://github.com/tabler/tabler/blob/main/LICENSE. Reproduced by
scripts/vendor_assets.sh because the npm package does not include it.)
EOF
    } >"$DEST/tabler/LICENSE"
    grep -q '^Copyright ' "$DEST/tabler/LICENSE" \
        || { echo "error: no copyright line found in tabler banner" >&2; exit 1; }
fi

# --- @tabler/icons-webfont ---------------------------------------------------
PKG="$(fetch @tabler/icons-webfont "$TABLER_ICONS_VERSION" tabler-icons)"
fresh tabler-icons
cp "$PKG/dist/tabler-icons.min.css" "$DEST/tabler-icons/"
cp "$PKG/LICENSE" "$DEST/tabler-icons/LICENSE"
strip_remote_imports "$DEST/tabler-icons/tabler-icons.min.css"
# Copy every local file the CSS references via url(...), keeping relative paths.
while read -r ref; do
    [[ -n "$ref" ]] || continue
    ref="${ref#./}"
    [[ "$ref" != *..* && "$ref" != /* ]] || { echo "error: refusing path '$ref'" >&2; exit 1; }
    mkdir -p "$DEST/tabler-icons/$(dirname "$ref")"
    cp "$PKG/dist/$ref" "$DEST/tabler-icons/$ref"
done < <(local_refs "$DEST/tabler-icons/tabler-icons.min.css")

# --- htmx.org ----------------------------------------------------------------
PKG="$(fetch htmx.org "$HTMX_VERSION" htmx)"
fresh htmx
cp "$PKG/dist/htmx.min.js" "$DEST/htmx/"
cp "$PKG/LICENSE"          "$DEST/htmx/LICENSE"

# --- echarts -----------------------------------------------------------------
PKG="$(fetch echarts "$ECHARTS_VERSION" echarts)"
fresh echarts
cp "$PKG/dist/echarts.min.js" "$DEST/echarts/"
cp "$PKG/LICENSE"             "$DEST/echarts/LICENSE"
[[ -f "$PKG/NOTICE" ]] && cp "$PKG/NOTICE" "$DEST/echarts/NOTICE"
# LICENSE points at licenses/LICENSE-d3 for d3-derived code bundled in the build.
if [[ -d "$PKG/licenses" ]]; then
    cp -r "$PKG/licenses" "$DEST/echarts/licenses"
fi

# --- source-map comments -----------------------------------------------------
while IFS= read -r -d '' f; do
    strip_sourcemap_comment "$f"
done < <(find "$DEST" -type f \( -name '*.css' -o -name '*.js' \) -print0 | LC_ALL=C sort -z)

# --- checks ------------------------------------------------------------------
echo ">> checking vendored CSS for remote url()/@import" >&2
fail=0
while IFS= read -r -d '' css; do
    remote="$(remote_refs "$css")"
    if [[ -n "$remote" ]]; then
        echo "error: $css still references remote URLs:" >&2
        echo "$remote" >&2
        fail=1
    fi
    while read -r ref; do
        [[ -n "$ref" ]] || continue
        if [[ ! -f "$(dirname "$css")/$ref" ]]; then
            echo "error: $css references missing file $ref" >&2
            fail=1
        fi
    done < <(local_refs "$css")
done < <(find "$DEST" -name '*.css' -print0)
[[ "$fail" == 0 ]] || exit 1
echo "   ok: no remote references, all local url() targets present" >&2

echo
echo "Vendored into: $DEST"
echo "  @tabler/core           ${TABLER_CORE_VERSION}"
echo "  @tabler/icons-webfont  ${TABLER_ICONS_VERSION}"
echo "  htmx.org               ${HTMX_VERSION}"
echo "  echarts                ${ECHARTS_VERSION}"
echo
echo "sha256:"
(cd "$DEST" && find . -type f | LC_ALL=C sort | sed 's|^\./||' | xargs sha256sum)
echo
du -sh "$DEST"
