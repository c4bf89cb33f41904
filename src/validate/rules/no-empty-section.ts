import { diagnostic, quote, type Diagnostic } from '../../diagnostics/message.js';
import { asArray, asObject, type Path, type Rule } from './rule.js';

const filled = (value: unknown): boolean =>
  typeof value === 'string' ? value.trim().length > 0 : Array.isArray(value) ? value.length > 0 : value !== undefined && value !== null;

export const noEmptySection: Rule = {
  id: 'no-empty-section',
  description: 'A section, theme, topic or group that is present must have content.',
  check: ({ notes, locate }) => {
    const out: Diagnostic[] = [];
    const warn = (path: Path, what: string) =>
      out.push(diagnostic('no-empty-section', `${what} is empty; write its content or remove it`, locate(path), { severity: 'warning' }));
    const part = (key: string, content: string[]) => {
      const value = notes[key];
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        const v = value as Record<string, unknown>;
        if (!content.some((c) => filled(v[c]))) warn([key], `The ${quote(typeof v.title === 'string' ? v.title : key)} section`);
      }
    };
    part('highlights', ['intro', 'themes', 'participation']);
    part('practices', ['intro', 'topics']);
    part('nextSteps', ['intro', 'groups']);
    part('upcoming', ['items']);
    part('resources', ['items', 'note']);
    asArray(asObject(notes.highlights).themes).forEach((theme, i) => {
      const t = asObject(theme);
      if (!filled(t.text) && !filled(t.images) && !filled(t.links)) warn(['highlights', 'themes', i], `The theme ${quote(t.title)}`);
    });
    asArray(asObject(notes.practices).topics).forEach((topic, i) => {
      if (!filled(asObject(topic).practices)) warn(['practices', 'topics', i], `The topic ${quote(asObject(topic).title)}`);
    });
    asArray(asObject(notes.nextSteps).groups).forEach((group, i) => {
      if (!filled(asObject(group).items) && !filled(asObject(group).intro)) warn(['nextSteps', 'groups', i], `The group ${quote(asObject(group).title)}`);
    });
    asArray(notes.sections).forEach((section, i) => {
      if (!filled(asObject(section).body)) warn(['sections', i], `The section ${quote(asObject(section).title)}`);
    });
    return out;
  },
};
