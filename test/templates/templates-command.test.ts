/**
 * `report templates` lists the built-in templates with their descriptions.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

describe('report templates', () => {
  it('lists default and brief, each with the description from its template.json', () => {
    const result = runCli(['templates']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    const names = lines.map((line) => line.split(/\s+/)[0]);
    expect(names).toContain('default');
    expect(names).toContain('brief');
    for (const name of ['default', 'brief']) {
      const meta = JSON.parse(readFileSync(join(ROOT, 'templates', name, 'template.json'), 'utf8')) as { name: string; description: string };
      expect(meta.name).toBe(name);
      expect(meta.description.length).toBeGreaterThan(0);
      expect(lines.find((line) => line.startsWith(`${name} `))).toContain(meta.description);
    }
  });
});
