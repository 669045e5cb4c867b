#!/usr/bin/env bash
# Packs ingestctl as a dotnet tool, installs it from the packed nupkg into a throwaway folder, and runs it.
# The install runs outside the clone with a config of its own: the repository's nuget.config maps every
# package to nuget.org, and `dotnet tool install` refuses --add-source while package source mapping is on.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet pack src/Ctl -c Release -o "$work/packages" -v q -nologo
printf '<configuration><packageSources><clear /></packageSources></configuration>\n' > "$work/nuget.config"
(cd "$work" && dotnet tool install --tool-path "$work/tools" --configfile "$work/nuget.config" \
  --add-source "$work/packages" Akka.Ingest.Ctl)

"$work/tools/ingestctl" --help > "$work/help.txt"
for verb in actor pipeline log domain config health completion; do
  grep -q "^ *$verb " "$work/help.txt" || { echo "installed ingestctl --help lacks '$verb':"; cat "$work/help.txt"; exit 1; }
done
"$work/tools/ingestctl" completion bash | grep -q '^complete -F _ingestctl ingestctl$'
echo "ingestctl installed as a tool from $(ls "$work/packages") and ran: ok"
