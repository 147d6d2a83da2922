/**
 * Port 80 on a layer-7 LB (HAProxy `http-request redirect scheme https`, nginx `return 301 https://...`): it can
 * read the cleartext request, so it answers with a redirect itself and no backend is involved.
 */
import { getHeader } from '../../http/headers';
import { HttpStreamParser } from '../../http/parser';
import { makeResponse, serializeResponse } from '../../http/serialize';
import type { ModeModule } from '../services';

export const redirectToHttps: ModeModule['acceptPlainHttp'] = (front, lb) => {
  const parser = new HttpStreamParser('request');
  return {
    data(bytes) {
      const result = parser.push(bytes);
      for (const m of result.messages) {
        if (m.kind !== 'request') continue;
        const site = lb.ctx.names.site;
        const host = (getHeader(m.message.headers, 'host') ?? site).replace(/[^a-z0-9.-]/gi, '').toLowerCase() || site;
        const location = `https://${host}${m.message.target.startsWith('/') ? m.message.target : '/'}`;
        lb.ctx.log.note('lb.redirected', 'lb', { location, status: 301 });
        front.send(serializeResponse(makeResponse({ status: 301, headers: [['Location', location], ['Connection', 'close']] })));
        front.close();
      }
      if (result.error) front.reset();
    },
    peerClosed: () => front.close(),
  };
};
