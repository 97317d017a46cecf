import { randomBytes } from 'node:crypto';
import { wecomError } from './errcodes';
import type { WecomReply } from './fake-types';
import type { FormPart } from './multipart';

export type MediaType = 'image' | 'voice' | 'video' | 'file';

/** One stored temporary media file. */
export interface StoredMedia {
  mediaId: string;
  type: MediaType;
  filename: string;
  contentType: string;
  data: Buffer;
  createdAt: Date;
}

const MB = 1024 * 1024;
const MEDIA_LIFETIME_MS = 3 * 24 * 3600 * 1000;

/** Size and format rules of 上传临时素材 (docs/wecom.md §2.8), with the errcode each breach answers. */
const RULES: Record<MediaType, { maxBytes: number; sizeErrcode: number; extensions?: RegExp }> = {
  image: { maxBytes: 10 * MB, sizeErrcode: 40009, extensions: /\.(jpe?g|png)$/i },
  voice: { maxBytes: 2 * MB, sizeErrcode: 40006, extensions: /\.amr$/i },
  video: { maxBytes: 10 * MB, sizeErrcode: 40011, extensions: /\.mp4$/i },
  file: { maxBytes: 20 * MB, sizeErrcode: 40006 },
};

/** Largest upload the fake reads (file limit plus multipart overhead). */
export const MAX_UPLOAD_BYTES = 20 * MB + 64 * 1024;

export const isMediaType = (value: string | null): value is MediaType =>
  value === 'image' || value === 'voice' || value === 'video' || value === 'file';

/** Temporary media: uploads with WeCom's checks, downloads, and the 3-day expiry on the fake clock. */
export class MediaStore {
  readonly items = new Map<string, StoredMedia>();

  constructor(private readonly now: () => Date) {}

  /** Checks and stores the `media` part of a media/upload. */
  upload(type: string | null, parts: FormPart[] | undefined): WecomReply {
    if (!isMediaType(type)) return wecomError(40005, 'type must be image, voice, video or file');
    const part = parts?.find((candidate) => candidate.name === 'media');
    if (!part || part.filename === undefined || part.data.length === 0) {
      return wecomError(44001, 'expected a multipart part named "media" with a filename');
    }
    const rule = RULES[type];
    if (part.data.length <= 5 || part.data.length > rule.maxBytes) {
      return wecomError(rule.sizeErrcode, `${part.data.length} bytes`);
    }
    if (rule.extensions && !rule.extensions.test(part.filename)) return wecomError(40004, part.filename);
    const stored = this.add({
      type,
      filename: part.filename,
      data: part.data,
      contentType: part.contentType,
    });
    const createdAt = String(Math.floor(stored.createdAt.getTime() / 1000));
    return { errcode: 0, errmsg: '', type, media_id: stored.mediaId, created_at: createdAt };
  }

  /** Stores media directly, e.g. an image a resident "sent" that the product will fetch. */
  add(media: { type: MediaType; filename: string; data: Buffer; contentType?: string }): StoredMedia {
    const stored: StoredMedia = {
      mediaId: `${media.type[0]}${randomBytes(30).toString('base64url')}`,
      type: media.type,
      filename: media.filename,
      contentType: media.contentType ?? 'application/octet-stream',
      data: media.data,
      createdAt: this.now(),
    };
    this.items.set(stored.mediaId, stored);
    return stored;
  }

  /** The media when it exists and is younger than 3 days. */
  find(mediaId: string): StoredMedia | undefined {
    const stored = this.items.get(mediaId);
    if (!stored || stored.createdAt.getTime() + MEDIA_LIFETIME_MS <= this.now().getTime()) return undefined;
    return stored;
  }

  /** media/get: the stored media, 41006 without media_id, 40007 when unknown or expired. */
  get(mediaId: string | null): StoredMedia | WecomReply {
    if (!mediaId) return wecomError(41006);
    return this.find(mediaId) ?? wecomError(40007, mediaId);
  }
}
