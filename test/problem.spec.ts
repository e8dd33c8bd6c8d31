import { Logger } from '@nestjs/common';
import { SessionsService } from '../src/modules/sessions/sessions.service';
import { startWithBody } from './support/app';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

describe('unexpected errors', () => {
  let t: Ctx;

  beforeAll(async () => {
    t = await startWithBody();
  });
  afterAll(async () => t.close());

  it('answer 500 without details and are logged once, with the stack', async () => {
    const list = jest.spyOn(t.app.get(SessionsService), 'list').mockRejectedValue(new Error('kaputt'));
    const log = jest.spyOn(Logger.prototype, 'error');
    try {
      const res = await t.http().get('/v1/bodies/musterstadt/sessions').expect(500);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.body).toMatchObject({ status: 500, detail: 'An unexpected error occurred. Quote the request id when reporting it.' });
      expect(res.text).not.toContain('kaputt');
      expect(log).toHaveBeenCalledTimes(1);
      expect(String(log.mock.calls[0][0])).toContain(`request ${res.body.requestId as string} failed: Error: kaputt`);
    } finally {
      log.mockRestore();
      list.mockRestore();
    }
  });
});
