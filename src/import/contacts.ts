/** A contact block: a name and an e-mail address, on one line (`Name <a@b.eu>`, `Name, a@b.eu`) or two. */
import type { TextBlock } from './blocks.js';

const EMAIL = /^<?(?:mailto:)?([^\s<>@()[\]]+@[^\s<>@()[\]]+\.[a-z]{2,})>?$/iu;
const NAME = /^[\p{Lu}][\p{L}'’.-]*(?:\s+[\p{L}][\p{L}'’.-]*){0,4}$/u;

export interface Contact {
  name: string;
  email: string;
}

// `**Name** [a@b.eu](mailto:a@b.eu)`: a link to an address stands for the address; bold is the card's look.
const unlink = (text: string) =>
  text
    .trim()
    .replace(/\[([^\]]*)\]\(mailto:([^)\s]+)\)/gu, '$2')
    .replace(/^\[(.*)\]\((?:mailto:)?(.*)\)$/u, '$2')
    .replace(/\*\*/gu, '')
    .trim();

export function contactsOf(block: TextBlock): Contact[] | undefined {
  const lines = block.lines.map(unlink).filter(Boolean);
  const out: Contact[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const one = /^(.+?)[\s,]+<?((?:mailto:)?[^\s<>@]+@[^\s<>@]+\.[a-z]{2,})>?$/iu.exec(line);
    if (one && NAME.test(one[1]!.trim())) {
      out.push({ name: one[1]!.trim(), email: one[2]!.replace(/^mailto:/iu, '') });
      continue;
    }
    const next = lines[i + 1];
    const email = next ? EMAIL.exec(next) : null;
    if (NAME.test(line) && email) {
      out.push({ name: line, email: email[1]! });
      i++;
      continue;
    }
    return undefined;
  }
  return out.length ? out : undefined;
}
