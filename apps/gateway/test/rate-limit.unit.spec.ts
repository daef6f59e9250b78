import { ClientRateLimiter } from '../src/http/rate-limit.js';

describe('ClientRateLimiter', () => {
  it('allows `max` requests per client in a window, then says how long until it ends', () => {
    const limiter = new ClientRateLimiter(3, 60_000);
    expect([0, 1, 2].map((i) => limiter.hit('203.0.113.1', 1_000 + i))).toEqual([0, 0, 0]);
    expect(limiter.hit('203.0.113.1', 11_000)).toBe(50_000); // the window began at the first request
    expect(limiter.hit('203.0.113.2', 11_000)).toBe(0); // another client has its own allowance
  });

  it('starts a new window when the old one has ended, and refused requests count', () => {
    const limiter = new ClientRateLimiter(1, 1_000);
    expect(limiter.hit('c', 0)).toBe(0);
    expect(limiter.hit('c', 500)).toBe(500);
    expect(limiter.hit('c', 999)).toBe(1);
    expect(limiter.hit('c', 1_000)).toBe(0);
    expect(limiter.hit('c', 1_001)).toBe(999);
  });

  it('keeps at most maxClients windows: expired ones go first, then the oldest', () => {
    const limiter = new ClientRateLimiter(1, 1_000, 3);
    limiter.hit('a', 0);
    limiter.hit('b', 10);
    limiter.hit('c', 2_000); // a and b have expired meanwhile
    limiter.hit('d', 2_001); // full: a and b are dropped
    expect(limiter.clients).toBe(2);
    limiter.hit('e', 2_002);
    limiter.hit('f', 2_003); // full with live windows only: the oldest (c) goes
    expect(limiter.clients).toBe(3);
    expect(limiter.hit('d', 2_004)).toBeGreaterThan(0); // d is still limited
    expect(limiter.hit('c', 2_005)).toBe(0); // c lost its window with its eviction
  });
});
