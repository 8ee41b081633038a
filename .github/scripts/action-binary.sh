#!/usr/bin/env bash
# For action.yml: when the action runs at a version tag (uses: OWNER/REPO@v1.2.3) and that
# release has a binary for this runner, install it in $RUNNER_TEMP/pathway/bin and print
# found=true to $GITHUB_OUTPUT; otherwise print found=false and the action builds from source.
# Asset names are the release workflow's (.github/workflows/release.yml).
set -uo pipefail

found() {
  echo "found=$1" >> "$GITHUB_OUTPUT"
  exit 0
}

# The runner checks the action out at .../_actions/OWNER/REPO/REF; github.action_ref is not
# reliably set inside composite actions, the path is.
ref=$(basename "$GITHUB_ACTION_PATH")
repo="$(basename "$(dirname "$(dirname "$GITHUB_ACTION_PATH")")")/$(basename "$(dirname "$GITHUB_ACTION_PATH")")"
if ! [[ "$ref" =~ ^v[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  echo "pathway: $ref is not a version tag; building from source"
  found false
fi

case "$RUNNER_OS-$RUNNER_ARCH" in
  Linux-X64) target=x86_64-unknown-linux-gnu; archive=tar.gz ;;
  macOS-ARM64) target=aarch64-apple-darwin; archive=tar.gz ;;
  macOS-X64) target=x86_64-apple-darwin; archive=tar.gz ;;
  Windows-X64) target=x86_64-pc-windows-msvc; archive=zip ;;
  *) echo "pathway: no release binary for $RUNNER_OS $RUNNER_ARCH; building from source"; found false ;;
esac

name="pathway-$ref-$target.$archive"
url="https://github.com/$repo/releases/download/$ref/$name"
work=$(mktemp -d)
if ! curl -fsSL --retry 3 -o "$work/$name" "$url" || ! curl -fsSL --retry 3 -o "$work/$name.sha256" "$url.sha256"; then
  echo "pathway: no $name in release $ref of $repo; building from source"
  found false
fi
# macOS runners have shasum rather than sha256sum.
check() { if command -v sha256sum >/dev/null; then sha256sum -c "$@"; else shasum -a 256 -c "$@"; fi; }
(cd "$work" && check "$name.sha256" >/dev/null) || {
  echo "::error::pathway: $name does not match its checksum"
  exit 1
}
mkdir -p "$RUNNER_TEMP/pathway/bin"
if [ "$archive" = zip ]; then
  unzip -q -o "$work/$name" -d "$work/unpacked"
else
  mkdir -p "$work/unpacked" && tar -xzf "$work/$name" -C "$work/unpacked"
fi
find "$work/unpacked" -type f \( -name pathway -o -name pathway.exe \) -exec cp {} "$RUNNER_TEMP/pathway/bin/" \;
chmod +x "$RUNNER_TEMP/pathway/bin/"pathway* 2>/dev/null || true
echo "pathway: using the $ref release binary for $target"
found true
