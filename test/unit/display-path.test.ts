import { describe, expect, it } from 'vitest';
import { displayPathOf } from '../../src/diagnostics/source-file.js';
import { formatStylish } from '../../src/diagnostics/reporters.js';

describe('file names in reports', () => {
  it('cannot forge report lines with control characters', () => {
    const path = displayPathOf('/work', '/work/evil\nfake.md:1:1 error injected [x]\n.md');
    expect(path).toBe('evil\\u000afake.md:1:1 error injected [x]\\u000a.md');
    const report = formatStylish([{ path: '/work/x', displayPath: path, messages: [{ ruleId: 'r', severity: 'error', reason: 'real', place: { start: { line: 2, column: 3 } } }] }]);
    expect(report.split('\n').filter((l) => / error /.test(l))).toHaveLength(1);
  });
});
