/**
 * The commands stay thin (issue #15): no function in src/cli/ is over 60 lines. Every function counts with its
 * whole text, nested functions included: a declaration, a method, a constructor, an accessor, a function
 * expression or an arrow function. A command's `program.command(...)` chain is one call, so it sits in a function
 * of its own (src/cli/main.ts registers each command in one).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const MAX_LINES = 60;
const CLI_DIR = join(ROOT, 'src', 'cli');

interface FunctionSize {
  where: string;
  lines: number;
}

/** Every function in a TypeScript source, with the number of lines from its first to its last. */
function functionSizes(fileName: string, text: string): FunctionSize[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const sizes: FunctionSize[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source));
      const end = source.getLineAndCharacterOfPosition(node.getEnd());
      const name = node.name && ts.isIdentifier(node.name) ? node.name.text : ts.isArrowFunction(node) || ts.isFunctionExpression(node) ? '(anonymous)' : ts.SyntaxKind[node.kind];
      sizes.push({ where: `${fileName}:${start.line + 1} ${name}`, lines: end.line - start.line + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return sizes;
}

describe('functions in src/cli/', () => {
  it('counts a function with its nested functions, from its first line to its last', () => {
    const sizes = functionSizes('x.ts', 'export function outer() {\n  const inner = () => {\n    return 1;\n  };\n  return inner;\n}\nclass A {\n  m() {\n    return 2;\n  }\n}\n');
    expect(sizes.map((s) => [s.where, s.lines])).toEqual([
      ['x.ts:1 outer', 6],
      ['x.ts:2 (anonymous)', 3],
      ['x.ts:8 m', 3],
    ]);
  });

  it(`are at most ${MAX_LINES} lines each`, () => {
    const files = readdirSync(CLI_DIR).filter((name) => name.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    const sizes = files.flatMap((name) => functionSizes(`src/cli/${name}`, readFileSync(join(CLI_DIR, name), 'utf8')));
    expect(sizes.length).toBeGreaterThan(20);
    expect(sizes.filter((s) => s.lines > MAX_LINES).map((s) => `${s.where}: ${s.lines} lines`)).toEqual([]);
  });
});
