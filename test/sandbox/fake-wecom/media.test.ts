import { type Fixture, startFake } from './fake-fixture';

let f: Fixture;
beforeEach(async () => {
  f = await startFake();
});
afterEach(() => f.fake.close());

async function upload(type: string, form: FormData): Promise<Record<string, unknown>> {
  const query = new URLSearchParams({ access_token: await f.token(), type });
  const res = await fetch(`${f.url}/cgi-bin/media/upload?${query}`, { method: 'POST', body: form });
  return (await res.json()) as Record<string, unknown>;
}

function formWith(name: string, bytes: Uint8Array, filename: string, type = 'application/pdf'): FormData {
  const form = new FormData();
  form.append(name, new Blob([bytes], { type }), filename);
  return form;
}

const pdf = new TextEncoder().encode('%PDF-1.4 申请表');

describe('media/upload and media/get', () => {
  it('stores a multipart `media` part and serves the same bytes back', async () => {
    const reply = await upload('file', formWith('media', pdf, '申请表.pdf'));
    expect(reply).toMatchObject({ errcode: 0, type: 'file', media_id: expect.any(String) });
    expect(reply.created_at).toBe(String(Math.floor(f.clock.now().getTime() / 1000)));

    const query = new URLSearchParams({ access_token: await f.token(), media_id: String(reply.media_id) });
    const res = await fetch(`${f.url}/cgi-bin/media/get?${query}`);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain('申请表.pdf');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(pdf);
  });

  it('answers JSON 40007 for unknown media and for media older than 3 days', async () => {
    const reply = await upload('file', formWith('media', pdf, 'a.pdf'));
    const get = async (mediaId: string) => {
      const query = new URLSearchParams({ access_token: await f.token(), media_id: mediaId });
      const res = await fetch(`${f.url}/cgi-bin/media/get?${query}`);
      expect(res.headers.get('content-type')).toContain('application/json');
      return res.json();
    };
    expect(await get('nope')).toMatchObject({ errcode: 40007 });
    f.clock.advance(3 * 24 * 3600);
    expect(await get(String(reply.media_id))).toMatchObject({ errcode: 40007 });
  });

  it('checks the type, the part name, the size and the format', async () => {
    expect(await upload('sticker', formWith('media', pdf, 'a.pdf'))).toMatchObject({ errcode: 40005 });
    expect(await upload('file', formWith('file', pdf, 'a.pdf'))).toMatchObject({ errcode: 44001 });
    expect(await upload('file', formWith('media', new Uint8Array(5), 'tiny.bin'))).toMatchObject({
      errcode: 40006,
    });
    expect(await upload('image', formWith('media', pdf, 'scan.gif', 'image/gif'))).toMatchObject({
      errcode: 40004,
    });
    const bigImage = new Uint8Array(10 * 1024 * 1024 + 1);
    expect(await upload('image', formWith('media', bigImage, 'big.png', 'image/png'))).toMatchObject({
      errcode: 40009,
    });
  });
});
