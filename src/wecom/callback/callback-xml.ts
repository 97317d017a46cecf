import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import { CallbackRejection } from './callback-rejection';

/** Elements WeCom repeats; forced to arrays so one child and many look the same. */
const REPEATED = new Set(['SelectedItem', 'OptionId', 'item']);

const parser = new XMLParser({
  parseTagValue: false,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  isArray: (name) => REPEATED.has(name),
});

/**
 * Parses one WeCom XML document into a plain object, every leaf a string. Refuses DOCTYPE and
 * entity declarations outright (WeCom never sends them; they are how XXE and entity bombs arrive).
 */
export function parseWecomXml(raw: string): Record<string, unknown> {
  // NUL cannot be stored in PostgreSQL text; it carries no meaning in a chat message.
  const xml = raw.includes('\u0000') ? raw.replaceAll('\u0000', '') : raw;
  // Text inside CDATA is data (a resident may paste "<!DOCTYPE html>"); only markup counts.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, ''))) {
    throw new CallbackRejection('malformed_xml', 'DOCTYPE/ENTITY declarations are not accepted');
  }
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

const envelopeSchema = z.object({
  ToUserName: z.string().optional(),
  AgentID: z.string().optional(),
  Encrypt: z.string().min(1),
});

/** The outer POST body: `<xml><ToUserName/><AgentID/><Encrypt/></xml>` (WECOM.md §1.3). */
export function parseCallbackEnvelope(xml: string): z.infer<typeof envelopeSchema> {
  const parsed = envelopeSchema.safeParse(parseWecomXml(xml));
  if (!parsed.success) throw new CallbackRejection('malformed_xml', 'envelope has no <Encrypt>');
  return parsed.data;
}
