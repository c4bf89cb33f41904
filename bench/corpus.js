/**
 * A realistic, reproducible corpus of notes files for the benchmark: varied
 * lengths, several languages and scripts, Markdown and YAML, some free sections.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Small seeded PRNG (mulberry32), so every run measures the same corpus. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LANGUAGES = {
  en: {
    headings: ['Highlights', 'Good practices and examples from projects', 'Next steps', 'Contacts'],
    words: 'regional policy digital transformation public services innovation cooperation partners citizens data skills funding strategy territories interregional learning'.split(' '),
    cities: [['Vilnius', 'Lithuania'], ['Brussels', 'Belgium'], ['Lille', 'France'], ['Valencia', 'Spain']],
  },
  fr: {
    headings: ['Faits marquants', 'Bonnes pratiques', 'Prochaines étapes', 'Contacts'],
    words: 'politique régionale transformation numérique services publics innovation coopération partenaires citoyens données compétences financement stratégie territoires'.split(' '),
    cities: [['Lille', 'France'], ['Liège', 'Belgique']],
  },
  lt: {
    headings: ['Svarbiausi akcentai', 'Gerosios praktikos', 'Tolesni žingsniai', 'Kontaktai'],
    words: 'regioninė politika skaitmeninė transformacija viešosios paslaugos inovacijos bendradarbiavimas partneriai piliečiai duomenys įgūdžiai finansavimas strategija'.split(' '),
    cities: [['Vilnius', 'Lietuva'], ['Kaunas', 'Lietuva']],
  },
  pl: {
    headings: ['Najważniejsze informacje', 'Dobre praktyki', 'Następne kroki', 'Kontakty'],
    words: 'polityka regionalna transformacja cyfrowa usługi publiczne innowacje współpraca partnerzy obywatele dane umiejętności finansowanie strategia'.split(' '),
    cities: [['Kraków', 'Polska'], ['Łódź', 'Polska']],
  },
  el: {
    headings: ['Highlights', 'Good practices', 'Next steps', 'Contacts'],
    words: 'περιφερειακή πολιτική ψηφιακός μετασχηματισμός δημόσιες υπηρεσίες καινοτομία συνεργασία εταίροι πολίτες δεδομένα δεξιότητες χρηματοδότηση'.split(' '),
    cities: [['Θεσσαλονίκη', 'Ελλάδα']],
  },
  bg: {
    headings: ['Highlights', 'Good practices', 'Next steps', 'Contacts'],
    words: 'регионална политика цифрова трансформация обществени услуги иновации сътрудничество партньори граждани данни умения финансиране стратегия'.split(' '),
    cities: [['София', 'България'], ['Пловдив', 'България']],
  },
};

const NAMES = ['Alina Brenebel', 'Marina Manzoni', 'Margaret Quinn', 'Silvana Perazzo', 'Roberto Sandrini', 'Álvaro Gil', 'Kamila Gasinska', 'Jonas Petraitis', 'Zofia Nowak', 'Eleni Papadopoulou'];
const ORGS = ['Joint Research Centre', 'Veneto Region', 'Galicia Innovation Agency', 'City of Genoa', 'Lithuanian Innovation Centre'];

function sentence(rnd, words, min = 8, max = 22) {
  const n = min + Math.floor(rnd() * (max - min));
  const out = [];
  for (let i = 0; i < n; i++) out.push(words[Math.floor(rnd() * words.length)]);
  const s = out.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1) + '.';
}
const paragraph = (rnd, words, sentences) => Array.from({ length: sentences }, () => sentence(rnd, words)).join(' ');

function noteFor(index, rnd) {
  const codes = Object.keys(LANGUAGES);
  const lang = codes[index % codes.length];
  const L = LANGUAGES[lang];
  const [city, country] = L.cities[index % L.cities.length];
  const size = rnd() < 0.2 ? 3 : rnd() < 0.5 ? 2 : 1; // varied lengths
  const day = String(1 + (index % 28)).padStart(2, '0');
  const month = String(1 + (index % 12)).padStart(2, '0');
  const year = 2016 + (index % 9);
  const title = `${sentence(rnd, L.words, 3, 6).replace(/\.$/, '')} ${index + 1}`;
  const lines = [
    '---',
    `title: "${title}"`,
    `subtitle: An Interreg Europe Policy Learning Platform event`,
    `kind: Thematic workshop`,
    `date: ${year}-${month}-${day}`,
    `place: { city: "${city}", country: "${country}" }`,
    `url: https://www.interregeurope.eu/event/${index + 1}`,
    `website: https://www.interregeurope.eu/policylearning`,
    `language: ${lang}`,
    `organisers:`,
    `  - { name: Interreg Europe, role: organiser }`,
    '---',
    '',
    '## Summary',
    '',
    paragraph(rnd, L.words, 3),
    '',
    `## 1. ${L.headings[0]}`,
    '',
    paragraph(rnd, L.words, 4),
    '',
  ];
  const themes = 2 + Math.floor(rnd() * 3) * size;
  for (let t = 0; t < themes; t++) {
    const name = NAMES[(index + t) % NAMES.length];
    lines.push(`### ${sentence(rnd, L.words, 2, 4).replace(/\.$/, '')}`, '', `**${name}** from ${ORGS[(index + t) % ORGS.length]} ${paragraph(rnd, L.words, 3 + size)}`, '');
  }
  lines.push(`## 2. ${L.headings[1]}`, '', paragraph(rnd, L.words, 2), '');
  const topics = 1 + Math.floor(rnd() * 3) * size;
  for (let t = 0; t < topics; t++) {
    lines.push(`### ${sentence(rnd, L.words, 3, 6).replace(/\.$/, '')}`, '');
    lines.push(`#### PRJ${index}${t} – ${sentence(rnd, L.words, 3, 6).replace(/\.$/, '')}`, '', `Country: ${country}`, 'Figures:', `- ${10 + t * 7} ${L.words[t % L.words.length]} ${L.words[(t + 3) % L.words.length]}`, '');
    lines.push(`**${NAMES[(index + t + 3) % NAMES.length]}**, from ${ORGS[t % ORGS.length]}, ${paragraph(rnd, L.words, 3 + size)}`, '');
  }
  lines.push(`## 3. ${L.headings[2]}`, '', paragraph(rnd, L.words, 2), '');
  const groups = 1 + Math.floor(rnd() * 2) * size;
  for (let g = 0; g < groups; g++) {
    lines.push(`### ${String.fromCharCode(65 + g)}) ${sentence(rnd, L.words, 3, 6).replace(/\.$/, '')}`, '');
    for (let i = 0; i < 3 + size * 2; i++) lines.push(`- ${sentence(rnd, L.words, 8, 18)}`);
    lines.push('');
  }
  if (index % 7 === 0) lines.push('## Site visit', '', paragraph(rnd, L.words, 3), '');
  lines.push(`## ${L.headings[3]}`, '', `- ${NAMES[index % NAMES.length]} <contact${index}@example.eu>`, '');
  return lines.join('\n');
}

export function generateCorpus(dir, count, seed = 42) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const rnd = random(seed);
  const files = [];
  for (let i = 0; i < count; i++) {
    const sub = join(dir, String(2016 + (i % 9)));
    mkdirSync(sub, { recursive: true });
    const file = join(sub, `event-${String(i + 1).padStart(4, '0')}.md`);
    writeFileSync(file, noteFor(i, rnd));
    files.push(file);
  }
  return files;
}
