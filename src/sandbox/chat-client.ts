/**
 * What `npm run chat` needs beyond sealing callbacks: the sandbox's clock (callbacks are stamped
 * with the time the service runs on, or it would refuse them as stale) and sending a photo or file
 * as WeCom would (uploaded to the fake's media store first). What was already shown is remembered
 * in `chat-cursor.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { WecomCredentials } from '../core/config/load-config';

const UNITS: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000 };

/** `+2d`, `+3h`, `+30m` (also `2d`) as milliseconds; undefined for anything else. */
export function parseAdvance(text: string): number | undefined {
  const match = /^\+?(\d{1,3})\s*([dhm])$/i.exec(text.trim());
  if (!match) return undefined;
  const ms = Number(match[1]) * UNITS[match[2]!.toLowerCase()]!;
  return ms > 0 ? ms : undefined;
}

const clockReply = z.object({
  errcode: z.number(),
  errmsg: z.string().optional(),
  now: z.string().optional(),
});

/** The sandbox's time; `advanceMs` moves it forward first. */
export async function sandboxTime(fakeUrl: string, advanceMs?: number): Promise<Date> {
  const res = await fetch(`${fakeUrl}/sandbox/clock`, {
    method: advanceMs ? 'POST' : 'GET',
    ...(advanceMs ? { body: JSON.stringify({ advance_ms: advanceMs }) } : {}),
  });
  const reply = clockReply.parse(await res.json());
  if (reply.errcode !== 0 || !reply.now)
    throw new Error(`sandbox clock: ${reply.errcode} ${reply.errmsg ?? ''}`);
  return new Date(reply.now);
}

const MEDIA_TYPES: Record<string, { kind: 'image' | 'file'; contentType: string }> = {
  '.jpg': { kind: 'image', contentType: 'image/jpeg' },
  '.jpeg': { kind: 'image', contentType: 'image/jpeg' },
  '.png': { kind: 'image', contentType: 'image/png' },
  '.pdf': { kind: 'file', contentType: 'application/pdf' },
};

/** Uploads a local file to the fake WeCom (as the WeCom client would) and answers its media id. */
export async function uploadToSandbox(
  fakeUrl: string,
  credentials: Pick<WecomCredentials, 'corpId' | 'secret'>,
  file: string,
): Promise<{ mediaId: string; kind: 'image' | 'file' }> {
  const type = MEDIA_TYPES[path.extname(file).toLowerCase()] ?? {
    kind: 'file' as const,
    contentType: 'application/octet-stream',
  };
  const token = z
    .object({ access_token: z.string() })
    .parse(
      await (
        await fetch(
          `${fakeUrl}/cgi-bin/gettoken?corpid=${credentials.corpId}&corpsecret=${credentials.secret}`,
        )
      ).json(),
    );
  const form = new FormData();
  form.append('media', new Blob([fs.readFileSync(file)], { type: type.contentType }), path.basename(file));
  const res = await fetch(
    `${fakeUrl}/cgi-bin/media/upload?access_token=${token.access_token}&type=${type.kind}`,
    {
      method: 'POST',
      body: form,
    },
  );
  const uploaded = z.object({ media_id: z.string() }).parse(await res.json());
  return { mediaId: uploaded.media_id, kind: type.kind };
}
