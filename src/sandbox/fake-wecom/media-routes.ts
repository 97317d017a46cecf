import type { Route } from './api-route';
import type { FakeState } from './fake-state';
import { multipartBoundary, parseMultipart } from './multipart';

/** media/upload (multipart part `media`) and media/get (bytes, or JSON 40007) — docs/wecom.md §2.8. */
export function mediaRoutes(state: FakeState): Route[] {
  return [
    {
      method: 'POST',
      path: '/cgi-bin/media/upload',
      auth: true,
      handle: (req) => {
        const boundary = multipartBoundary(req.headers['content-type']);
        const parts = boundary === undefined ? undefined : parseMultipart(req.body, boundary);
        return state.media.upload(req.url.searchParams.get('type'), parts);
      },
    },
    {
      method: 'GET',
      path: '/cgi-bin/media/get',
      auth: true,
      handle: (req) => {
        const found = state.media.get(req.url.searchParams.get('media_id'));
        if ('errcode' in found) return found;
        return { binary: found.data, contentType: found.contentType, filename: found.filename };
      },
    },
  ];
}
