#!/usr/bin/env bash
# Builds and packs every plugin package and checks that each tarball holds
# what an installer needs: built code with type declarations, the README,
# and package metadata naming its Backstage role and plugin id.
# Expects scripts/env.sh to have been sourced.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
status=0
for dir in plugins/*/; do
  name=$(node -p "require('./${dir}package.json').name")
  (cd "$dir" && yarn build >/dev/null && yarn pack --out "$out/%s.tgz" >/dev/null)
  tarball="$out/$(echo "$name" | sed 's#/#-#').tgz"
  files=$(tar tzf "$tarball")
  meta=$(tar xzf "$tarball" -O package/package.json)
  problems=()
  for required in package/dist/index.d.ts package/README.md; do
    grep -qx "$required" <<<"$files" || problems+=("no $required")
  done
  grep -q '^package/dist/index\.\(cjs\|esm\)\.js$' <<<"$files" || problems+=("no built entry point")
  node -e '
    const p = JSON.parse(process.argv[1]);
    const missing = ["role", "pluginId"].filter(k => !p.backstage?.[k]);
    if (missing.length) { console.log("package.json lacks backstage." + missing.join(", backstage.")); process.exit(1); }
    if (!p.main?.startsWith("dist/") || !p.types?.startsWith("dist/")) { console.log("main/types do not point into dist/"); process.exit(1); }
  ' "$meta" || problems+=("metadata")
  if [ ${#problems[@]} -eq 0 ]; then
    echo "pack ok: $name ($(wc -l <<<"$files") files)"
  else
    echo "pack FAILED: $name: ${problems[*]}" >&2
    status=1
  fi
done
rm -rf "$out"
exit $status
