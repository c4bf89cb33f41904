/**
 * A new notes file with every section and short guidance, for `report init`.
 * Every `TODO` is a placeholder; validation warns about each one left.
 */
export function scaffoldNotes(format: 'markdown' | 'yaml', today: string): string {
  // The event's facts: the whole of the front matter, or the top of YAML notes.
  const facts = `title: "TODO: title of the event"
subtitle: "TODO: e.g. An Interreg Europe Policy Learning Platform event"
series: Interreg Europe Policy Learning Platform
kind: Thematic workshop
date: ${today}              # YYYY-MM-DD; add endDate for events of several days
place: { city: "TODO: city", country: "TODO: country" }   # or online: true
url: https://www.interregeurope.eu/
website: https://www.interregeurope.eu/policylearning
language: en                  # labels, dates and hyphenation follow it
organisers:
  - { name: "TODO: organiser", role: organiser }
`;
  if (format === 'yaml') {
    return `# yaml-language-server: $schema=https://report.tools/schemas/1.0/event.schema.json
# Event report notes. Replace every TODO, then run: report build <this file>
${facts}summary: >-
  TODO: two or three sentences on what the event was about and who took part.
highlights:
  title: Highlights
  intro: >-
    TODO: the main messages of the day.
  themes:
    - title: "TODO: first theme"
      text: >-
        TODO: what was said. Write speakers' names in bold, e.g. **Jane Doe**, Policy Officer at Example Agency.
  participation: >-
    TODO: who took part.
practices:
  title: Good practices and examples from projects
  intro: >-
    TODO: one sentence introducing the practices.
  topics:
    - title: "TODO: topic"
      practices:
        - project: "TODO: PROJECT"
          title: "TODO: practice title"
          country: "TODO: country"
          figures: ["TODO: 61 civil servants trained"]
          description: >-
            TODO: what the practice is; the presenter in bold, e.g. **Jane Doe** from Example Region.
nextSteps:
  title: Next steps
  intro: >-
    TODO: how the recommendations came about.
  groups:
    - title: "TODO: first group of recommendations"
      items:
        - "TODO: a recommendation"
upcoming:
  title: Upcoming activities
  items:
    - { kind: Thematic workshop, title: "TODO: next activity" }
resources:
  title: Resources
  items:
    - { title: "TODO: a publication", url: "https://www.interregeurope.eu/" }
contacts:
  - { name: "TODO: contact name", email: "todo@example.org" }
`;
  }
  return `---
# yaml-language-server: $schema=https://report.tools/schemas/1.0/event.schema.json
${facts}---

<!-- Replace every TODO, then run: report build <this file>. Headings name the parts of the report. -->

## Summary

TODO: two or three sentences on what the event was about and who took part.

## 1. Highlights

TODO: the main messages of the day.

### TODO: first theme

TODO: what was said. Write speakers' names in bold, e.g. **Jane Doe**, Policy Officer at Example Agency.

### Participation

TODO: who took part.

## 2. Good practices and examples from projects

TODO: one sentence introducing the practices.

### TODO: topic

#### TODO: PROJECT – practice title

Country: TODO: country
Figures:
- TODO: 61 civil servants trained

TODO: what the practice is; the presenter in bold, e.g. **Jane Doe** from Example Region.

## 3. Next steps

TODO: how the recommendations came about.

### A) TODO: first group of recommendations

- TODO: a recommendation

### Upcoming activities

- Thematic workshop: TODO: next activity

### Resources

- [TODO: a publication](https://www.interregeurope.eu/)

## Contacts

- TODO: contact name <todo@example.org>
`;
}
