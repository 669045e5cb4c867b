// Validates every object the kustomizations in deploy/k8s list against the Kubernetes OpenAPI schemas, offline
// (kubernetes-models carries the schemas). Run: npm ci && npm run validate (from this folder). Exit 1 on any error.
import { readFileSync, existsSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments, parse } from "yaml";

const k8s = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const folders = [k8s, join(k8s, "cluster")];

function objectsOf(folder) {
  const kustomization = parse(readFileSync(join(folder, "kustomization.yaml"), "utf8"));
  return kustomization.resources.flatMap((resource) => {
    const path = resolve(folder, resource);
    if (existsSync(path) && statSync(path).isDirectory()) return objectsOf(path);
    return parseAllDocuments(readFileSync(path, "utf8")).map((document) => {
      if (document.errors.length > 0) throw new Error(`${relative(k8s, path)}: ${document.errors[0].message}`);
      return { file: relative(k8s, path), object: document.toJS() };
    });
  });
}

let failures = 0;
let checked = 0;
for (const folder of folders) {
  for (const { file, object } of objectsOf(folder)) {
    const where = `${relative(k8s, folder) || "."}: ${file} ${object.kind}/${object.metadata?.name}`;
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
console.log(`${checked} objects valid, ${failures} invalid`);
process.exit(failures === 0 ? 0 : 1);
