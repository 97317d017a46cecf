/**
 * The floor of the callback-ingest benchmark, run as its own process: a bare Koa handler doing
 * only what every callback costs before our product does anything (verify, decrypt, parse).
 * Prints `listening <url>` once it accepts connections.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import getRawBody from 'raw-body';
import { openCallbackCiphertext } from '../../src/core/wecom/callback/callback-cipher';
import { parseCallbackEnvelope } from '../../src/core/wecom/callback/callback-envelope';
import { verifyCallbackSignature } from '../../src/core/wecom/callback/callback-signature';
import { parseWecomXml } from '../../src/core/wecom/callback/callback-xml';
import { validateInboundMessage } from '../../src/core/wecom/callback/inbound-message-schema';

const token = process.env.WECOM_TOKEN ?? '';
const aesKey = process.env.WECOM_ENCODING_AES_KEY ?? '';
const corpId = process.env.WECOM_CORP_ID ?? '';

const app = new Koa();
app.use(async (ctx) => {
  const q = ctx.query as { msg_signature: string; timestamp: string; nonce: string };
  const envelope = parseCallbackEnvelope(await getRawBody(ctx.req, { limit: 65536, encoding: 'utf8' }));
  verifyCallbackSignature(token, q, envelope.Encrypt);
  validateInboundMessage(parseWecomXml(openCallbackCiphertext(aesKey, envelope.Encrypt, corpId)));
  ctx.body = '';
});
const server = http.createServer(app.callback());
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
