// The small JSON Schema subset docs/summary.schema.json uses (type, properties, required, additionalProperties,
// items, enum, minimum, maximum, maxItems, pattern, $ref to #/$defs), in two directions:
//   validate(schema, value)  -> list of error strings ([] when valid); a keyword outside the subset is an error,
//                               so the schema cannot silently say more than is checked
//   toTypeScript(schema, name) -> TypeScript declarations (an interface per object with a title, and the root)
// Used by scripts/gen/refine_types.mjs (make types) and scripts/gen/validate_json.mjs (test/shell/types.sh).
const KNOWN = new Set(['$schema', '$id', '$defs', '$ref', 'title', 'description', 'type', 'properties', 'required',
  'additionalProperties', 'items', 'enum', 'minimum', 'maximum', 'maxItems', 'pattern']);

function resolve(root, s) {
  if (s && s.$ref) {
    const m = /^#\/\$defs\/(\w+)$/.exec(s.$ref);
    if (!m || !root.$defs || !root.$defs[m[1]]) throw new Error(`unsupported $ref ${s.$ref}`);
    return root.$defs[m[1]];
  }
  return s;
}

function typeOf(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

export function validate(root, value) {
  const errors = [];
  const walk = (schema, v, path) => {
    const s = resolve(root, schema);
    for (const k of Object.keys(s)) if (!KNOWN.has(k)) errors.push(`${path}: schema keyword ${k} is not supported`);
    if (s.type !== undefined) {
      const types = [].concat(s.type);
      const t = typeOf(v);
      if (!types.includes(t) && !(t === 'integer' && types.includes('number'))) {
        errors.push(`${path}: ${JSON.stringify(v)} is ${t}, expected ${types.join(' or ')}`);
        return;
      }
    }
    if (s.enum && !s.enum.some((e) => e === v)) errors.push(`${path}: ${JSON.stringify(v)} is not one of ${s.enum.join(', ')}`);
    if (typeof v === 'number') {
      if (s.minimum !== undefined && v < s.minimum) errors.push(`${path}: ${v} < minimum ${s.minimum}`);
      if (s.maximum !== undefined && v > s.maximum) errors.push(`${path}: ${v} > maximum ${s.maximum}`);
    }
    if (typeof v === 'string' && s.pattern && !new RegExp(s.pattern).test(v)) errors.push(`${path}: "${v}" does not match ${s.pattern}`);
    if (Array.isArray(v)) {
      if (s.maxItems !== undefined && v.length > s.maxItems) errors.push(`${path}: ${v.length} items > maxItems ${s.maxItems}`);
      if (s.items) v.forEach((x, i) => walk(s.items, x, `${path}[${i}]`));
    }
    if (typeOf(v) === 'object') {
      for (const r of s.required || []) if (!(r in v)) errors.push(`${path}: missing required property ${r}`);
      for (const [k, x] of Object.entries(v)) {
        if (s.properties && k in s.properties) walk(s.properties[k], x, `${path}.${k}`);
        else if (s.additionalProperties === false) errors.push(`${path}: unexpected property ${k}`);
        else if (typeof s.additionalProperties === 'object') walk(s.additionalProperties, x, `${path}.${k}`);
      }
    }
  };
  walk(root, value, '$');
  return errors;
}

const pascal = (s) => s.replace(/(^|_)(\w)/g, (_, __, c) => c.toUpperCase());

export function toTypeScript(root, rootName) {
  const decls = [];
  const named = new Map();   // $defs key -> TS name (objects with a title become interfaces)
  const expr = (schema, indent) => {
    if (schema.$ref) {
      const key = schema.$ref.replace('#/$defs/', '');
      const def = resolve(root, schema);
      if (def.title) { named.set(key, def.title); return def.title; }
      return expr(def, indent);
    }
    const types = schema.type === undefined ? [] : [].concat(schema.type);
    const parts = [];
    if (schema.enum) parts.push(schema.enum.map((e) => JSON.stringify(e)).join(' | '));
    for (const t of types) {
      if (t === 'string') parts.push('string');
      else if (t === 'integer' || t === 'number') parts.push('number');
      else if (t === 'boolean') parts.push('boolean');
      else if (t === 'null') parts.push('null');
      else if (t === 'array') {
        const item = schema.items ? expr(schema.items, indent) : 'unknown';
        parts.push(/[ |]/.test(item) ? `Array<${item}>` : `${item}[]`);
      } else if (t === 'object') parts.push(objectExpr(schema, indent));
    }
    return parts.length ? parts.join(' | ') : 'unknown';
  };
  const objectExpr = (schema, indent) => {
    const pad = '  '.repeat(indent + 1);
    const lines = ['{'];
    const req = new Set(schema.required || []);
    for (const [k, v] of Object.entries(schema.properties || {})) {
      const r = resolve(root, v);
      if (r.description) lines.push(`${pad}/** ${r.description} */`);
      lines.push(`${pad}${k}${req.has(k) ? '' : '?'}: ${expr(v, indent + 1)}`);
    }
    if (typeof schema.additionalProperties === 'object') lines.push(`${pad}[key: string]: ${expr(schema.additionalProperties, indent + 1)}`);
    lines.push('  '.repeat(indent) + '}');
    return lines.join('\n');
  };
  const rootBody = objectExpr(root, 0);
  for (const [key] of Object.entries(root.$defs || {})) {
    const def = root.$defs[key];
    if (def.title && def.type === 'object') named.set(key, def.title);
  }
  for (const [key, name] of [...named.entries()].sort((a, b) => (a[1] < b[1] ? -1 : 1))) {
    const def = root.$defs[key];
    decls.push(`${def.description ? `/** ${def.description} */\n` : ''}export interface ${name} ${objectExpr(def, 0)}`);
  }
  decls.push(`${root.description ? `/** ${root.description} */\n` : ''}export interface ${rootName || pascal(root.title)} ${rootBody}`);
  return decls.join('\n\n') + '\n';
}
