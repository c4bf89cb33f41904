/**
 * Semantic rules (src/validate/rules/*.ts), one describe per rule id, each with
 * a YAML notes file and a Markdown notes file, asserting the exact stylish
 * report and the exit code of `report validate`.
 */
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/validate/rules/index.js';
import { markdown, PNG, text, workspace } from './harness.js';

const ws = workspace();

it('these tests cover every rule in src/validate/rules/index.ts', () => {
  expect(RULES.map((r) => r.id)).toEqual([
    'valid-date',
    'date-order',
    'valid-email',
    'valid-url',
    'valid-language',
    'unique-practice',
    'no-empty-section',
    'no-bidi-control',
    'image-alt',
    'no-raw-html',
    'no-placeholder',
  ]);
});

describe('valid-date', () => {
  it('YAML: a date that is not in the calendar', async () => {
    const r = await ws.validate('valid-date.yaml', text('title: Workshop', 'date: 2024-02-30'));
    expect(r.report).toEqual(['valid-date.yaml:2:7 error Expected `date` to be a real calendar date, not `2024-02-30` [valid-date]']);
    expect(r.code).toBe(1);
  });

  it('Markdown: a date that is not in the calendar, in the front matter', async () => {
    const r = await ws.validate('valid-date.md', text('---', 'title: Workshop', 'date: 2024-02-30', '---'));
    expect(r.report).toEqual(['valid-date.md:3:7 error Expected `date` to be a real calendar date, not `2024-02-30` [valid-date]']);
    expect(r.code).toBe(1);
  });

  it('YAML: an upcoming activity on a day that does not exist', async () => {
    const r = await ws.validate(
      'valid-date-upcoming.yaml',
      text('title: Workshop', 'date: 2024-06-05', 'upcoming:', '  items:', '    - title: University-industry collaboration', '      date: 2024-09-31'),
    );
    expect(r.report).toEqual(['valid-date-upcoming.yaml:6:13 error Expected `upcoming.items[0].date` to be a real calendar date, not `2024-09-31` [valid-date]']);
    expect(r.code).toBe(1);
  });

  it('Markdown: an upcoming activity on a day that does not exist points at its list item', async () => {
    const r = await ws.validate('valid-date-upcoming.md', markdown('## Upcoming activities', '', '- 2024-09-31 – Thematic workshop: University-industry collaboration'));
    expect(r.report).toEqual(['valid-date-upcoming.md:8:1 error Expected `upcoming.items[0].date` to be a real calendar date, not `2024-09-31` [valid-date]']);
    expect(r.code).toBe(1);
  });
});

describe('date-order', () => {
  it('YAML: an endDate before the date', async () => {
    const r = await ws.validate('date-order.yaml', text('title: Workshop', 'date: 2024-06-05', 'endDate: 2024-06-04'));
    expect(r.report).toEqual(['date-order.yaml:3:10 error Expected `endDate` `2024-06-04` to be on or after `date` `2024-06-05` [date-order]']);
    expect(r.code).toBe(1);
  });

  it('Markdown: an endDate before the date', async () => {
    const r = await ws.validate('date-order.md', text('---', 'title: Workshop', 'date: 2024-06-05', 'endDate: 2024-06-04', '---'));
    expect(r.report).toEqual(['date-order.md:4:10 error Expected `endDate` `2024-06-04` to be on or after `date` `2024-06-05` [date-order]']);
    expect(r.code).toBe(1);
  });

  it('YAML: a date not written as YYYY-MM-DD is not also compared with the endDate', async () => {
    const r = await ws.validate('date-order-bad-date.yaml', text('title: Workshop', 'date: 5th June', 'endDate: 2024-06-06'));
    expect(r.report).toEqual(['date-order-bad-date.yaml:2:7 error Expected `date` to be a date like `2024-06-05`, not `5th June` [pattern]']);
    expect(r.code).toBe(1);
  });
});

