// The UIs keep their own copy of the session's cookie and header names (see libs/ui/src/api/session-names.ts): it
// must say what the contract says, or the gateway refuses every form the portal sends (CSRF_TOKEN_INVALID).
import * as contract from '@profila/contracts';
import * as ui from '../src/api/session-names.js';

describe('the UIs name the CSRF cookie and header as the session contract does', () => {
  it('reads the token from the contract cookie and sends it in the contract header', () => {
    expect(ui.CSRF_COOKIE).toBe(contract.CSRF_COOKIE);
    expect(ui.CSRF_HEADER).toBe(contract.CSRF_HEADER);
  });
});
