import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { WecomCredentials } from '../core/config/load-config';
import { dispositionFilename } from '../core/wecom/api/wecom-http';

const MEDIA_KINDS = ['file', 'image', 'voice', 'video'] as const;
type MediaKind = (typeof MEDIA_KINDS)[number];

const mediaBody = z.looseObject({
  msgtype: z.enum(MEDIA_KINDS),
  file: z.object({ media_id: z.string() }).optional(),
  image: z.object({ media_id: z.string() }).optional(),
  voice: z.object({ media_id: z.string() }).optional(),
  video: z.object({ media_id: z.string() }).optional(),
});

/** The kind and media id of a sent photo, file, voice or video message; undefined for anything else. */
export function sentMedia(body: unknown): { kind: MediaKind; mediaId: string } | undefined {
  const parsed = mediaBody.safeParse(body);
  if (!parsed.success) return undefined;
  const mediaId = parsed.data[parsed.data.msgtype]?.media_id;
  return mediaId === undefined ? undefined : { kind: parsed.data.msgtype, mediaId };
}

/** `812 B`, `62 KB`, `3.4 MB`: how big a file is, as a person reads it. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** A name that stays inside the folder: no separators, control characters or dot-only names. */
function safeName(name: string | undefined, fallback: string): string {
  const cleaned = (name ?? '')
    .replace(/[\\/]/g, '_')
    .replace(/\p{Cc}/gu, '')
    .trim();
  return cleaned === '' || /^\.+$/.test(cleaned) ? fallback : cleaned;
}

/** `a.pdf`, then `a-2.pdf`, `a-3.pdf`: a second 申请书.pdf never overwrites the first. */
function freePath(dir: string, name: string): string {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 1; ; n += 1) {
    const candidate = path.join(dir, n === 1 ? name : `${stem}-${n}${ext}`);
    if (!fs.existsSync(candidate)) return candidate;
  }
}

const tokenReply = z.object({ errcode: z.number().optional(), access_token: z.string().optional() });
const errorReply = z.object({ errcode: z.number(), errmsg: z.string().optional() });

/**
 * Photos and files the product sends (a 申请书 PDF, a material sent back) fetched from the fake
 * WeCom as the WeCom client would, and saved under a temporary folder so the person at the
 * terminal can open them. The folder is made on first use, one per chat, readable by its owner only.
 */
export class SentMediaSaver {
  private dir: string | undefined;

  constructor(
    private readonly options: {
      credentials: Pick<WecomCredentials, 'corpId' | 'secret'>;
      fakeWecomUrl: () => string;
      /** Where to save; a new temporary folder when absent. */
      dir?: string;
    },
  ) {
    this.dir = options.dir;
  }

  /** One line for the terminal: `[file] 申请书.pdf (62 KB) saved to …`, or why it could not be. */
  async describe(kind: MediaKind, mediaId: string): Promise<string> {
    try {
      const saved = await this.save(mediaId);
      return `[${kind}] ${saved.name} (${formatSize(saved.bytes)}) saved to ${saved.file}`;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return `[${kind}] media ${mediaId} could not be fetched: ${reason}`;
    }
  }

  private async save(mediaId: string): Promise<{ name: string; bytes: number; file: string }> {
    const base = this.options.fakeWecomUrl();
    const { corpId, secret } = this.options.credentials;
    const query = new URLSearchParams({ corpid: corpId, corpsecret: secret });
    const token = tokenReply.parse(await (await fetch(`${base}/cgi-bin/gettoken?${query}`)).json());
    if (!token.access_token) throw new Error(`gettoken answered errcode ${token.errcode ?? '?'}`);
    const get = new URLSearchParams({ access_token: token.access_token, media_id: mediaId });
    const res = await fetch(`${base}/cgi-bin/media/get?${get}`);
    const disposition = res.headers.get('content-disposition');
    const data = Buffer.from(await res.arrayBuffer());
    // Like WeCom, the fake answers an unknown or expired (3 days) media id with JSON and no file.
    if (!disposition) {
      const refused = errorReply.safeParse(JSON.parse(data.toString('utf8')));
      throw new Error(
        refused.success ? `errcode ${refused.data.errcode} ${refused.data.errmsg ?? ''}`.trim() : 'no file',
      );
    }
    const name = safeName(dispositionFilename(disposition), mediaId);
    const dir = this.folder();
    const file = freePath(dir, name);
    fs.writeFileSync(file, data, { mode: 0o600 });
    return { name, bytes: data.length, file };
  }

  private folder(): string {
    this.dir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'shulan-chat-'));
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    return this.dir;
  }
}