describe('valid-email', () => {
  it('YAML: an address without a top-level domain', async () => {
    const r = await ws.validate(
      'valid-email.yaml',
      text('title: Workshop', 'date: 2024-06-05', 'contacts:', '  - name: Laura Varisco', '    email: l.varisco@policylearning'),
    );
    expect(r.report).toEqual(['valid-email.yaml:5:12 error Expected an e-mail address like `name@example.org`, not `l.varisco@policylearning` [valid-email]']);
    expect(r.code).toBe(1);
  });

  it('Markdown: a contact whose address has a one-letter domain points at its list item', async () => {
    const r = await ws.validate('valid-email.md', markdown('## Contacts', '', '- Laura Varisco <l.varisco@policylearning.e>'));
    expect(r.report).toEqual(['valid-email.md:8:1 error Expected an e-mail address like `name@example.org`, not `l.varisco@policylearning.e` [valid-email]']);
    expect(r.code).toBe(1);
  });

  it('Markdown: a contact whose address has no domain at all is reported, not folded into the name', async () => {
    const r = await ws.validate('valid-email-name.md', markdown('## Contacts', '', '- Laura Varisco <l.varisco@policylearning>'));
    expect(r.report).toEqual(['valid-email-name.md:8:1 error Expected an e-mail address like `name@example.org`, not `l.varisco@policylearning` [valid-email]']);
    expect(r.code).toBe(1);
  });
});

