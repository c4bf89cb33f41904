/**
 * The model's TypeScript types (src/model/types.ts) and the JSON Schemas (schemas/*.json) cannot disagree: the
 * schemas are turned into TypeScript by json-schema-to-typescript, and the TypeScript compiler compares the result
 * with the hand-written types, all the way down from the root (every nested object, array item and $ref): the same
 * property names, the same optional ones, and types each assignable to the other at the leaves.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileFromFile } from 'json-schema-to-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'report-drift-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The schema as TypeScript, its root type first. */
async function fromSchema(name: string): Promise<string> {
  return compileFromFile(join(ROOT, 'schemas', `${name}.schema.json`), {
    cwd: join(ROOT, 'schemas'),
    bannerComment: '',
    additionalProperties: false,
    format: false,
    strictIndexSignatures: true,
  });
}

/** Where the schema's TypeScript and the model's types disagree, one line each (`path: what`). */
function differences(checker: ts.TypeChecker, schemaType: ts.Type, modelType: ts.Type, path: string, out: string[], seen = new Set<string>()): string[] {
  const schema = checker.getNonNullableType(schemaType);
  const model = checker.getNonNullableType(modelType);
  const pair = `${checker.typeToString(schema)}|${checker.typeToString(model)}|${path.split('.').length > 12}`;
  if (seen.has(pair)) return out;
  seen.add(pair);
  const isObject = (type: ts.Type) => (type.flags & ts.TypeFlags.Object) !== 0 && !checker.isArrayType(type) && checker.getPropertiesOfType(type).length > 0;
  if (checker.isArrayType(schema) && checker.isArrayType(model)) {
    return differences(checker, checker.getTypeArguments(schema as ts.TypeReference)[0]!, checker.getTypeArguments(model as ts.TypeReference)[0]!, `${path}[]`, out, seen);
  }
  if (isObject(schema) && isObject(model)) {
    const schemaProps = new Map(checker.getPropertiesOfType(schema).map((p) => [p.name, p]));
    const modelProps = new Map(checker.getPropertiesOfType(model).map((p) => [p.name, p]));
    for (const [name, property] of schemaProps) {
      const other = modelProps.get(name);
      if (!other) {
        out.push(`${path}.${name}: in the schema, missing from types.ts`);
        continue;
      }
      const optional = (symbol: ts.Symbol) => (symbol.flags & ts.SymbolFlags.Optional) !== 0;
      if (optional(property) !== optional(other)) out.push(`${path}.${name}: ${optional(property) ? 'optional' : 'required'} in the schema, ${optional(other) ? 'optional' : 'required'} in types.ts`);
      differences(checker, checker.getTypeOfSymbol(property), checker.getTypeOfSymbol(other), `${path}.${name}`, out, seen);
    }
    for (const name of modelProps.keys()) if (!schemaProps.has(name)) out.push(`${path}.${name}: in types.ts, missing from the schema`);
    return out;
  }
  if (!checker.isTypeAssignableTo(schema, model) || !checker.isTypeAssignableTo(model, schema)) {
    out.push(`${path}: \`${checker.typeToString(schema)}\` in the schema, \`${checker.typeToString(model)}\` in types.ts`);
  }
  return out;
}

const MODEL = join(ROOT, 'src', 'model', 'types.ts');
/** types.ts with three drifts written into it, to see them caught. */
const DRIFTED = join(dir, 'drifted-types.ts');

/**
 * One program (type-checking is most of the cost) over the schemas' TypeScript, types.ts and a drifted copy;
 * `compare` sets a schema's root type against a type of one of the model files.
 */
function checkerFor(generated: Record<string, string>) {
  for (const [name, code] of Object.entries(generated)) writeFileSync(join(dir, `${name}.ts`), code);
  const source = ts.sys.readFile(MODEL)!;
  writeFileSync(
    DRIFTED,
    source
      .replace(/\n\s*hybrid\?: boolean;/, '')
      .replace('subtitle?: string;', 'subtitle: string;')
      .replace(/(interface Place \{[^}]*?)online\?: boolean;/, '$1online?: string;')
      .replace(/(interface ThemeNotes \{\s*)title: string;/, '$1title: number;'),
  );
  const program = ts.createProgram([...Object.keys(generated).map((name) => join(dir, `${name}.ts`)), MODEL, DRIFTED], { strict: true, target: ts.ScriptTarget.ES2022, noEmit: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const typeNamed = (file: string, name?: string) => {
    const declaration = program
      .getSourceFile(file)!
      .statements.find((s): s is ts.InterfaceDeclaration | ts.TypeAliasDeclaration => (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) && (name === undefined || s.name.text === name));
    if (!declaration) throw new Error(`No type ${name ?? '(the first)'} in ${file}`);
    return checker.getTypeAtLocation(declaration.name);
  };
  return (schema: string, model: string, modelFile = MODEL) => differences(checker, typeNamed(join(dir, `${schema}.ts`)), typeNamed(modelFile, model), model, []);
}

describe('src/model/types.ts and schemas/*.json', () => {
  let event = '';
  let compare: ReturnType<typeof checkerFor>;
  beforeAll(async () => {
    const [eventTs, practiceTs] = await Promise.all([fromSchema('event'), fromSchema('practice')]);
    event = eventTs;
    compare = checkerFor({ event: eventTs, practice: practiceTs });
  }, 60_000);

  it('agree: EventNotes is event.schema.json, PracticeNotes is practice.schema.json, all the way down', () => {
    expect([...compare('event', 'EventNotes'), ...compare('practice', 'PracticeNotes')]).toEqual([]);
  });

  it('place.hybrid, just added to the schema, is in the types too', () => {
    expect(event).toMatch(/hybrid\?: boolean/);
    expect(compare('event', 'EventNotes').filter((d) => d.includes('hybrid'))).toEqual([]);
  });

  it('a drift is caught: a property missing, one made required, one of another type, deep in a list', () => {
    expect(compare('event', 'EventNotes', DRIFTED)).toEqual(
      expect.arrayContaining([
        'EventNotes.place.hybrid: in the schema, missing from types.ts',
        'EventNotes.subtitle: optional in the schema, required in types.ts',
        'EventNotes.place.online: `boolean` in the schema, `string` in types.ts',
        'EventNotes.highlights.themes[].title: `string` in the schema, `number` in types.ts',
      ]),
    );
  });
});
