#!/usr/bin/env bash
# Builds and packs every plugin package and checks that each tarball holds
# what an installer needs: built code with type declarations (bin scripts for
# a command-line package), the README and the LICENSE, everything listed under
# "files", and package metadata naming its Backstage role and plugin id, its
# license, repository, homepage and where to report bugs.
# Expects scripts/env.sh to have been sourced.
set -euo pipefail
cd "$(dirname "$0")/.."
# Package builds bundle the declarations the root type-check writes.
yarn tsc
out=$(mktemp -d)
status=0
for dir in plugins/*/; do
  name=$(node -p "require('./${dir}package.json').name")
  (cd "$dir" && yarn build >/dev/null && yarn pack --out "$out/%s.tgz" >/dev/null)
  tarball="$out/$(echo "$name" | sed 's#/#-#').tgz"
  files=$(tar tzf "$tarball")
  meta=$(tar xzf "$tarball" -O package/package.json)
  role=$(node -p "JSON.parse(process.argv[1]).backstage.role" "$meta")
  problems=()
  required=(package/README.md package/LICENSE)
  # A command-line package ships its bin scripts instead of type declarations.
  if [ "$role" = cli ]; then
    mapfile -t -O "${#required[@]}" required < <(node -p "Object.values(JSON.parse(process.argv[1]).bin).map(b => 'package/' + b.replace(/^\.\//, '')).join('\n')" "$meta")
  else
    required+=(package/dist/index.d.ts)
  fi
  # Everything package.json promises under "files" (the editor schema, say).
  mapfile -t -O "${#required[@]}" required < <(node -p "JSON.parse(process.argv[1]).files.filter(f => f !== 'dist' && f !== 'bin').map(f => 'package/' + f).join('\n')" "$meta" | grep .)
  for path in "${required[@]}"; do
    grep -q "^${path}\(/\|$\)" <<<"$files" || problems+=("no $path")
  done
  grep -q '^package/dist/index\.\(cjs\|esm\)\.js$' <<<"$files" || problems+=("no built entry point")
  node -e '
    const p = JSON.parse(process.argv[1]);
    const keys = p.backstage?.role === "cli" ? ["role"] : ["role", "pluginId"];
    const missing = keys.filter(k => !p.backstage?.[k]);
    if (missing.length) { console.log("package.json lacks backstage." + missing.join(", backstage.")); process.exit(1); }
    if (!p.main?.startsWith("dist/")) { console.log("main does not point into dist/"); process.exit(1); }
    if (p.backstage.role !== "cli" && !p.types?.startsWith("dist/")) { console.log("types do not point into dist/"); process.exit(1); }
  ' "$meta" || problems+=("metadata")
  # Where the package comes from, under which license, and where to report bugs.
  origin=$(node -e '
    const p = JSON.parse(process.argv[1]);
    const missing = ["license", "repository", "homepage", "bugs"].filter(k => !p[k]);
    if (missing.length) { console.log("package.json lacks " + missing.join(", ")); process.exit(1); }
    if (p.repository.directory !== process.argv[2]) { console.log("repository.directory is not " + process.argv[2]); process.exit(1); }
  ' "$meta" "${dir%/}") || problems+=("$origin")
  if [ ${#problems[@]} -eq 0 ]; then
    echo "pack ok: $name ($(wc -l <<<"$files") files)"
  else
    echo "pack FAILED: $name: ${problems[*]}" >&2
    status=1
  fi
done
rm -rf "$out"
exit $status