describe('valid-url', () => {
  it('YAML: a url field that is not a well-formed address is an error', async () => {
    const r = await ws.validate('valid-url.yaml', text('title: Workshop', 'date: 2024-06-05', 'url: https://www.interreg europe.eu'));
    expect(r.report).toEqual(['valid-url.yaml:3:6 error Expected a well-formed web address, not `https://www.interreg europe.eu` [valid-url]']);
    expect(r.code).toBe(1);
  });

  it('Markdown: a url field that is not a well-formed address is an error', async () => {
    const r = await ws.validate('valid-url.md', text('---', 'title: Workshop', 'date: 2024-06-05', 'url: https://www.interreg europe.eu', '---'));
    expect(r.report).toEqual(['valid-url.md:4:6 error Expected a well-formed web address, not `https://www.interreg europe.eu` [valid-url]']);
    expect(r.code).toBe(1);
  });

  it('YAML: a javascript: link in text is a warning', async () => {
    const r = await ws.validate('valid-url-link.yaml', text('title: Workshop', 'date: 2024-06-05', 'summary: Watch [the recording](javascript:play) on the event page.'));
    expect(r.report).toEqual([
      'valid-url-link.yaml:3:16 warning Links may only use http, https or mailto, not `javascript:play`; this link will be shown as plain text [valid-url]',
    ]);
    expect(r.code).toBe(0);
  });

  it('Markdown: a javascript: link in a theme is a warning', async () => {
    const r = await ws.validate(
      'valid-url-link.md',
      markdown('## Highlights', '', '### Interoperability', '', 'Watch [the recording](javascript:play) on the event page.'),
    );
    expect(r.report).toEqual([
      'valid-url-link.md:10:7 warning Links may only use http, https or mailto, not `javascript:play`; this link will be shown as plain text [valid-url]',
    ]);
    expect(r.code).toBe(0);
  });

  it('Markdown: a footnote is no link (its text is not an address)', async () => {
    const r = await ws.validate('footnote.md', markdown('Rund 120 Teilnehmende.[^1]', '', '[^1]: Laut Anmeldeliste.'));
    expect(r.report).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('YAML: a link target with parentheses is quoted whole', async () => {
    const r = await ws.validate('valid-url-parens.yaml', text('title: Workshop', 'date: 2024-06-05', 'summary: Watch [the recording](javascript:alert(1)) now.'));
    expect(r.report).toEqual([
      'valid-url-parens.yaml:3:16 warning Links may only use http, https or mailto, not `javascript:alert(1)`; this link will be shown as plain text [valid-url]',
    ]);
    expect(r.code).toBe(0);
  });

  it('Markdown: a correct local image is not reported as a link', async () => {
    ws.write('images/panel.png', PNG);
    const r = await ws.validate('valid-url-image.md', markdown('## Highlights', '', '### Interoperability', '', '![The interoperability panel](images/panel.png)'));
    expect(r.report).toEqual([]);
    expect(r.summary).toBe('1 valid, 0 failed (1 file, T s)');
    expect(r.code).toBe(0);
  });

  it('YAML: a correct local image in text is not reported as a link', async () => {
    ws.write('images/panel.png', PNG);
    const r = await ws.validate(
      'valid-url-image.yaml',
      text('title: Workshop', 'date: 2024-06-05', 'highlights:', '  themes:', '    - title: Interoperability', '      text: "![The interoperability panel](images/panel.png)"'),
    );
    expect(r.report).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('Markdown: a link in the second paragraph of a theme points at that paragraph', async () => {
    const r = await ws.validate(
      'valid-url-second.md',
      markdown('## Highlights', '', '### Interoperability', '', 'The panel discussed the Interoperable Europe Act.', '', 'Watch [the recording](javascript:play) on the event page.'),
    );
    expect(r.report).toEqual([
      'valid-url-second.md:12:7 warning Links may only use http, https or mailto, not `javascript:play`; this link will be shown as plain text [valid-url]',
    ]);
    expect(r.code).toBe(0);
  });
});

describe('valid-language', () => {
  it('YAML: a malformed language tag is an error', async () => {
    const r = await ws.validate('valid-language.yaml', text('title: Workshop', 'date: 2024-06-05', 'language: en_GB'));
    expect(r.report).toEqual(['valid-language.yaml:3:11 error Expected `language` to be a language tag like `en` or `fr-BE`, not `en_GB` [valid-language]']);
    expect(r.code).toBe(1);
  });

  it('Markdown: a malformed language tag is an error', async () => {
    const r = await ws.validate('valid-language.md', text('---', 'title: Workshop', 'date: 2024-06-05', 'language: en_GB', '---'));
    expect(r.report).toEqual(['valid-language.md:4:11 error Expected `language` to be a language tag like `en` or `fr-BE`, not `en_GB` [valid-language]']);
    expect(r.code).toBe(1);
  });

  const labels = '  note: Labels exist for `bg`, `cs`, `da`, `de`, `el`, `en`, `es`, `et`, `fi`, `fr`, `ga`, `hr`, `hu`, `it`, `lt`, `lv`, `mt`, `nl`, `pl`, `pt`, `ro`, `sk`, `sl`, `sv`';

  it('YAML: a language without labels is a warning', async () => {
    const r = await ws.validate('valid-language-labels.yaml', text('title: Workshop', 'date: 2024-06-05', 'language: ja'));
    expect(r.report).toEqual(['valid-language-labels.yaml:3:11 warning There are no labels for language `ja`; English labels are used [valid-language]', labels]);
    expect(r.code).toBe(0);
  });

  it('Markdown: a language without labels is a warning', async () => {
    const r = await ws.validate('valid-language-labels.md', text('---', 'title: Workshop', 'date: 2024-06-05', 'language: ja', '---'));
    expect(r.report).toEqual(['valid-language-labels.md:4:11 warning There are no labels for language `ja`; English labels are used [valid-language]', labels]);
    expect(r.code).toBe(0);
  });
});

describe('unique-practice', () => {
  it('YAML: the second practice with the same title points at its title and names the first line', async () => {
    const r = await ws.validate(
      'unique-practice.yaml',
      text(
        'title: Workshop',
        'date: 2024-06-05',
        'practices:',
        '  topics:',
        '    - title: Enhancing AI skills of public servants',
        '      practices:',
        '        - title: AI Foundation Certificate',
        '        - title: AI Foundation Certificate',
      ),
    );
    expect(r.report).toEqual(['unique-practice.yaml:8:18 error The practice `AI Foundation Certificate` appears twice (first on line 7) [unique-practice]']);
    expect(r.code).toBe(1);
  });

  it('Markdown: titles that differ only in case are the same practice', async () => {
    const r = await ws.validate(
      'unique-practice.md',
      markdown(
        '## Good practices',
        '',
        '### Enhancing AI skills of public servants',
        '',
        '#### ENAIBLER – AI Foundation Certificate',
        '',
        'A 12-week training programme.',
        '',
        '#### AI4GOV – AI foundation certificate',
        '',
        'An online course.',
      ),
    );
    expect(r.report).toEqual(['unique-practice.md:14:1 error The practice `AI foundation certificate` appears twice (first on line 10) [unique-practice]']);
    expect(r.code).toBe(1);
  });
});

describe('no-empty-section', () => {
  it('YAML: a theme without text', async () => {
    const r = await ws.validate('no-empty-theme.yaml', text('title: Workshop', 'date: 2024-06-05', 'highlights:', '  themes:', '    - title: GovTech'));
    expect(r.report).toEqual(['no-empty-theme.yaml:5:7 warning The theme `GovTech` is empty; write its content or remove it [no-empty-section]']);
    expect(r.code).toBe(0);
  });

  it('YAML: a part with only a title, and a topic without practices', async () => {
    const r = await ws.validate(
      'no-empty-part.yaml',
      text('title: Workshop', 'date: 2024-06-05', 'nextSteps:', '  title: Next steps', 'practices:', '  topics:', '    - title: Leveraging EDIH for public services'),
    );
    expect(r.report).toEqual([
      'no-empty-part.yaml:4:3 warning The `Next steps` section is empty; write its content or remove it [no-empty-section]',
      'no-empty-part.yaml:7:7 warning The topic `Leveraging EDIH for public services` is empty; write its content or remove it [no-empty-section]',
    ]);
    expect(r.code).toBe(0);
  });

  it('Markdown: a theme heading without text points at the heading', async () => {
    const r = await ws.validate('no-empty-theme.md', markdown('## Highlights', '', 'The main messages of the day.', '', '### GovTech'));
    expect(r.report).toEqual(['no-empty-theme.md:10:1 warning The theme `GovTech` is empty; write its content or remove it [no-empty-section]']);
    expect(r.code).toBe(0);
  });

  it('Markdown: an empty free section', async () => {
    const r = await ws.validate('no-empty-free.md', markdown('## Site visit'));
    expect(r.report).toEqual([
      'no-empty-free.md:6:1 warning Heading `Site visit` is not a known part of a report; it is kept as a free section [unknown-heading]',
      'no-empty-free.md:6:1 warning The section `Site visit` is empty; write its content or remove it [no-empty-section]',
    ]);
    expect(r.code).toBe(0);
  });

  it('Markdown: an empty part points at its heading', async () => {
    const r = await ws.validate('no-empty-part.md', markdown('## Next steps'));
    expect(r.report).toEqual(['no-empty-part.md:6:1 warning The `Next steps` section is empty; write its content or remove it [no-empty-section]']);
    expect(r.code).toBe(0);
  });

  it('Markdown: a topic heading with nothing under it is reported as empty', async () => {
    const r = await ws.validate('no-empty-topic.md', markdown('## Good practices', '', 'Three projects presented their work.', '', '### Leveraging EDIH for public services'));
    expect(r.report).toEqual(['no-empty-topic.md:10:1 warning The topic `Leveraging EDIH for public services` is empty; write its content or remove it [no-empty-section]']);
    expect(r.code).toBe(0);
  });
});

describe('no-bidi-control', () => {
  it('YAML: a right-to-left override in text', async () => {
    const r = await ws.validate(
      'no-bidi-control.yaml',
      text('title: Workshop', 'date: 2024-06-05', 'summary: "Participants came from 19 countries \\u202E and 42 organisations."'),
    );
    expect(r.report).toEqual(['no-bidi-control.yaml:3:10 error Text contains the invisible bidirectional control character U+202E; remove it [no-bidi-control]']);
    expect(r.code).toBe(1);
  });

  it('Markdown: a right-to-left override in the opening paragraph', async () => {
    const r = await ws.validate('no-bidi-control.md', markdown('Participants came from 19 countries \u202E and 42 organisations.'));
    expect(r.report).toEqual(['no-bidi-control.md:6:37 error Text contains the invisible bidirectional control character U+202E; remove it [no-bidi-control]']);
    expect(r.code).toBe(1);
  });

  it('Markdown: a left-to-right isolate in the front matter', async () => {
    const r = await ws.validate('no-bidi-isolate.md', text('---', 'title: "Digital \u2066Transformation"', 'date: 2024-06-05', '---'));
    expect(r.report).toEqual(['no-bidi-isolate.md:2:17 error Text contains the invisible bidirectional control character U+2066; remove it [no-bidi-control]']);
    expect(r.code).toBe(1);
  });
});

describe('image-alt', () => {
  // The images are remote so that nothing else is reported: a local path would also get the valid-url
  // warning of the bug above, and the image stage (remote-image) does not run for a file with errors.
  it('YAML: an image in text without alternative text', async () => {
    const r = await ws.validate(
      'image-alt.yaml',
      text('title: Workshop', 'date: 2024-06-05', 'highlights:', '  themes:', '    - title: GovTech', '      text: "![](https://www.example.org/panel.jpg)"'),
    );
    expect(r.report).toEqual([
      'image-alt.yaml:6:14 error The image `https://www.example.org/panel.jpg` has no alternative text; write it between the brackets: `![what it shows](https://www.example.org/panel.jpg)` [image-alt]',
    ]);
    expect(r.code).toBe(1);
  });

  it('Markdown: an image without alternative text (only spaces between the brackets)', async () => {
    const r = await ws.validate('image-alt.md', markdown('## Highlights', '', '### GovTech', '', '![ ](https://www.example.org/panel.jpg)'));
    expect(r.report).toEqual([
      'image-alt.md:10:1 error The image `https://www.example.org/panel.jpg` has no alternative text; write it between the brackets: `![what it shows](https://www.example.org/panel.jpg)` [image-alt]',
    ]);
    expect(r.code).toBe(1);
  });
});

describe('no-raw-html', () => {
  it('YAML: an HTML tag in text is a warning', async () => {
    const r = await ws.validate('no-raw-html.yaml', text('title: Workshop', 'date: 2024-06-05', 'summary: The panel was <b>lively</b>.'));
    expect(r.report).toEqual(['no-raw-html.yaml:3:24 warning Raw HTML is not allowed and is left out: `<b>` [no-raw-html]']);
    expect(r.code).toBe(0);
  });

  it('`<br>` is a line break, not a warning', async () => {
    const r = await ws.validate('no-raw-html-br.yaml', text('title: Workshop', 'date: 2024-06-05', 'summary: The panel was lively.<br>It ended late.'));
    expect(r.report).toEqual([]);
  });

  it('Markdown: an HTML tag inside a paragraph is a warning', async () => {
    const r = await ws.validate('no-raw-html.md', markdown('## Highlights', '', '### GovTech', '', 'The panel was <b>lively</b>.'));
    expect(r.report).toEqual(['no-raw-html.md:10:15 warning Raw HTML is not allowed and is left out: `<b>` [no-raw-html]']);
    expect(r.code).toBe(0);
  });

  it('Markdown: an HTML block is reported by the parser, once', async () => {
    const r = await ws.validate('no-raw-html-block.md', markdown('## Highlights', '', '### GovTech', '', 'The panel was lively.', '', '<div align="center">Photo: the GovTech panel</div>'));
    expect(r.report).toEqual(['no-raw-html-block.md:12:1 warning Raw HTML is not allowed and is left out: `<div align="center">` [no-raw-html]']);
    expect(r.code).toBe(0);
  });

  it('Markdown: autolinks and e-mail addresses in angle brackets, and comments, are not HTML', async () => {
    const r = await ws.validate(
      'no-raw-html-autolink.md',
      markdown('<!-- written after the workshop -->', '', 'See <https://www.interregeurope.eu> for the programme.', '', '## Contacts', '', '- Laura Varisco <l.varisco@policylearning.eu>'),
    );
    expect(r.report).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('Markdown: an HTML block in a free section is reported once', async () => {
    const r = await ws.validate('no-raw-html-free.md', markdown('## Site visit', '', '<div>Participants visited the GovTech Lab.</div>'));
    expect(r.report).toEqual([
      'no-raw-html-free.md:6:1 warning Heading `Site visit` is not a known part of a report; it is kept as a free section [unknown-heading]',
      'no-raw-html-free.md:8:1 warning Raw HTML is not allowed and is left out: `<div>` [no-raw-html]',
    ]);
    expect(r.code).toBe(0);
  });
});

describe('no-placeholder', () => {
  it('YAML: a TODO left in a value', async () => {
    const r = await ws.validate('no-placeholder.yaml', text('title: Workshop', 'date: 2024-06-05', 'subtitle: "TODO: e.g. An Interreg Europe event"'));
    expect(r.report).toEqual(['no-placeholder.yaml:3:12 warning Placeholder not filled in: `TODO: e.g. An Interreg Europe event` [no-placeholder]']);
    expect(r.code).toBe(0);
  });

  it('Markdown: a TODO left in a theme', async () => {
    const r = await ws.validate('no-placeholder.md', markdown('## Highlights', '', '### GovTech', '', 'TODO: what was said.'));
    expect(r.report).toEqual(['no-placeholder.md:10:1 warning Placeholder not filled in: `TODO: what was said.` [no-placeholder]']);
    expect(r.code).toBe(0);
  });

  it('Markdown: a TODO in the summary points at its paragraph', async () => {
    const r = await ws.validate('no-placeholder-summary.md', markdown('## Summary', '', 'TODO: two or three sentences on the event.'));
    expect(r.report).toEqual(['no-placeholder-summary.md:8:1 warning Placeholder not filled in: `TODO: two or three sentences on the event.` [no-placeholder]']);
    expect(r.code).toBe(0);
  });
});
