/**
 * Diagnostics about the file itself (src/read/read-notes.ts, src/read/expand-inputs.ts)
 * and about the images it uses (src/read/images.ts). Images are only checked
 * for notes that passed validation, so each fixture here is otherwise valid.
 */
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdown, PNG, text, workspace } from './harness.js';

const ws = workspace();

describe('file-too-large', () => {
  it('a notes file over 2 MiB is refused as a whole (no line)', async () => {
    const r = await ws.validate('file-too-large.md', markdown('## Summary', '', 'x'.repeat(3 * 1024 * 1024)));
    expect(r.report).toEqual(['file-too-large.md error The file is 3,145,783 bytes; notes may be at most 2,097,152 bytes (2.0 MiB) [file-too-large]']);
    expect(r.code).toBe(1);
  });

  it('a YAML notes file over 2 MiB is refused as a whole (no line)', async () => {
    const r = await ws.validate('file-too-large.yaml', text('title: Workshop', 'date: 2024-06-05', `summary: ${'x'.repeat(5 * 1024 * 1024)}`));
    expect(r.report).toEqual(['file-too-large.yaml error The file is 5,242,923 bytes; notes may be at most 2,097,152 bytes (2.0 MiB) [file-too-large]']);
    expect(r.code).toBe(1);
  });

  it('a file one byte over the limit says by how much', async () => {
    const r = await ws.validate('file-too-large-by-one.md', Buffer.alloc(2 * 1024 * 1024 + 1, 'x'));
    expect(r.report).toEqual(['file-too-large-by-one.md error The file is 2,097,153 bytes; notes may be at most 2,097,152 bytes (2.0 MiB) [file-too-large]']);
    expect(r.code).toBe(1);
  });
});

describe('encoding', () => {
  it('Markdown: a Latin-1 byte points at its line and column', async () => {
    const r = await ws.validate('encoding.md', Buffer.from(markdown('## Summary', '', 'Caf\u00e9 au lait for sixty participants.'), 'latin1'));
    expect(r.report).toEqual(['encoding.md:8:4 error Expected UTF-8 text; this byte sequence is not valid UTF-8 [encoding]']);
    expect(r.code).toBe(1);
  });

  it('YAML: a Latin-1 byte points at its line and column', async () => {
    const r = await ws.validate('encoding.yaml', Buffer.from(text('title: Caf\u00e9 Europa', 'date: 2024-06-05'), 'latin1'));
    expect(r.report).toEqual(['encoding.yaml:1:11 error Expected UTF-8 text; this byte sequence is not valid UTF-8 [encoding]']);
    expect(r.code).toBe(1);
  });

  it('YAML: a NUL byte makes it not a text file', async () => {
    const r = await ws.validate('encoding-nul.yaml', text('title: Workshop\u0000', 'date: 2024-06-05'));
    expect(r.report).toEqual(['encoding-nul.yaml error Expected a text file, but it contains NUL bytes [encoding]']);
    expect(r.code).toBe(1);
  });
});

describe('read-error and input', () => {
  it.skipIf(process.platform === 'win32')('a notes name that is a device, not a file', async () => {
    symlinkSync('/dev/null', join(ws.path, 'read-error.md'));
    const r = await ws.run(['read-error.md']);
    expect(r.report).toEqual(['read-error.md error Expected a notes file, not a folder or device [read-error]']);
    expect(r.code).toBe(1);
  });

  it.skipIf(process.platform === 'win32')('a YAML notes name that is a device, not a file', async () => {
    symlinkSync('/dev/null', join(ws.path, 'read-error.yaml'));
    const r = await ws.run(['read-error.yaml']);
    expect(r.report).toEqual(['read-error.yaml error Expected a notes file, not a folder or device [read-error]']);
    expect(r.code).toBe(1);
  });

  it('a missing input next to a valid one fails the run with exit 1, not 2', async () => {
    ws.write('valid.yaml', text('title: Workshop', 'date: 2024-06-05'));
    const r = await ws.run(['valid.yaml', 'no-such-notes.yaml']);
    expect(r.report).toEqual(['no-such-notes.yaml error No such file or folder [input]']);
    expect(r.summary).toBe('1 valid, 1 failed (2 files, T s)');
    expect(r.code).toBe(1);
  });

  it('a file that does not exist stops the run (exit 2)', async () => {
    const r = await ws.run(['no-such-notes.md']);
    expect(r.report).toEqual(['no-such-notes.md error No such file or folder [input]', 'report: No notes files to process']);
    expect(r.code).toBe(2);
  });

  it('a file that is not notes stops the run (exit 2)', async () => {
    ws.write('notes.txt', 'Workshop notes\n');
    const r = await ws.run(['notes.txt']);
    expect(r.report).toEqual(['notes.txt error Expected a notes file ending in .md, .markdown, .yaml or .yml [input]', 'report: No notes files to process']);
    expect(r.code).toBe(2);
  });
});

