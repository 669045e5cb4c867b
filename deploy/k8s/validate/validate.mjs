// Builds every kustomization under deploy/k8s with `kubectl kustomize` (patches, namespace and images applied, as
// `kubectl apply -k` would send them) and validates each rendered object against the Kubernetes OpenAPI schemas,
// offline (kubernetes-models carries the schemas). Run: npm ci && npm run validate (from this folder). Exit 1 on
// any error, a kustomization that does not build, or a missing kubectl.
import { readdirSync, existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const k8s = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Every folder with a kustomization.yaml, this validator's own folder aside. */
function kustomizations(folder) {
  const here = existsSync(join(folder, "kustomization.yaml")) ? [folder] : [];
  const children = readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== "validate" && entry.name !== "node_modules")
    .flatMap((entry) => kustomizations(join(folder, entry.name)));
  return [...here, ...children];
}

function render(folder) {
  const result = spawnSync("kubectl", ["kustomize", folder], { encoding: "utf8", maxBuffer: 64 << 20 });
  if (result.error) throw new Error(`kubectl is needed to build the kustomizations: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`kubectl kustomize failed: ${result.stderr.trim()}`);
  return parseAllDocuments(result.stdout).map((document) => {
    if (document.errors.length > 0) throw new Error(document.errors[0].message);
    return document.toJS();
  });
}

let failures = 0;
let checked = 0;
const folders = kustomizations(k8s);
for (const folder of folders) {
  const name = relative(k8s, folder) || ".";
  let objects;
  try {
    objects = render(folder);
  } catch (error) {
    failures++;
    console.error(`${name}: ${error.message}`);
    continue;
  }
  for (const object of objects) {
    const where = `${name}: ${object.kind}/${object.metadata?.name}`;
    try {
      const group = await import(`kubernetes-models/${object.apiVersion}`);
      const Model = group[object.kind];
      if (!Model) throw new Error(`no schema for ${object.apiVersion} ${object.kind}`);
      new Model(object).validate();
      checked++;
    } catch (error) {
      failures++;
      console.error(`invalid ${where}: ${error.message}`);
    }
  }
}
console.log(`${folders.length} kustomizations, ${checked} objects valid, ${failures} invalid`);
process.exit(failures === 0 ? 0 : 1);
