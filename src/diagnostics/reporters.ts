/**
 * Reporting is a pure function from files (with their messages) to text. File names, messages and notes carry
 * text from the notes: every format prints them through `printable` (src/diagnostics/printable-text.ts).
 */
import type { Diagnostic } from './message.js';
import { printable, printableJson, xmlText as xml } from './printable-text.js';
import { sortMessages, type SourceFile } from './source-file.js';

export type ReportFormat = 'stylish' | 'json' | 'github' | 'junit';
export const REPORT_FORMATS: readonly ReportFormat[] = ['stylish', 'json', 'github', 'junit'];

export interface Colours {
  red: (s: string) => string;
  yellow: (s: string) => string;
  blue: (s: string) => string;
  dim: (s: string) => string;
  bold: (s: string) => string;
  green: (s: string) => string;
}

export const NO_COLOURS: Colours = { red: (s) => s, yellow: (s) => s, blue: (s) => s, dim: (s) => s, bold: (s) => s, green: (s) => s };

export interface ReportOptions {
  colours?: Colours;
  /** Only errors. */
  quiet?: boolean;
  /** Warnings fail too (`--strict`): formats that record pass/fail count them as failures. */
  strict?: boolean;
}

function visible(file: SourceFile, options: ReportOptions): Diagnostic[] {
  const messages = sortMessages(file.messages);
  return options.quiet ? messages.filter((m) => m.severity === 'error') : messages;
}

/** `path:line:column severity message [rule]`, one line each, then a count. */
export function formatStylish(files: readonly SourceFile[], options: ReportOptions = {}): string {
  const c = options.colours ?? NO_COLOURS;
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const file of files) {
    for (const m of visible(file, options)) {
      if (m.severity === 'error') errors++;
      else if (m.severity === 'warning') warnings++;
      const path = printable(m.file ?? file.displayPath);
      const where = m.place ? `${path}:${m.place.start.line}:${m.place.start.column}` : path;
      const severity = m.severity === 'error' ? c.red('error') : m.severity === 'warning' ? c.yellow('warning') : c.blue('info');
      lines.push(`${c.bold(where)} ${severity} ${printable(m.reason)} ${c.dim(`[${printable(m.ruleId)}]`)}`);
      if (m.note) lines.push(`  ${c.dim('note:')} ${printable(m.note)}`);
    }
  }
  if (errors + warnings > 0) {
    const parts = [`${errors} error${errors === 1 ? '' : 's'}`, `${warnings} warning${warnings === 1 ? '' : 's'}`];
    lines.push((errors ? c.red : c.yellow)(`${errors + warnings} problem${errors + warnings === 1 ? '' : 's'} (${parts.join(', ')})`));
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

export function formatJson(files: readonly SourceFile[], options: ReportOptions = {}): string {
  return printableJson(
    JSON.stringify(
      files.map((file) => ({
        path: file.displayPath,
        errorCount: file.messages.filter((m) => m.severity === 'error').length,
        warningCount: file.messages.filter((m) => m.severity === 'warning').length,
        messages: visible(file, options).map(toJsonMessage),
      })),
      null,
      2,
    ) + '\n',
  );
}

export function toJsonMessage(m: Diagnostic) {
  return {
    ruleId: m.ruleId,
    severity: m.severity,
    message: m.reason,
    ...(m.file !== undefined ? { file: m.file } : {}),
    ...(m.note ? { note: m.note } : {}),
    ...(m.place
      ? {
          line: m.place.start.line,
          column: m.place.start.column,
          ...(m.place.end ? { endLine: m.place.end.line, endColumn: m.place.end.column } : {}),
        }
      : {}),
    ...(m.fatal ? { fatal: true } : {}),
  };
}

const escapeData = (s: string) => printable(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions workflow commands: each message becomes an annotation on its line. */
export function formatGithub(files: readonly SourceFile[], options: ReportOptions = {}): string {
  const lines: string[] = [];
  for (const file of files) {
    for (const m of visible(file, options)) {
      const command = m.severity === 'error' ? 'error' : m.severity === 'warning' ? 'warning' : 'notice';
      const props = [`file=${escapeProperty(m.file ?? file.displayPath)}`];
      if (m.place) {
        props.push(`line=${m.place.start.line}`, `col=${m.place.start.column}`);
        if (m.place.end) props.push(`endLine=${m.place.end.line}`, `endColumn=${m.place.end.column}`);
      }
      props.push(`title=${escapeProperty(m.ruleId)}`);
      lines.push(`::${command} ${props.join(',')}::${escapeData(m.reason + (m.note ? ` (${m.note})` : ''))}`);
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

/** JUnit XML: a test case per file, a failure per error. */
export function formatJunit(files: readonly SourceFile[], options: ReportOptions = {}): string {
  const failing = (m: Diagnostic) => m.severity === 'error' || (options.strict === true && m.severity === 'warning');
  const failures = files.filter((f) => f.messages.some(failing)).length;
  const out = [`<?xml version="1.0" encoding="UTF-8"?>`, `<testsuites name="report" tests="${files.length}" failures="${failures}">`];
  out.push(`  <testsuite name="report validate" tests="${files.length}" failures="${failures}" errors="0">`);
  for (const file of files) {
    const messages = visible(file, options);
    const errors = messages.filter(failing);
    out.push(`    <testcase classname="notes" name="${xml(file.displayPath)}">`);
    for (const m of errors) {
      const where = m.place ? `${m.file ?? file.displayPath}:${m.place.start.line}:${m.place.start.column}` : (m.file ?? file.displayPath);
      out.push(`      <failure type="${xml(m.ruleId)}" message="${xml(m.reason)}">${xml(`${where} ${m.reason}${m.note ? ` (${m.note})` : ''}`)}</failure>`);
    }
    const others = messages.filter((m) => !failing(m));
    if (others.length) {
      out.push(`      <system-out>${others.map((m) => xml(`${m.file !== undefined ? `${m.file}:` : ''}${m.place ? `${m.place.start.line}:${m.place.start.column} ` : ''}${m.severity} ${m.reason} [${m.ruleId}]`)).join('\n')}</system-out>`);
    }
    out.push(`    </testcase>`);
  }
  out.push(`  </testsuite>`, `</testsuites>`);
  return out.join('\n') + '\n';
}

export function formatReport(format: ReportFormat, files: readonly SourceFile[], options: ReportOptions = {}): string {
  switch (format) {
    case 'json':
      return formatJson(files, options);
    case 'github':
      return formatGithub(files, options);
    case 'junit':
      return formatJunit(files, options);
    default:
      return formatStylish(files, options);
  }
}
