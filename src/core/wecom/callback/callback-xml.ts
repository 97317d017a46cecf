import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import { CallbackRejection } from './callback-rejection';

/** Elements WeCom repeats; forced to arrays so one child and many look the same. */
const REPEATED = new Set(['SelectedItem', 'OptionId', 'item']);

const parser = new XMLParser({
  parseTagValue: false,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  // No entity is ever expanded, not even the predefined ones: WeCom sends text in CDATA.
  processEntities: false,
  isArray: (name) => REPEATED.has(name),
});

/**
 * Parses one decrypted WeCom XML document into a plain object, every leaf a string. Refuses
 * DOCTYPE, ENTITY and any other `<!` declaration wherever it stands (WeCom never sends them; they
 * are how XXE and entity bombs arrive), and expands no entity.
 */
export function parseWecomXml(raw: string): Record<string, unknown> {
  // NUL cannot be stored in PostgreSQL text; it carries no meaning in a chat message.
  const xml = raw.includes('\u0000') ? raw.replaceAll('\u0000', '') : raw;
  refuseDeclarations(xml);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new CallbackRejection('malformed_xml', `${valid.err.code} at line ${valid.err.line}`);
  }
  let parsed: unknown;
  try {
    parsed = parser.parse(xml);
  } catch (error) {
    // e.g. reserved tag names or nesting beyond the parser's limit.
    throw new CallbackRejection('malformed_xml', `parser refused: ${(error as Error).message.slice(0, 120)}`);
  }
  const doc = z.object({ xml: z.record(z.string(), z.unknown()) }).safeParse(parsed);
  if (!doc.success) throw new CallbackRejection('malformed_xml', 'root element <xml> with children expected');
  return doc.data.xml;
}

/**
 * Walks the markup once, in document order, as an XML parser reads it: CDATA sections, comments
 * and processing instructions are skipped whole (text inside CDATA is data: a resident may paste
 * "<!DOCTYPE html>"), and any other `<!` is a declaration and refused. Reading the sections in
 * order is what a regex stripping CDATA got wrong: a comment holding `<![CDATA[` hid a DOCTYPE.
 */
export function refuseDeclarations(xml: string): void {
  let at = xml.indexOf('<');
  while (at >= 0) {
    let next: number;
    if (xml.startsWith('<![CDATA[', at)) next = endOf(xml, at + 9, ']]>', 'CDATA section');
    else if (xml.startsWith('<!--', at)) next = endOf(xml, at + 4, '-->', 'comment');
    else if (xml.startsWith('<?', at)) next = endOf(xml, at + 2, '?>', 'processing instruction');
    else if (xml.startsWith('<!', at)) {
      throw new CallbackRejection('malformed_xml', 'DOCTYPE/ENTITY declarations are not accepted');
    } else next = at + 1;
    at = xml.indexOf('<', next);
  }
}

function endOf(xml: string, from: number, terminator: string, what: string): number {
  const end = xml.indexOf(terminator, from);
  if (end < 0) throw new CallbackRejection('malformed_xml', `unterminated ${what}`);
  return end + terminator.length;
}
