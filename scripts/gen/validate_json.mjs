// node scripts/gen/validate_json.mjs SCHEMA.json VALUES.json: validates every element of the JSON array in
// VALUES.json against SCHEMA.json (scripts/gen/json_schema.mjs); prints one line per error, exit 1 on any.
import { readFileSync } from 'node:fs';
import { validate } from './json_schema.mjs';

const schema = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const values = JSON.parse(readFileSync(process.argv[3], 'utf8'));
let bad = 0;
values.forEach((v, i) => {
  for (const e of validate(schema, v)) { console.log(`value ${i}: ${e}`); bad++; }
});
console.log(`${values.length} value(s), ${bad} error(s)`);
process.exit(bad || !values.length ? 1 : 0);