/** YAML notes whose one theme has one image, written in the `images` list (so no text rule sees it). */
const withImage = (src: string) =>
  text('title: Workshop', 'date: 2024-06-05', 'highlights:', '  themes:', '    - title: GovTech', '      images:', `        - { src: "${src}", alt: The GovTech panel }`);

describe('images in YAML notes (the `images` list): the message points at the `src` value', () => {
  ws.write('images/panel.png', PNG);
  ws.write('images/notes.png', 'These are not the pixels you are looking for.\n');
  mkdirSync(join(ws.path, 'images', 'folder.png'));
  writeFileSync(join(ws.path, 'images', 'huge.png'), '');
  truncateSync(join(ws.path, 'images', 'huge.png'), 11 * 1024 * 1024);
  if (process.platform !== 'win32') symlinkSync('/etc/hostname', join(ws.path, 'images', 'link.png'));

  it('a correct image: no message', async () => {
    const r = await ws.validate('image-ok.yaml', withImage('images/panel.png'));
    expect(r.report).toEqual([]);
    expect(r.summary).toBe('1 valid, 0 failed (1 file, T s)');
    expect(r.code).toBe(0);
  });

  it.each([
    ['missing-image', 'images/missing.png', 'The image `images/missing.png` does not exist (looked for `images/missing.png`)'],
    ['image-outside-root', '../outside.png', "The image `../outside.png` is outside the notes' folder; only files inside it may be used"],
    ['image-outside-root', '/etc/hostname', 'Image paths must be relative to the notes file, not absolute: `/etc/hostname`'],
    ['remote-image', 'https://www.example.org/panel.png', 'Remote images are not fetched: `https://www.example.org/panel.png`; save the image next to the notes and use a relative path'],
    ['image-path', 'data:image/png;base64,iVBORw0KGgo=', 'Expected a relative path to an image file, not `data:image/png;base64,iVBORw0KGgo=`'],
    ['image-path', 'images/folder.png', 'Expected `images/folder.png` to be an image file, not a folder, pipe or device'],
    ['image-type', 'images/notes.png', '`images/notes.png` is not a PNG, JPEG, GIF, WebP or SVG image'],
    ['image-too-large', 'images/huge.png', 'The image `images/huge.png` is larger than 10 MiB'],
  ])('%s: %s', async (rule, src, message) => {
    const name = `${rule}-${src.replace(/[^a-z0-9]+/gi, '-')}.yaml`;
    const r = await ws.validate(name, withImage(src));
    expect(r.report).toEqual([`${name}:7:19 error ${message} [${rule}]`]);
    expect(r.code).toBe(1);
  });

  it.skipIf(process.platform === 'win32')('image-outside-root: a symbolic link that leads outside the folder', async () => {
    const r = await ws.validate('image-link.yaml', withImage('images/link.png'));
    expect(r.report).toEqual(["image-link.yaml:7:19 error The image `images/link.png` is a link to a file outside the notes' folder [image-outside-root]"]);
    expect(r.code).toBe(1);
  });
});

describe('images in Markdown notes: the message points at the paragraph', () => {
  const notes = (src: string) => markdown('## Highlights', '', '### GovTech', '', `![The GovTech panel](${src})`);

  it('remote-image', async () => {
    const r = await ws.validate('remote-image.md', notes('https://www.example.org/panel.png'));
    expect(r.report).toEqual([
      'remote-image.md:10:22 error Remote images are not fetched: `https://www.example.org/panel.png`; save the image next to the notes and use a relative path [remote-image]',
    ]);
    expect(r.code).toBe(1);
  });

  it.each([
    ['missing-image', 'images/missing.png', 'The image `images/missing.png` does not exist (looked for `images/missing.png`)'],
    ['image-outside-root', '../outside.png', "The image `../outside.png` is outside the notes' folder; only files inside it may be used"],
    ['image-outside-root', '/etc/hostname', 'Image paths must be relative to the notes file, not absolute: `/etc/hostname`'],
    ['image-path', 'data:image/png;base64,iVBORw0KGgo=', 'Expected a relative path to an image file, not `data:image/png;base64,iVBORw0KGgo=`'],
    ['image-path', 'images/folder.png', 'Expected `images/folder.png` to be an image file, not a folder, pipe or device'],
    ['image-type', 'images/notes.png', '`images/notes.png` is not a PNG, JPEG, GIF, WebP or SVG image'],
    ['image-too-large', 'images/huge.png', 'The image `images/huge.png` is larger than 10 MiB'],
  ])('%s: %s', async (rule, src, message) => {
    const name = `${rule}-${src.replace(/[^a-z0-9]+/gi, '-')}.md`;
    const r = await ws.validate(name, notes(src));
    expect(r.report).toEqual([`${name}:10:22 error ${message} [${rule}]`]);
    expect(r.code).toBe(1);
  });
});
