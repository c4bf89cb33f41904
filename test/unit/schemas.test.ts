/**
 * The published schemas compile in ajv's strict mode, describe every property
 * with an example, and agree with the TypeScript model (src/model/types.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { createAjv, PRECOMPILED_VALIDATORS, readSchema, SCHEMA_IDS, schemasDigest } from '../../src/validate/schema.js';
import { ROOT } from '../helpers/cli.js';

type Schema = Record<string, unknown> & { properties?: Record<string, Schema>; required?: string[]; items?: Schema; $defs?: Record<string, Schema>; $ref?: string };

const event = readSchema('event') as Schema;
const practice = readSchema('practice') as Schema;

describe('JSON Schemas', () => {
  it('compile in ajv strict mode, with stable ids', () => {
    const ajv = createAjv();
    for (const id of Object.values(SCHEMA_IDS)) expect(ajv.getSchema(id), id).toBeTypeOf('function');
    expect(event.$id).toBe('https://report.tools/schemas/1.0/event.schema.json');
    expect(event.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('are precompiled by the build from these very schemas, with the same verdicts as compiled at run time', () => {
    const precompiled = createRequire(import.meta.url)(join(ROOT, ...PRECOMPILED_VALIDATORS)) as Record<string, ((data: unknown) => boolean) & { errors?: unknown[] }> & { digest: string };
    expect(precompiled.digest).toBe(schemasDigest());
    const ajv = createAjv();
    const samples: Array<[keyof typeof SCHEMA_IDS, unknown]> = [
      ['event', { title: 'A workshop', date: '2024-06-05' }],
      ['event', { title: 7, date: '2024-06-05', extra: true, highlights: { themes: [{}] } }],
      ['event', {}],
      ['practice', { title: 'A practice', unknown: 1 }],
      ['config', { template: 'brief', pageSize: 'Letter' }],
      ['config', { pageSize: 'A5', formats: [] }],
    ];
    for (const [name, data] of samples) {
      const runtime = ajv.getSchema(SCHEMA_IDS[name])!;
      const verdict = runtime(data);
      expect(precompiled[name]!(data), JSON.stringify(data)).toBe(verdict);
      const strip = (errors: unknown) => JSON.parse(JSON.stringify(errors ?? [])).map((e: Record<string, unknown>) => ({ ...e, schema: undefined, parentSchema: undefined }));
      expect(strip(precompiled[name]!.errors)).toEqual(strip(runtime.errors));
      // The messages read the schema the error came from (descriptions, expected values).
      for (const error of (precompiled[name]!.errors ?? []) as Array<{ parentSchema?: unknown }>) expect(error.parentSchema).toBeTypeOf('object');
    }
  });

  it('give every property a description and an example', () => {
    const missing: string[] = [];
    const visit = (schema: Schema, path: string) => {
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        const where = `${path}.${name}`;
        if (!property.description) missing.push(`${where}: description`);
        const resolved = property.$ref ? undefined : property;
        if (resolved && !Array.isArray(resolved.examples) && name !== '$schema') missing.push(`${where}: examples`);
        visit(property, where);
        if (property.items) visit(property.items, `${where}[]`);
      }
      for (const [name, def] of Object.entries(schema.$defs ?? {})) visit(def, `${path}#${name}`);
    };
    for (const [name, schema] of [['event', event], ['practice', practice], ['config', readSchema('config') as Schema]] as const) visit(schema, name);
    expect(missing).toEqual([]);
  });

  it('validate a practice on its own', () => {
    const ajv = createAjv();
    const validate = ajv.getSchema(SCHEMA_IDS.practice)!;
    expect(validate({ project: 'OD4GROWTH', title: 'Open data', figures: ['138,000 citizens trained'] })).toBe(true);
    expect(validate({ project: 'OD4GROWTH' })).toBe(false);
  });
});

/** Interface name -> its properties (name, optional) from src/model/types.ts. */
function interfaces(): Map<string, Map<string, boolean>> {
  const file = join(ROOT, 'src', 'model', 'types.ts');
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const own = new Map<string, { props: Map<string, boolean>; bases: string[] }>();
  source.forEachChild((node) => {
    if (!ts.isInterfaceDeclaration(node)) return;
    const props = new Map<string, boolean>();
    for (const member of node.members) {
      if (ts.isPropertySignature(member) && member.name) props.set(member.name.getText(source).replace(/^'|'$/g, ''), member.questionToken !== undefined);
    }
    const bases = (node.heritageClauses ?? []).flatMap((clause) => clause.types.map((t) => t.expression.getText(source)));
    own.set(node.name.text, { props, bases });
  });
  // (with the properties of the interfaces it extends, declared in the same file)
  const all = (name: string): Map<string, boolean> => {
    const entry = own.get(name);
    if (!entry) return new Map();
    return new Map([...entry.bases.flatMap((base) => [...all(base)]), ...entry.props]);
  };
  return new Map([...own.keys()].map((name) => [name, all(name)]));
}

function resolve(schema: Schema): Schema {
  const ref = schema.$ref;
  if (!ref) return schema;
  const [file, pointer] = ref.split('#');
  const root = file === 'practice.schema.json' ? practice : file === '' || file === undefined ? event : event;
  if (!pointer) return root;
  return pointer.split('/').filter(Boolean).reduce<Schema>((s, key) => s[key] as Schema, root);
}

describe('the TypeScript model and the schemas', () => {
  const model = interfaces();
  const at = (schema: Schema, ...path: string[]): Schema =>
    path.reduce<Schema>((s, key) => resolve(key === '[]' ? resolve(s).items! : resolve(s).properties![key]!), schema);
  const pairs: Array<[string, Schema]> = [
    ['EventNotes', event],
    ['PracticeNotes', practice],
    ['Place', at(event, 'place')],
    ['Organisation', at(event, 'organisers', '[]')],
    ['HighlightsNotes', at(event, 'highlights')],
    ['ThemeNotes', at(event, 'highlights', 'themes', '[]')],
    ['PracticesNotes', at(event, 'practices')],
    ['PracticeTopicNotes', at(event, 'practices', 'topics', '[]')],
    ['NextStepsNotes', at(event, 'nextSteps')],
    ['RecommendationGroupNotes', at(event, 'nextSteps', 'groups', '[]')],
    ['UpcomingNotes', at(event, 'upcoming')],
    ['UpcomingItemNotes', at(event, 'upcoming', 'items', '[]')],
    ['ResourcesNotes', at(event, 'resources')],
    ['Link', at(event, 'resources', 'items', '[]')],
    ['Contact', at(event, 'contacts', '[]')],
    ['FreeSectionNotes', at(event, 'sections', '[]')],
    ['Person', (practice.$defs as Record<string, Schema>).person!],
    ['Image', at(event, 'logo')],
  ];

  it.each(pairs)('%s has the same properties, and the same required ones, as its schema', (name, schema) => {
    const props = model.get(name);
    expect(props, name).toBeDefined();
    const resolved = resolve(schema);
    expect([...props!.keys()].sort()).toEqual(Object.keys(resolved.properties ?? {}).sort());
    const required = [...props!].filter(([, optional]) => !optional).map(([key]) => key).sort();
    expect(required).toEqual([...(resolved.required ?? [])].sort());
  });
});
