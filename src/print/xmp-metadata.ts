/**
 * The XMP metadata packet PDF/UA-1 and PDF/A-2 ask for: title, language,
 * creator, description and keywords matching the Info dictionary entry for
 * entry (PDF/A-2, 6.6.3), the PDF/UA and PDF/A identification, and the
 * PDF/A extension schema that declares the `pdfuaid` namespace.
 */
import { escapeHtml } from '../escape-html.js';

export interface XmpFields {
  title: string;
  language?: string;
  /** One entry: the Info dictionary's Author, as written there. */
  author?: string;
  description?: string;
  keywords?: string;
  creatorTool: string;
  producer?: string;
  /** ISO 8601, e.g. `2024-06-05T10:00:00+00:00`. */
  created?: string;
  modified?: string;
  /** `pdfaid` part and conformance; absent for PDF/UA alone. */
  pdfa?: { part: 2; conformance: 'B' };
}

/** Escapes for XML text (the one escaper, `src/escape-html.ts`), dropping characters XML 1.0 cannot hold and writing bidi controls as references. */
export function xmlText(value: string): string {
  const valid = value
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
  return escapeHtml(valid).replace(/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g, (c) => `&#x${c.charCodeAt(0).toString(16)};`);
}

const alt = (value: string, language = 'x-default') => `<rdf:Alt><rdf:li xml:lang="${xmlText(language)}">${xmlText(value)}</rdf:li></rdf:Alt>`;

export function xmpPacket(fields: XmpFields): string {
  const dc = [
    `<dc:format>application/pdf</dc:format>`,
    `<dc:title>${alt(fields.title)}</dc:title>`,
    fields.language ? `<dc:language><rdf:Bag><rdf:li>${xmlText(fields.language)}</rdf:li></rdf:Bag></dc:language>` : '',
    fields.author ? `<dc:creator><rdf:Seq><rdf:li>${xmlText(fields.author)}</rdf:li></rdf:Seq></dc:creator>` : '',
    fields.description ? `<dc:description>${alt(fields.description)}</dc:description>` : '',
  ];
  const xmp = [
    `<xmp:CreatorTool>${xmlText(fields.creatorTool)}</xmp:CreatorTool>`,
    fields.created ? `<xmp:CreateDate>${fields.created}</xmp:CreateDate>` : '',
    fields.modified ? `<xmp:ModifyDate>${fields.modified}</xmp:ModifyDate>` : '',
    fields.modified ? `<xmp:MetadataDate>${fields.modified}</xmp:MetadataDate>` : '',
  ];
  const pdf = [fields.producer ? `<pdf:Producer>${xmlText(fields.producer)}</pdf:Producer>` : '', fields.keywords ? `<pdf:Keywords>${xmlText(fields.keywords)}</pdf:Keywords>` : ''];
  const body = [
    `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">${dc.join('')}</rdf:Description>`,
    `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">${xmp.join('')}</rdf:Description>`,
    `<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">${pdf.join('')}</rdf:Description>`,
    `<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"><pdfuaid:part>1</pdfuaid:part></rdf:Description>`,
    fields.pdfa
      ? `<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"><pdfaid:part>${fields.pdfa.part}</pdfaid:part><pdfaid:conformance>${fields.pdfa.conformance}</pdfaid:conformance></rdf:Description>`
      : '',
    PDFUA_EXTENSION_SCHEMA,
  ];
  return (
    `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n` +
    `<x:xmpmeta xmlns:x="adobe:ns:meta/">\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n` +
    body.filter(Boolean).join('\n') +
    `\n</rdf:RDF>\n</x:xmpmeta>\n` +
    // Room to edit the packet in place, as XMP suggests.
    `${' '.repeat(99)}\n`.repeat(20) +
    `<?xpacket end="w"?>`
  );
}

/** PDF/A (ISO 19005-2, 6.6.2.3) wants every namespace outside its predefined set described: here `pdfuaid`. */
const PDFUA_EXTENSION_SCHEMA =
  '<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">' +
  '<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">' +
  '<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>' +
  '<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>' +
  '<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>' +
  '<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">' +
  '<pdfaProperty:name>part</pdfaProperty:name><pdfaProperty:valueType>Integer</pdfaProperty:valueType>' +
  '<pdfaProperty:category>internal</pdfaProperty:category>' +
  '<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>' +
  '</rdf:li></rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>';

/** `D:20240605100000+02'00'` -> `2024-06-05T10:00:00+02:00`. */
export function isoDate(pdfDate: string | undefined): string | undefined {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/.exec(pdfDate ?? '');
  if (!m) return undefined;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', zone] = m;
  const tz = !zone || zone === 'Z' ? '+00:00' : `${zone.slice(0, 3)}:${zone.replace(/'/g, '').slice(3, 5)}`;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${tz}`;
}
