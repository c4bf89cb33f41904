/** Good practices laid out as a table, as people copy them from Word or a spreadsheet. */
import { describe, expect, it } from 'vitest';
import { parseMarkdownNotes } from '../../../src/parse/markdown/index.js';

const FRONT = '---\ntitle: Energy communities\ndate: 2024-09-12\n---\n\n';
const read = (body: string) => parseMarkdownNotes(FRONT + body);
const TABLE = ['| Project | Practice | Country | Presenter | Topic |', '| --- | --- | --- | --- | --- |', '| COMPASS | One-stop shop | Portugal | Ana Silva, Coopérnico | Advice |', '| REGIONS4CE | Solar roofs | Germany | Jonas Weber | Roofs |', '| SCORE | Energy advice desk | Italy | | Advice |', ''].join('\n');

describe('a table of practices', () => {
  it('reads each row as a practice, grouped by its topic column, and says so', () => {
    const result = read(`## Good practices\n\n${TABLE}`);
    const topics = (result.data as any).practices.topics;
    expect(topics.map((t: any) => t.title)).toEqual(['Advice', 'Roofs']);
    expect(topics[0].practices).toEqual([
      { project: 'COMPASS', title: 'One-stop shop', country: 'Portugal', presenter: { name: 'Ana Silva', organisation: 'Coopérnico' } },
      { project: 'SCORE', title: 'Energy advice desk', country: 'Italy' },
    ]);
    expect((result.data as any).practices.intro).toBeUndefined();
    const info = result.messages.find((m) => m.ruleId === 'practice-table');
    expect(info).toMatchObject({ severity: 'info', place: { start: { line: 8 } } });
    expect(info?.reason).toContain('3 practices');
  });

  it('puts a table under no topic column in one topic, before the topics of sub-headings', () => {
    const table = TABLE.replace(/ \| Topic \|/, ' |').replace(/ \| --- \|\n/, ' |\n').replace(/ \| (Advice|Roofs) \|/g, ' |');
    const result = read(`## Good practices\n\n${table}\n### Heat\n\n#### HEAT – District heating\n\nCountry: Denmark\n\nText.\n`);
    const topics = (result.data as any).practices.topics;
    expect(topics).toHaveLength(2);
    expect(topics[0].practices).toHaveLength(3);
    expect(topics[1]).toMatchObject({ title: 'Heat', practices: [{ project: 'HEAT', title: 'District heating', country: 'Denmark' }] });
  });

  it('under a topic, drops a topic column that names it and keeps one that names another, with a warning', () => {
    const result = read('## Good practices\n\n### Advice\n\n| Practice | Country | Topic |\n| --- | --- | --- |\n| Energy desk | Italy | Advice |\n| Solar roofs | Spain | Roofs |\n');
    const practices = (result.data as any).practices.topics[0].practices;
    expect(practices[0]).toEqual({ title: 'Energy desk', country: 'Italy' });
    expect(practices[1]).toEqual({ title: 'Solar roofs', country: 'Spain', description: 'Topic: Roofs' });
    expect(result.messages.find((m) => m.severity === 'warning')?.reason).toBe("Column `Topic` names another topic than `Advice`, under which the table stands; its cells are kept in each practice's description");
  });

  it('reads a table under a topic as that topic’s practices', () => {
    const result = read('## Good practices\n\n### Advice\n\n| Practice | Region |\n| --- | --- |\n| Energy desk | Tuscany |\n');
    expect((result.data as any).practices.topics[0]).toEqual({ title: 'Advice', practices: [{ title: 'Energy desk', region: 'Tuscany' }] });
  });

  it('keeps a column of no known key in the description, with a warning at its header', () => {
    const result = read('## Good practices\n\n| Practice | Country | Budget |\n| --- | --- | --- |\n| Energy desk | Italy | 2 M EUR |\n');
    expect((result.data as any).practices.topics[0].practices[0]).toMatchObject({ title: 'Energy desk', description: 'Budget: 2 M EUR' });
    const warning = result.messages.find((m) => m.ruleId === 'practice-table' && m.severity === 'warning');
    expect(warning?.reason).toContain('`Budget`');
    expect(warning?.place?.start).toMatchObject({ line: 8, column: 24 });
  });

  it('reads the header in the notes’ language', () => {
    const result = parseMarkdownNotes('---\ntitle: A\ndate: 2024-09-12\nlanguage: de\n---\n\n## Gute Praktiken\n\n| Titel | Projekt | Land |\n| --- | --- | --- |\n| Energieberatung | SCORE | Italien |\n');
    expect((result.data as any).practices.topics[0].practices[0]).toMatchObject({ project: 'SCORE', country: 'Italien' });
  });

  it('leaves any other table as text', () => {
    const result = read('## Good practices\n\nIntro.\n\n| Year | Budget |\n| --- | --- |\n| 2024 | 2 M |\n');
    expect((result.data as any).practices.intro).toContain('| Year | Budget |');
    expect(result.messages.map((m) => m.ruleId)).not.toContain('practice-table');
  });
});
