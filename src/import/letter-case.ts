/**
 * Headings a template sets in capitals (`text-transform: uppercase`: a PDF holds `GOOD PRACTICES`) get their
 * words' case back from the report's own text: each word as the body writes it most often (`AI`, `for`), a word
 * the body only writes longer as that word's start (`EDIH` from `EDIHs`), else in lower case; the first word
 * starts with a capital. A heading the PDF's bookmarks hold as written (`report` writes them so) is taken from
 * there instead.
 */
const WORD = /[\p{L}][\p{L}\p{N}'’-]*/gu;

export class LetterCase {
  private readonly counts = new Map<string, Map<string, number>>();
  /** Headings as the report wrote them (a PDF's bookmarks), by their capitals. */
  private readonly written = new Map<string, string>();

  /** Headings as written, where the PDF keeps them: a heading in capitals that is one of them takes its case. */
  know(headings: readonly string[]): void {
    for (const heading of headings) {
      const key = heading.toUpperCase();
      if (key !== heading && !this.written.has(key)) this.written.set(key, heading);
    }
  }

  /** Learn how the body writes its words. */
  learn(text: string): void {
    for (const [word] of text.matchAll(WORD)) {
      if (word.length > 1 && word === word.toUpperCase() && word.length > 5) continue; // a shouted word says nothing
      const key = word.toLowerCase();
      const forms = this.counts.get(key) ?? this.counts.set(key, new Map()).get(key)!;
      forms.set(word, (forms.get(word) ?? 0) + 1);
    }
  }

  /** A heading in capitals with its words' case back; any other heading as it is. */
  restore(heading: string): string {
    if (!/\p{Lu}/u.test(heading) || heading !== heading.toUpperCase()) return heading;
    const written = this.written.get(heading.replace(/\s+/gu, ' ').trim());
    if (written) return written;
    let first = true;
    return heading.replace(WORD, (word) => {
      let out = this.formOf(word);
      if (first) out = out.charAt(0).toUpperCase() + out.slice(1);
      first = false;
      return out;
    });
  }

  private formOf(word: string): string {
    const key = word.toLowerCase();
    const forms = this.counts.get(key);
    if (forms) return [...forms].sort((a, b) => b[1] - a[1])[0]![0];
    if (key.length >= 3) {
      for (const [longer, found] of this.counts) {
        if (!longer.startsWith(key)) continue;
        const form = [...found].sort((a, b) => b[1] - a[1])[0]![0].slice(0, word.length);
        if (form === form.toUpperCase()) return form;
      }
    }
    return key;
  }
}
