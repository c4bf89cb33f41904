/**
 * The report's parts written in short forms: highlights as a list of themes
 * (or themes by title), practices as one list with a `topic` (or topics by
 * title), next steps as a list (or groups by title), upcoming activities and
 * resources as their lists.
 */
import { quote } from '../../diagnostics/message.js';
import { labelPack } from '../../i18n/locales.js';
import type { Canonicaliser } from './canonicaliser.js';
import { resolveKey } from './keys.js';
import type { NotesPath } from './rewrite.js';
import { canonName, FILL_DOCS, isMapping, type Json } from './wording.js';

/** A part written as its list (`resources: [ … ]`) or as its mapping. */
export function section(ctx: Canonicaliser, value: unknown, orig: NotesPath, canon: NotesPath, context: 'upcoming' | 'resources', item: (v: unknown, o: NotesPath, c: NotesPath) => unknown): unknown {
  if (Array.isArray(value) || typeof value === 'string') {
    const items = ctx.quietly(() => ctx.list(value, orig, [...canon, 'items'], 0, item, false));
    ctx.map([...canon, 'items'], orig);
    ctx.info('short-form', `${quote(canonName(canon))} written as a list: read as its \`items\``, orig, 'value', `Write \`items:\` under ${quote(canonName(canon))}, ${FILL_DOCS}`);
    ctx.set(orig, value, { items }, 'short-form');
    return { items };
  }
  if (!isMapping(value)) return value;
  return ctx.mapping(context, value, orig, canon, (key, v, o, c, _m, off) => (key === 'items' ? ctx.list(v, o, c, off, item) : key === 'note' ? ctx.text(v, o) : v));
}

export function highlights(ctx: Canonicaliser, value: unknown, orig: NotesPath, canon: NotesPath): unknown {
  const theme = (v: unknown, o: NotesPath, c: NotesPath) => ctx.theme(v, o, c);
  if (Array.isArray(value)) {
    const themes = ctx.quietly(() => ctx.list(value, orig, [...canon, 'themes'], 0, theme));
    ctx.map([...canon, 'themes'], orig);
    ctx.info('short-form', '`highlights` written as a list: read as its `themes`', orig, 'value', `Write \`themes:\` under \`highlights\`, ${FILL_DOCS}`);
    ctx.set(orig, value, { themes }, 'short-form');
    return { themes };
  }
  if (!isMapping(value)) return value;
  if (Object.keys(value).length > 0 && Object.keys(value).every((k) => !resolveKey('highlights', k))) {
    // `highlights: { Interoperability: text, GovTech: text }`: themes by title.
    const themes = ctx.quietly(() =>
      Object.entries(value).map(([title, text], i) => {
        ctx.map([...canon, 'themes', i], [...orig, title]);
        ctx.map([...canon, 'themes', i, 'title'], [...orig, title]);
        if (isMapping(text)) return { title, ...(ctx.theme(text, [...orig, title], [...canon, 'themes', i]) as Json) };
        return { title, ...(typeof text === 'string' ? { text } : {}) };
      }),
    );
    ctx.info('short-form', '`highlights` written as themes by title: read as its `themes`', orig, 'value', `Write \`themes:\` with \`title:\` and \`text:\`, ${FILL_DOCS}`);
    ctx.set(orig, value, { themes }, 'short-form');
    return { themes };
  }
  return ctx.mapping('highlights', value, orig, canon, (key, v, o, c, _m, off) => (key === 'themes' ? ctx.list(v, o, c, off, theme) : key === 'intro' || key === 'participation' ? ctx.text(v, o) : v));
}

export function practices(ctx: Canonicaliser, value: unknown, orig: NotesPath, canon: NotesPath): unknown {
  if (Array.isArray(value)) {
    const out = ctx.quietly(() => ({ topics: flatPractices(ctx, value, orig, [...canon, 'topics']) }));
    ctx.info('short-form', '`practices` written as one list: grouped into `topics` by their `topic`', orig, 'value', `Write \`topics:\`, each with its \`practices\`, ${FILL_DOCS}`);
    ctx.set(orig, value, out, 'short-form');
    return out;
  }
  if (!isMapping(value)) return value;
  if (Object.keys(value).length > 0 && Object.keys(value).every((k) => !resolveKey('practices', k))) {
    // `practices: { Topic A: [ … ], Topic B: [ … ] }`: topics by title.
    const topics = ctx.quietly(() =>
      Object.entries(value).map(([title, list], i) => {
        ctx.map([...canon, 'topics', i], [...orig, title]);
        ctx.map([...canon, 'topics', i, 'title'], [...orig, title]);
        return { title, practices: ctx.list(list, [...orig, title], [...canon, 'topics', i, 'practices'], 0, (v, o, c) => ctx.practice(v, o, c)) };
      }),
    );
    ctx.info('short-form', '`practices` written as topics by title: read as its `topics`', orig, 'value', `Write \`topics:\`, each with \`title:\` and \`practices:\`, ${FILL_DOCS}`);
    ctx.set(orig, value, { topics }, 'short-form');
    return { topics };
  }
  return ctx.mapping('practices', value, orig, canon, (key, v, o, c) => {
    if (key === 'intro') return ctx.text(v, o);
    if (key !== 'topics') return v;
    const looksFlat = Array.isArray(v) && v.some((t) => isMapping(t) && !Object.keys(t).some((k) => resolveKey('topic', k)?.key === 'practices') && Object.keys(t).some((k) => ['project', 'presenter', 'description', 'topic', 'figures', 'country', 'region'].includes(resolveKey('practice', k)?.key ?? '')));
    if (looksFlat) {
      const topics = ctx.quietly(() => flatPractices(ctx, v as unknown[], o, c));
      ctx.info('short-form', '`practices` written as one list: grouped into `topics` by their `topic`', o, 'value', `Write \`topics:\`, each with its \`practices\`, ${FILL_DOCS}`);
      ctx.set(o, v, topics, 'short-form');
      return topics;
    }
    return ctx.list(v, o, c, 0, (t, to, tc) => (isMapping(t) ? ctx.mapping('topic', t, to, tc, (k, pv, po, pc, _m, off) => (k === 'practices' ? ctx.list(pv, po, pc, off, (p, pp, pcc) => ctx.practice(p, pp, pcc)) : pv)) : t), false);
  });
}

