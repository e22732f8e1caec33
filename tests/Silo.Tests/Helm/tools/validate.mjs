// Validates Kubernetes manifests against the JSON schemas that the npm packages kubernetes-models (Kubernetes' own
// OpenAPI), @kubernetes-models/prometheus-operator and @kubernetes-models/keda compile from the upstream definitions.
// Reads a JSON array of manifests on stdin; prints one JSON line per manifest: {kind, name, status, errors}, where
// status is "valid", "invalid" or "no-schema" (a kind none of those packages knows; the caller decides what that means).
//
// Those validators accept fields the schema does not define (Kubernetes' OpenAPI leaves additionalProperties open),
// while the API server drops or refuses them. So each manifest is validated through a Proxy that records which
// properties the validator looked up: a field in an object whose schema names its properties, that the validator never
// looked up, is unknown to the schema and reported as an error (what kubeconform's -strict does). Objects the validator
// enumerates (maps such as labels) or never inspects (free-form fields) are left alone.
const packages = { "monitoring.coreos.com": "@kubernetes-models/prometheus-operator", "keda.sh": "@kubernetes-models/keda" };

async function modelFor(apiVersion, kind) {
  const group = apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
  const pkg = packages[group] ?? (group === "" || group.endsWith(".k8s.io") || !group.includes(".") ? "kubernetes-models" : null);
  if (pkg === null) return null;
  try {
    return (await import(`${pkg}/${apiVersion}/${kind}`))[kind] ?? null;
  } catch (error) {
    if (error.code === "ERR_PACKAGE_PATH_NOT_EXPORTED" || error.code === "ERR_MODULE_NOT_FOUND") return null;
    throw error;
  }
}

// Wraps value so every property lookup, `in` test and key enumeration on it (and below it) is recorded.
function track(value, seen) {
  if (value === null || typeof value !== "object") return value;
  const record = { looked: new Set(), enumerated: false, value };
  seen.push(record);
  const children = new Map();
  return new Proxy(value, {
    get(target, key, receiver) {
      if (typeof key === "string") record.looked.add(key);
      const child = Reflect.get(target, key, receiver);
      if (child === null || typeof child !== "object") return child;
      if (!children.has(key)) children.set(key, track(child, seen));
      return children.get(key);
    },
    has(target, key) {
      if (typeof key === "string") record.looked.add(key);
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      record.enumerated = true;
      return Reflect.ownKeys(target);
    },
  });
}

function unknownFields(seen, root) {
  const paths = new Map([[root, ""]]);
  const errors = [];
  for (const { value, looked, enumerated } of seen) {
    const path = paths.get(value) ?? "?";
    for (const [key, child] of Object.entries(value)) {
      if (child !== null && typeof child === "object") paths.set(child, `${path}/${key}`);
    }
    if (Array.isArray(value) || enumerated || looked.size === 0) continue;
    for (const key of Object.keys(value)) {
      if (!looked.has(key)) errors.push(`${path}/${key}: not a field of this object's schema`);
    }
  }
  return errors;
}

const input = await new Promise((resolve) => {
  let text = "";
  process.stdin.setEncoding("utf8").on("data", (chunk) => (text += chunk)).on("end", () => resolve(text));
});
for (const manifest of JSON.parse(input)) {
  const result = { kind: manifest.kind, name: manifest.metadata?.name, status: "valid", errors: [] };
  const Model = await modelFor(manifest.apiVersion ?? "", manifest.kind ?? "");
  if (Model === null) {
    result.status = "no-schema";
  } else {
    const seen = [];
    try {
      Model.prototype.validate.call(track(manifest, seen));
    } catch (error) {
      result.errors.push(...(error.errors ?? [{ message: error.message }]).map((e) => `${e.instancePath ?? ""} ${e.message}`.trim()));
    }
    result.errors.push(...unknownFields(seen, manifest));
    if (result.errors.length > 0) result.status = "invalid";
  }
  console.log(JSON.stringify(result));
}
