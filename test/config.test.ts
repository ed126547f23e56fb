import { describe, expect, it } from 'vitest';
import { leesConfig } from '../common/config';

describe('configuration from the environment', () => {
  it('defaults to the embedded dev server and file-backed adapters', () => {
    expect(leesConfig({})).toMatchObject({
      TEMPORAL_ADDRESS: 'localhost:7233',
      TEMPORAL_NAMESPACE: 'default',
      PORT: 3000,
      DATA_DIR: '.data',
    });
    expect(leesConfig({}).NOTIFICATIE_WEBHOOK_URL).toBeUndefined();
  });

  it('treats empty variables (as docker-compose passes them) as unset', () => {
    expect(leesConfig({ NOTIFICATIE_WEBHOOK_URL: '', REGISTRATIE_URL: '' }).REGISTRATIE_URL).toBeUndefined();
  });

  it('names every invalid variable', () => {
    expect(() => leesConfig({ PORT: 'tachtig', REGISTRATIE_URL: 'geen url' })).toThrow(/PORT: .*; REGISTRATIE_URL: /);
  });
});
