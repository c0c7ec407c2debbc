/**
 * Checks Kubernetes manifests against the Kubernetes API's own OpenAPI schema, as `kubectl apply` would, offline.
 *
 * kubernetes-models ships a validator per kind compiled from the upstream OpenAPI spec: types, enums, required
 * fields and formats. Like the OpenAPI spec it does not refuse a field the schema does not name, whereas the API
 * server does (strict field validation, `kubectl apply`'s default): a misspelt `completionz` would then be dropped in
 * silence. So the validator runs on a proxy of the manifest that records which fields it reads: a field the schema
 * names is read (`data.template`), a map (`additionalProperties`, e.g. labels) is enumerated; a field of an object
 * that was neither is unknown to the schema.
 */
import { Job } from 'kubernetes-models/batch/v1';
import { ConfigMap, PersistentVolumeClaim } from 'kubernetes-models/v1';

/** The kinds the examples use, by `apiVersion/kind`; another kind fails the check until its model is added here. */
const MODELS: Record<string, { prototype: { validate(): void } }> = {
  'v1/ConfigMap': ConfigMap,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'batch/v1/Job': Job,
};

interface Tracking {
  read: Map<object, Set<PropertyKey>>;
  enumerated: Set<object>;
  proxies: WeakMap<object, object>;
}

function track(value: unknown, t: Tracking): unknown {
  if (value === null || typeof value !== 'object') return value;
  let proxy = t.proxies.get(value);
  if (proxy) return proxy;
  const read = new Set<PropertyKey>();
  t.read.set(value, read);
  proxy = new Proxy(value, {
    get: (target, key, receiver) => {
      read.add(key);
      return track(Reflect.get(target, key, receiver), t);
    },
    has: (target, key) => {
      read.add(key);
      return Reflect.has(target, key);
    },
    getOwnPropertyDescriptor: (target, key) => {
      read.add(key);
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
    ownKeys: (target) => {
      t.enumerated.add(target);
      return Reflect.ownKeys(target);
    },
  });
  t.proxies.set(value, proxy);
  return proxy;
}

/** Fields of objects the validator visited but never read nor enumerated, as paths (`/spec/template/spec/x`). */
function unknownFields(node: unknown, t: Tracking, at: string): string[] {
  if (node === null || typeof node !== 'object') return [];
  if (Array.isArray(node)) return node.flatMap((item, i) => unknownFields(item, t, `${at}/${i}`));
  const read = t.read.get(node);
  // Not visited: below an unknown field (reported there), or a free-form object the schema does not describe.
  if (read === undefined) return [];
  const enumerated = t.enumerated.has(node);
  return Object.entries(node).flatMap(([key, value]) =>
    !enumerated && !read.has(key) ? [`${at}/${key}`] : unknownFields(value, t, `${at}/${key}`),
  );
}

/**
 * Every problem of one manifest document against its kind's schema: the schema's own messages (`data/spec/completions
 * must be integer`) and `data/<path>: unknown field`. Empty when the document is valid.
 */
export function checkManifest(doc: { apiVersion?: unknown; kind?: unknown }): string[] {
  const id = `${String(doc.apiVersion)}/${String(doc.kind)}`;
  const model = MODELS[id];
  if (!model) return [`${id}: no schema here for this kind (add its kubernetes-models class to MODELS in ${import.meta.url.split('/').pop()})`];
  const t: Tracking = { read: new Map(), enumerated: new Set(), proxies: new WeakMap() };
  const problems: string[] = [];
  try {
    model.prototype.validate.call(track(doc, t));
  } catch (error) {
    problems.push(...(error as Error).message.split(', data').map((m, i) => (i === 0 ? m : `data${m}`)));
  }
  for (const field of unknownFields(doc, t, '')) problems.push(`data${field}: unknown field (not in the ${id} schema)`);
  return problems;
}