/** Practices each naming their `topic`, grouped into topics in the order the topics first appear. */
function flatPractices(ctx: Canonicaliser, list: unknown[], orig: NotesPath, canon: NotesPath): Json[] {
  const topics: { title: string; practices: unknown[] }[] = [];
  let current: { title: string; practices: unknown[] } | undefined;
  list.forEach((item, i) => {
    let title: string | undefined;
    let titleKey: string | undefined;
    if (isMapping(item)) {
      for (const [k, v] of Object.entries(item)) {
        if (resolveKey('practice', k)?.key === 'topic' && typeof v === 'string' && v.trim()) [title, titleKey] = [v.trim(), k];
      }
    }
    // A practice naming no topic stays with the one before it.
    if (title !== undefined) current = topics.find((t) => t.title === title);
    if (!current) {
      current = { title: title ?? labelPack(ctx.language).labels.practices ?? 'Good practices', practices: [] };
      topics.push(current);
      ctx.map([...canon, topics.length - 1], [...orig, i]);
      ctx.map([...canon, topics.length - 1, 'title'], titleKey ? [...orig, i, titleKey] : [...orig, i]);
    }
    const at = [...canon, topics.indexOf(current), 'practices', current.practices.length];
    ctx.map(at, [...orig, i]);
    const practice = ctx.practice(item, [...orig, i], at);
    if (isMapping(practice) && Object.hasOwn(practice, 'topic') && title !== undefined) {
      const { topic: _topic, ...rest } = practice;
      current.practices.push(rest);
    } else current.practices.push(practice);
  });
  return topics;
}

export function nextSteps(ctx: Canonicaliser, value: unknown, orig: NotesPath, canon: NotesPath): unknown {
  const items = (v: unknown, o: NotesPath, c: NotesPath) => ctx.list(v, o, c, 0, (x) => x, false);
  if (Array.isArray(value)) {
    const groupsGiven = value.every(isMapping);
    const groups = ctx.quietly(() =>
      groupsGiven
        ? (ctx.list(value, orig, [...canon, 'groups'], 0, (g, o, c) => group(ctx, g, o, c)) as unknown[])
        : [{ title: labelPack(ctx.language).labels.recommendations ?? 'Recommendations', items: items(value, orig, [...canon, 'groups', 0, 'items']) }],
    );
    if (groupsGiven) ctx.map([...canon, 'groups'], orig);
    else ctx.map([...canon, 'groups', 0], orig);
    ctx.info('short-form', groupsGiven ? '`nextSteps` written as a list of groups: read as its `groups`' : '`nextSteps` written as a list: read as one group of recommendations', orig, 'value', `Write \`groups:\`, each with \`title:\` and \`items:\`, ${FILL_DOCS}`);
    ctx.set(orig, value, { groups }, 'short-form');
    return { groups };
  }
  if (!isMapping(value)) return value;
  if (Object.keys(value).length > 0 && Object.keys(value).every((k) => !resolveKey('nextSteps', k))) {
    const groups = ctx.quietly(() =>
      Object.entries(value).map(([title, list], i) => {
        ctx.map([...canon, 'groups', i], [...orig, title]);
        ctx.map([...canon, 'groups', i, 'title'], [...orig, title]);
        return { title, items: items(list, [...orig, title], [...canon, 'groups', i, 'items']) };
      }),
    );
    ctx.info('short-form', '`nextSteps` written as groups by title: read as its `groups`', orig, 'value', `Write \`groups:\`, each with \`title:\` and \`items:\`, ${FILL_DOCS}`);
    ctx.set(orig, value, { groups }, 'short-form');
    return { groups };
  }
  return ctx.mapping('nextSteps', value, orig, canon, (key, v, o, c, _m, off) => (key === 'groups' ? ctx.list(v, o, c, off, (g, go, gc) => group(ctx, g, go, gc), false) : key === 'intro' ? ctx.text(v, o) : v));
}

export function group(ctx: Canonicaliser, value: unknown, orig: NotesPath, canon: NotesPath): unknown {
  if (!isMapping(value)) return value;
  return ctx.mapping('group', value, orig, canon, (key, v, o, c, _m, off) => (key === 'items' ? ctx.list(v, o, c, off, (x) => x, false) : key === 'intro' ? ctx.text(v, o) : v));
}
